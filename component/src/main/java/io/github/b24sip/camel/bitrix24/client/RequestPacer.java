package io.github.b24sip.camel.bitrix24.client;

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

    /** Waits for a slot in flight and a token of the bucket; release the slot with {@link #release()}. */
    public void acquire(String method) throws InterruptedException {
        waitForOperatingBudget(method);
        inFlight.acquire();
        try {
            long wait = reserve();
            if (wait > 0) {
                sleeper.sleep(wait);
            }
        } catch (InterruptedException | RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    public void release() {
        inFlight.release();
    }

    /**
     * Takes one token now and returns how long to wait before sending: the time the bucket needs to drain to make
     * room. Reservations queue up, so concurrent callers are spaced at the drain rate.
     */
    synchronized long reserve() {
        if (burst <= 0) {
            return 0;
        }
        if (shared != null) {
            level = shared.add(sharedKey, drainPerSecond);
        } else {
            drain();
            level += 1;
        }
        int usable = usableSlots();
        if (level <= usable) {
            return 0;
        }
        waits++;
        return (long) Math.ceil((level - usable) / drainPerSecond * 1e9);
    }

    /**
     * The slots the pacer fills. Some stay free: requests reach the server with varying delay (a TLS handshake
     * holds the first ones back while the server's empty bucket drains nothing), so they can arrive bunched; the
     * margin absorbs a quarter second of such bunching, and at least one slot of clock granularity.
     */
    int usableSlots() {
        int margin = Math.max(1, (int) Math.ceil(drainPerSecond * 0.25));
        return Math.max(1, burst - margin);
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

    /** Until when to wait after OPERATION_TIME_LIMIT: the reported reset time, or 10 s when none is known. */
    public long retryAfterOperationLimitNanos(String method) {
        Operating o = operating.get(method);
        long waitMillis =
                o == null ? 10_000 : Math.max(1000, o.resetAtEpochSecond() * 1000 + 1000 - System.currentTimeMillis());
        return waitMillis * 1_000_000;
    }

    /** How often a request had to wait for the bucket or the operating budget. */
    public synchronized long waitCount() {
        return waits;
    }

    public void sleep(long nanos) throws InterruptedException {
        sleeper.sleep(nanos);
    }
}
