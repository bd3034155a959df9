package io.github.b24sip.camel.status;

import io.github.b24sip.camel.ApiActivity;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.DefaultScheduledPollConsumerScheduler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A poller that emits one exchange per status change of the things it watches (a portal's lines, an account's
 * registrations); the first poll emits every thing. A failing poll is logged once when polling starts failing and once
 * when it recovers, keeps the last known statuses, and counts for Camel's backoff and consumer health check: DOWN while
 * the source fails.
 *
 * <p>Delivery is at least once: a change counts as delivered (in memory and in the subclass's store) only when its
 * exchange completed without an exception. A refused change is offered again on every later poll until it goes
 * through, each thing's changes in order ({@link StatusLedger}); a crash between a delivery and the store's write
 * repeats that change. A stop waits for a poll under way, which delivers no further event and commits what it
 * delivered, so a consumer taking over elsewhere starts from a store with every delivered change in it.
 *
 * @param <K> the key of a watched thing
 * @param <E> its status event
 */
public abstract class StatusPollConsumer<K, E> extends ScheduledPollConsumer {

    /** How long a stop waits for a poll under way to commit (its requests have timeouts of their own). */
    public static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(StatusPollConsumer.class);

    /**
     * What one poll read: the statuses it could read, the keys of every thing still there, and, when the endpoint asks
     * for it, everything the poll read as one snapshot (null: none).
     */
    public record Poll<K, E>(Collection<E> observed, Set<K> seen, Object snapshot) {

        public Poll(Collection<E> observed, Set<K> seen) {
            this(observed, seen, null);
        }
    }

    private final StatusLedger<K, E> ledger;
    /** Held while a poll runs: a stop waits for it. */
    private final ReentrantLock polling = new ReentrantLock();

    private long droppedLogged;
    private volatile boolean loadStored = true;
    private boolean failing;
    private Throwable lastPollFailure;
    private volatile long failedPollsInARow;
    private volatile Instant lastPollAttempt;

    protected StatusPollConsumer(Endpoint endpoint, Processor processor, StatusLedger<K, E> ledger) {
        super(endpoint, processor);
        this.ledger = ledger;
        // failures are logged here once per change of state, not by Camel on every failed poll; they still count for
        // Camel's backoff (backoffErrorThreshold, backoffMultiplier) and its consumer health check
        setPollStrategy(new QuietPollStrategy());
        ExceptionHandler camelHandler = getExceptionHandler();
        setExceptionHandler(new ExceptionHandler() {
            @Override
            public void handleException(Throwable exception) {
                handleException(null, null, exception);
            }

            @Override
            public void handleException(String message, Throwable exception) {
                handleException(message, null, exception);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable exception) {
                if (exception != lastPollFailure) {
                    camelHandler.handleException(message, exchange, exception);
                }
            }
        });
    }

    /** Reads the source once; throws when it cannot be read. */
    protected abstract Poll<K, E> read(StatusLedger<K, E> ledger);

    /** The statuses stored for this source; null without a store (what is in memory then stays). */
    protected abstract Map<K, E> loadStored();

    /** Replaces the stored statuses with the delivered ones; nothing without a store. */
    protected abstract void store(Collection<E> delivered);

    /** Puts the event on the exchange's message: body and headers. */
    protected abstract void fill(Exchange exchange, E event);

    /** What the source is, for the log: a portal's host, an account. */
    protected abstract String source();

    /** What a status is about, for the log: "SIP line", "SIP registration". */
    protected abstract String subject();

    protected boolean emitUnchanged() {
        return false;
    }

    /** Puts a poll's snapshot on the exchange's message; only called for a poll that read one. */
    protected void fillSnapshot(Exchange exchange, Object snapshot) {
        exchange.getMessage().setBody(snapshot);
    }

    /** The portal's or account's activity, which the polls write (their last success and failure) for the console. */
    protected ApiActivity activity() {
        return ((StatusPollEndpoint) getEndpoint()).activity();
    }

    /** Called after each poll that worked. */
    protected void polled() {
        activity().polled(Instant.now());
    }

    /** Called after each poll that failed, with why. */
    protected void pollFailed(RuntimeException failure) {
        activity().pollFailed(failure);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // ready once started: readiness means "can serve", and a poller that has not polled yet fails nothing; a poll
        // that fails still makes it DOWN (the error counter), and keeps it DOWN until one works
        forceConsumerAsReady();
        // a consumer (re)started, perhaps on another instance: the stored statuses are the ones to compare with
        loadStored = true;
    }

    @Override
    protected void doStop() throws Exception {
        // A poll under way is let finish before Camel cancels the schedule: Camel's cancel interrupts the poll's thread
        // (a sink's send cut off after it may have taken the event) and returns at once.
        awaitPollUnderWay("Stopping");
        super.doStop();
    }

    /**
     * A suspended consumer starts no poll: its schedule is cancelled, and a poll that began just before finds it
     * suspending. Suspending returns once a poll under way has delivered and committed, so whoever polls this source
     * next (another instance taking its leadership over) starts from a store with every delivered change in it. Much
     * cheaper than a stop: the route and its services stay as they are.
     */
    @Override
    protected void doSuspend() throws Exception {
        awaitPollUnderWay("Suspending");
        if (getScheduler() != null) {
            getScheduler().unscheduleTask();
        }
        super.doSuspend();
    }

    /**
     * Resumed, perhaps after another instance polled meanwhile: the stored statuses are the ones to compare with, and
     * the first poll comes after the consumer's {@code initialDelay} as when it was started (set it before resuming to
     * choose the phase), not at the place the schedule had before the suspension.
     */
    @Override
    protected void doResume() throws Exception {
        loadStored = true;
        if (getScheduler() instanceof DefaultScheduledPollConsumerScheduler scheduler) {
            scheduler.setInitialDelay(getInitialDelay());
        }
        if (getScheduler() != null && !getScheduler().isSchedulerStarted()) {
            getScheduler().startScheduler();
        }
        super.doResume();
    }

    private void awaitPollUnderWay(String what) throws InterruptedException {
        if (polling.tryLock(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            polling.unlock();
        } else {
            LOG.warn("{} the status consumer of {} with a poll still under way after {}", what, source(), STOP_WAIT);
        }
    }

    @Override
    protected int poll() throws Exception {
        polling.lock();
        try {
            if (isSuspending() || isSuspended()) {
                // began just before a suspension, which waited for this lock: nothing is polled
                return 0;
            }
            lastPollAttempt = Instant.now();
            return pollAndDeliver();
        } finally {
            polling.unlock();
        }
    }

    private int pollAndDeliver() throws Exception {
        if (loadStored) {
            Map<K, E> stored = loadStored();
            if (stored != null) {
                ledger.reset(stored);
            }
            loadStored = false;
        }
        Poll<K, E> poll;
        try {
            poll = read(ledger);
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn(
                        "Polling the {} statuses of {} failed: {}. Keeping the last known statuses and backing off.",
                        subject(),
                        source(),
                        e.getMessage());
                failing = true;
            }
            lastPollFailure = e;
            failedPollsInARow++;
            pollFailed(e);
            throw e;
        }
        if (failing) {
            LOG.info("Polling the {} statuses of {} works again", subject(), source());
            failing = false;
        }
        lastPollFailure = null;
        failedPollsInARow = 0;
        polled();
        ledger.observe(poll.observed(), poll.seen(), emitUnchanged());
        int offered = 0;
        int refused = 0;
        int deliveredNow = 0;
        for (List<E> changes : ledger.pendingByKey()) {
            if (!isRunAllowed()) {
                // stopping: what was delivered is committed below, the rest waits for whoever polls next
                break;
            }
            for (E event : changes) {
                offered++;
                Exception failure = deliver(e -> fill(e, event));
                if (failure != null) {
                    if (refused++ == 0) {
                        getExceptionHandler()
                                .handleException("Error processing a " + subject() + " status event", failure);
                    }
                    // this thing's later changes wait for this one: an older status never follows a newer one
                    break;
                }
                ledger.delivered(event);
                deliveredNow++;
            }
        }
        if (refused > 0) {
            LOG.warn(
                    "{} of {} status events of {} were not taken by the route; they are offered again on the next poll",
                    refused,
                    offered,
                    source());
        }
        long dropped = ledger.droppedCount();
        if (dropped > droppedLogged) {
            LOG.warn(
                    "{} undelivered status changes of {} were dropped: a {} had {} changes waiting for the route",
                    dropped - droppedLogged,
                    source(),
                    subject(),
                    StatusLedger.MAX_PENDING_PER_KEY);
            droppedLogged = dropped;
        }
        if (deliveredNow > 0) {
            // committed after the route took them: a crash before this line repeats those changes, never loses one
            store(ledger.deliveredStatuses());
        }
        if (poll.snapshot() != null && refused == 0 && isRunAllowed()) {
            // after the status changes, so that the route sees the snapshot with every status it explains; a refused
            // snapshot is not offered again: the next poll reads a newer one. When the route refused a status event
            // (its sinks are down, say), the snapshot is skipped too: offering it would only slow this poll further
            offered++;
            Exception failure = deliver(e -> fillSnapshot(e, poll.snapshot()));
            if (failure != null) {
                getExceptionHandler().handleException("Error processing the " + subject() + " snapshot", failure);
            }
        }
        return offered;
    }

    /** Routes one exchange filled by {@code filling}; the failure when it did not complete, else null. */
    private Exception deliver(java.util.function.Consumer<Exchange> filling) {
        Exchange exchange = createExchange(true);
        filling.accept(exchange);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        if (failure == null && exchange.isRollbackOnly()) {
            failure = new IllegalStateException("the exchange was marked rollback only");
        }
        releaseExchange(exchange, false);
        return failure;
    }

    /**
     * The polls that failed since the last one that worked. Camel's own counter restarts from zero when a backoff ends,
     * before the next poll has even been tried, so its consumer health check would read UP while that poll waits on a
     * failing source; this one drops to zero only when a poll works.
     */
    /**
     * When this consumer last began a poll, whether it worked or not; empty before its first. Whether anybody polls a
     * source at all (with several instances, whether its leader runs its poller) is read from this.
     */
    public Optional<Instant> lastPollAttempt() {
        return Optional.ofNullable(lastPollAttempt);
    }

    @Override
    public long getErrorCounter() {
        return failedPollsInARow;
    }
}
