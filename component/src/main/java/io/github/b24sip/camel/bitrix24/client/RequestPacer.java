package io.github.b24sip.camel.bitrix24.client;

import io.github.b24sip.camel.bitrix24.spi.SharedRateBucket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Keeps one portal's requests under its limits: a leaky bucket mirrored from the server's (burst, drain per second),
 * so requests wait instead of drawing 503; the operating time each method reported, so a method is slowed before the
 * portal blocks it; and a cap on requests in flight. Shared by every endpoint of the portal in a CamelContext.
 */
public final class RequestPacer {

    private final int burst;
    private final double drainPerSecond;
    private final double operatingLimitSeconds;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final Semaphore inFlight;
    private final Map<String, Operating> operating = new ConcurrentHashMap<>();
    private double level;
    private long lastNanos;
    private long waits;
    private SharedRateBucket shared;
    private String sharedKey;
    /** Reservations so far: each request's ticket. */
    private long tickets;
    /** The busy period (since the bucket was last empty): when it began, its first request, when that answered. */
    private long periodStartNanos;

    private long periodFirstTicket = -1;
    private long periodFirstAnsweredNanos = -1;

    /**
     * The largest margin, and the margin until the first request of a busy period has answered (it may be waiting for
     * a TLS handshake): a quarter second, what the slot kept free by earlier versions covered at 2 per second.
     */
    public static final long MAX_MARGIN_NANOS = 250_000_000L;
    /** The portal's bucket drains on a millisecond clock: the margin covers its rounding. */
    static final long CLOCK_GRANULARITY_NANOS = 1_000_000L;

    /** How the pacer waits; tests pass one that moves their clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private record Operating(double seconds, long resetAtEpochSecond) {}

    /**
     * @param burst                 the bucket size; 0 turns pacing off
     * @param operatingLimitSeconds the portal's operating budget per method over ten minutes
     */
    public RequestPacer(
            int burst,
            double drainPerSecond,
            double operatingLimitSeconds,
            int maxConcurrent,
            LongSupplier nanoClock,
            Sleeper sleeper) {
        this.burst = burst;
        this.drainPerSecond = drainPerSecond;
        this.operatingLimitSeconds = operatingLimitSeconds;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.inFlight = new Semaphore(Math.max(1, maxConcurrent), true);
        this.lastNanos = nanoClock.getAsLong();
    }

    public static RequestPacer system(
            int burst, double drainPerSecond, double operatingLimitSeconds, int maxConcurrent) {
        return new RequestPacer(
                burst,
                drainPerSecond,
                operatingLimitSeconds,
                maxConcurrent,
                System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /**
     * Paces against a bucket shared with other processes instead of this pacer's own: the level comes from
     * {@code bucket}, kept under {@code portalUrl}.
     */
    public synchronized void useSharedBucket(SharedRateBucket bucket, String portalUrl) {
        this.shared = bucket;
        this.sharedKey = portalUrl;
    }

    /**
     * Waits for a slot in flight and a token of the bucket; release the slot with {@link #release()}. Returns the
     * request's ticket, for {@link #answered(long)} when its answer comes.
     */
    public long acquire(String method) throws InterruptedException {
        waitForOperatingBudget(method);
        inFlight.acquire();
        try {
            long ticket;
            long wait;
            synchronized (this) {
                ticket = ++tickets;
                wait = reserve(ticket);
            }
            if (wait > 0) {
                sleeper.sleep(wait);
            }
            return ticket;
        } catch (InterruptedException | RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    /** The portal answered the request of this ticket (whatever it said): it reached the portal. */
    public synchronized void answered(long ticket) {
        if (ticket == periodFirstTicket && periodFirstAnsweredNanos < 0) {
            periodFirstAnsweredNanos = nanoClock.getAsLong();
        }
    }

    public void release() {
        inFlight.release();
    }

    /**
     * Takes one token now and returns how long to wait before sending: the time the bucket needs to drain to make
     * room, plus the {@linkplain #marginNanos() margin}; nothing when that is not positive. Reservations queue up, so
     * concurrent callers are spaced at the drain rate; the margin shifts the queue, it does not add up.
     */
    synchronized long reserve(long ticket) {
        if (burst <= 0) {
            return 0;
        }
        if (shared != null) {
            level = shared.add(sharedKey, drainPerSecond);
            if (level <= 1 || periodFirstTicket < 0) {
                startBusyPeriod(ticket);
            }
        } else {
            drain();
            if (level == 0 || periodFirstTicket < 0) {
                startBusyPeriod(ticket);
            }
            level += 1;
        }
        // a request goes at once only while the bucket is at least a margin's drain below full
        long wait = (long) Math.ceil((level - burst) / drainPerSecond * 1e9) + marginNanos();
        if (wait <= 0) {
            return 0;
        }
        waits++;
        return wait;
    }

    private void startBusyPeriod(long ticket) {
        periodStartNanos = nanoClock.getAsLong();
        periodFirstTicket = ticket;
        periodFirstAnsweredNanos = -1;
    }

    /**
     * The whole bucket is used, but for a margin. The portal drains its bucket from the moment the first request of a
     * busy period arrives; this pacer from the moment that request was reserved. So the portal's bucket is fuller than
     * this pacer's by the time that request took to get there (a TLS handshake, say). No request gets there later than
     * its answer comes back, so the margin is calibrated from observed latency: the time from the start of the busy
     * period to the answer of its first request, plus the portal clock's millisecond. Until that answer, a quarter
     * second; never more. (The portal's own {@code time.start} would date arrivals, but the module's source types it
     * as a whole second.)
     */
    public synchronized long marginNanos() {
        if (periodFirstAnsweredNanos < 0) {
            return MAX_MARGIN_NANOS;
        }
        return Math.min(MAX_MARGIN_NANOS, periodFirstAnsweredNanos - periodStartNanos + CLOCK_GRANULARITY_NANOS);
    }

    private void drain() {
        long now = nanoClock.getAsLong();
        level = Math.max(0, level - (now - lastNanos) / 1e9 * drainPerSecond);
        lastNanos = now;
    }

    /**
     * The server refused with QUERY_LIMIT_EXCEEDED: its bucket is fuller than ours thought (another client); catch up.
     */
    public synchronized void onQueryLimitExceeded() {
        drain();
        level = Math.max(level, burst);
    }

    /** The time to wait before resending after QUERY_LIMIT_EXCEEDED: one slot's drain time. */
    public long retryAfterQueryLimitNanos() {
        return (long) ((drainPerSecond > 0 ? 1 / drainPerSecond : 1) * 1e9);
    }

    /** Records the {@code operating} figures a response reported for a method. */
    public void recordOperating(String method, double seconds, long resetAtEpochSecond) {
        operating.put(method, new Operating(seconds, resetAtEpochSecond));
    }

    /** Waits until the portal's operating window frees, when the method is within 5 s of its budget. */
    void waitForOperatingBudget(String method) throws InterruptedException {
        Operating o = operating.get(method);
        if (o == null || operatingLimitSeconds <= 0 || o.seconds() < operatingLimitSeconds - 5) {
            return;
        }
        long waitMillis = o.resetAtEpochSecond() * 1000 + 1000 - System.currentTimeMillis();
        if (waitMillis > 0) {
            synchronized (this) {
                waits++;
            }
            sleeper.sleep(waitMillis * 1_000_000);
        }
        operating.remove(method);
    }

    /**
     * How long to wait after a first OPERATION_TIME_LIMIT: until the reset time the portal last reported for the method
     * (and a second, as its figure is whole seconds), or 10 s when none is known; never past {@link #OPERATION_BAN}, by
     * when the current module's ban has ended whatever was reported.
     */
    public long retryAfterOperationLimitNanos(String method) {
        Operating o = operating.get(method);
        long waitMillis =
                o == null ? 10_000 : Math.max(1000, o.resetAtEpochSecond() * 1000 + 1000 - System.currentTimeMillis());
        return Math.min(waitMillis, OPERATION_BAN.toMillis() + 1000) * 1_000_000;
    }

    /**
     * How long the current REST module bans a method once its operating time is over the limit
     * ({@code rest/lib/engine/access/loadlimiter.php}, {@code BAN_DURATION}; docs/api-facts.md, "Limits").
     */
    public static final java.time.Duration OPERATION_BAN = java.time.Duration.ofSeconds(300);

    private final Map<String, java.time.Instant> heldMethods = new ConcurrentHashMap<>();

    /**
     * The portal refused the method again after the wait: no request of it is sent until the ban is surely over, a
     * {@link #OPERATION_BAN} from now. Returns that time.
     */
    public java.time.Instant holdAfterOperationLimit(String method) {
        java.time.Instant until = java.time.Instant.now().plus(OPERATION_BAN);
        heldMethods.put(method, until);
        return until;
    }

    /** Until when the method is held after OPERATION_TIME_LIMIT, or null when it may be sent. */
    public java.time.Instant heldUntil(String method) {
        java.time.Instant until = heldMethods.get(method);
        if (until != null && !java.time.Instant.now().isBefore(until)) {
            heldMethods.remove(method, until);
            return null;
        }
        return until;
    }

    /** How often a request had to wait for the bucket or the operating budget. */
    /** The bucket's level as last seen (this pacer's own, or the shared one's at the last request). */
    public synchronized double level() {
        if (shared == null) {
            drain();
        }
        return level;
    }

    /** Requests this pacer let through so far (resends included). */
    public synchronized long requests() {
        return tickets;
    }

    public synchronized long waitCount() {
        return waits;
    }

    public void sleep(long nanos) throws InterruptedException {
        sleeper.sleep(nanos);
    }
}
