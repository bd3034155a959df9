package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.client.StatusStore;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Polls a portal's cloud lines and their registration statuses (get, then status in batches of 50) and emits one
 * exchange per line whose status changed since the last poll; the first poll emits every line. A line without a
 * registration is an {@code error} event too, with the reason as its error message: a cloud line whose registration the
 * portal could not create keeps REG_ID 0 (it is never asked for), and a registration gone from Voximplant answers
 * REG_ID_NOT_FOUND. A failing poll is logged once when polling starts failing and once when it recovers, keeps the last
 * known statuses, and counts for Camel's backoff and consumer health check: DOWN while the portal fails.
 *
 * <p>Delivery is at least once: a change counts as delivered (in memory and in the {@link StatusStore}) only when its
 * exchange completed without an exception. A refused change is offered again on every later poll until it goes
 * through, each line's changes in order ({@link LineStatusLedger}); a crash between a delivery and the store's write
 * repeats that change.
 */
public class Bitrix24SipConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(Bitrix24SipConsumer.class);

    private final Bitrix24SipEndpoint endpoint;
    /** How long a stop waits for a poll under way to commit (its requests have timeouts of their own). */
    static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final LineStatusLedger ledger = new LineStatusLedger();
    /** Held while a poll runs: a stop waits for it. */
    private final ReentrantLock polling = new ReentrantLock();

    private long droppedLogged;
    private boolean loadStored = true;
    private boolean failing;
    private Throwable lastPollFailure;
    private volatile long failedPollsInARow;

    public Bitrix24SipConsumer(Bitrix24SipEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
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
        // (a sink's send cut off after it may have taken the event) and returns at once. Stopping, the poll delivers no
        // further event and commits what it delivered, so an instance taking the portal over (a master: route moving)
        // starts from a store with every delivered change in it and does not deliver one a second time.
        if (polling.tryLock(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            polling.unlock();
        } else {
            LOG.warn("Stopping the status consumer of {} with a poll still under way after {}", host(), STOP_WAIT);
        }
        super.doStop();
    }

    @Override
    protected int poll() throws Exception {
        polling.lock();
        try {
            return pollAndDeliver();
        } finally {
            polling.unlock();
        }
    }

    private int pollAndDeliver() throws Exception {
        StatusStore store = endpoint.getConfiguration().getStatusStore();
        if (loadStored && store != null) {
            ledger.reset(store.load(portalKey()));
            loadStored = false;
        }
        PolledLines polled;
        try {
            polled = PolledLines.read(endpoint.api());
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn(
                        "Polling the SIP line statuses of {} failed: {}. Keeping the last known statuses and backing "
                                + "off.",
                        host(),
                        e.getMessage());
                failing = true;
            }
            lastPollFailure = e;
            failedPollsInARow++;
            throw e;
        }
        if (failing) {
            LOG.info("Polling the SIP line statuses of {} works again", host());
            failing = false;
        }
        lastPollFailure = null;
        failedPollsInARow = 0;
        ((Bitrix24SipComponent) endpoint.getComponent()).statusPolled(Instant.now());
        ledger.observe(
                StatusChanges.observe(host(), polled, ledger::latest),
                seenIds(polled.lines()),
                endpoint.getConfiguration().isEmitUnchanged());
        int offered = 0;
        int refused = 0;
        int deliveredNow = 0;
        for (List<SipLineStatusEvent> line : ledger.pendingByLine()) {
            if (!isRunAllowed()) {
                // stopping: what was delivered is committed below, the rest waits for whoever polls next
                break;
            }
            for (SipLineStatusEvent event : line) {
                offered++;
                Exception failure = deliver(event);
                if (failure != null) {
                    if (refused++ == 0) {
                        getExceptionHandler().handleException("Error processing a SIP line status event", failure);
                    }
                    // this line's later changes wait for this one: an older status never follows a newer one
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
                    host());
        }
        long dropped = ledger.droppedCount();
        if (dropped > droppedLogged) {
            LOG.warn(
                    "{} undelivered status changes of {} were dropped: a line had {} changes waiting for the route",
                    dropped - droppedLogged,
                    host(),
                    LineStatusLedger.MAX_PENDING_PER_LINE);
            droppedLogged = dropped;
        }
        if (store != null && deliveredNow > 0) {
            // committed after the route took them: a crash before this line repeats those changes, never loses one
            store.replace(portalKey(), ledger.deliveredStatuses());
        }
        return offered;
    }

    /** Routes one event; the failure when the exchange did not complete, else null. */
    private Exception deliver(SipLineStatusEvent event) {
        Exchange exchange = createExchange(true);
        exchange.getMessage().setBody(event);
        exchange.getMessage().setHeader(Bitrix24SipConstants.CONFIG_ID, event.configId());
        exchange.getMessage().setHeader(Bitrix24SipConstants.REG_ID, event.regId());
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
     * failing portal; this one drops to zero only when a poll works.
     */
    @Override
    public long getErrorCounter() {
        return failedPollsInARow;
    }

    private static Set<Integer> seenIds(List<SipLine> lines) {
        Set<Integer> ids = new HashSet<>();
        lines.forEach(l -> ids.add(l.configId()));
        return ids;
    }

    private String portalKey() {
        return endpoint.getConfiguration().getPortalUrl().trim();
    }

    private String host() {
        return URI.create(endpoint.getConfiguration().getPortalUrl().trim()).getAuthority();
    }
}
