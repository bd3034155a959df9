package io.github.b24sip.app.portal;

import io.github.b24sip.app.line.ApiErrorAnswered;
import io.github.b24sip.app.line.CausedCall;
import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.app.line.LineResult;
import io.github.b24sip.app.line.LineSynced;
import io.github.b24sip.app.line.LineUndeletable;
import io.github.b24sip.camel.bitrix24.Bitrix24SipConstants;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import io.github.b24sip.camel.bitrix24.sync.SyncRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code bitrix24-sip-<portal>:sync} (and the reads around it) for a CSV file's lanes, a drift repair and the
 * declared-lines API, and tells what it did (CDI events). A failure of the whole call (network, authentication, limits
 * after the component's retries) arrives as the component's exception.
 *
 * <p>Each call is made for an exchange already under way, its {@code cause} (the file's, the poll's, the request's),
 * and is part of its trace ({@link CausedCall}).
 */
@ApplicationScoped
public class PortalSync {

    private static final Logger LOG = Logger.getLogger(PortalSync.class);

    @Inject
    Portals portals;

    @Inject
    ProducerTemplate template;

    @Inject
    Event<LineSynced> synced;

    @Inject
    Event<ApiErrorAnswered> apiErrors;

    @Inject
    Event<LineUndeletable> undeletable;

    /** Syncs running per portal: a poll meanwhile would see a portal half way to what was just declared. */
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

    /** Whether a sync of the portal is running now (a CSV chunk, a prune, a repair). */
    public boolean syncing(String portal) {
        AtomicInteger n = running.get(portal);
        return n != null && n.get() > 0;
    }

    /** Runs the request on the portal; {@code existingLines} as {@link #lines} read them earlier, or null. */
    public SyncReport sync(Exchange cause, String portal, ChangeSource source, SyncRequest request) {
        String uri = portals.uri(portal, "sync?prune=" + request.prune() + "&dryRun=" + request.dryRun());
        Map<String, Object> headers = new HashMap<>();
        headers.put(Bitrix24SipConstants.ABSENT_TITLES, request.absentTitles());
        if (request.existingLines() != null) {
            headers.put(Bitrix24SipConstants.EXISTING_LINES, request.existingLines());
        }
        List<?> desired = request.desired();
        AtomicInteger count = running.computeIfAbsent(portal, p -> new AtomicInteger());
        count.incrementAndGet();
        SyncReport report;
        try {
            report = call(cause, portal, uri, desired, headers, SyncReport.class);
        } finally {
            count.decrementAndGet();
        }
        for (SyncItem item : report.items()) {
            synced.fire(new LineSynced(portal, false, source, LineResult.of(item)));
            if (item.errorCode() != null) {
                apiErrors.fire(new ApiErrorAnswered(portal, item.errorCode()));
            }
            if (LineUndeletable.REG_ID_NOT_FOUND.equals(item.errorCode()) && item.configId() != null) {
                undeletable.fire(new LineUndeletable(portal, item.configId()));
            }
        }
        return report;
    }

    /** Every line of the portal, read once (a page of 50 a request). */
    @SuppressWarnings("unchecked")
    public List<SipLine> lines(Exchange cause, String portal) {
        return call(cause, portal, portals.uri(portal, "get"), null, Map.of(), List.class);
    }

    /** The LINE_ID of the portal's default outgoing line ({@code LINK_BASE_NUMBER} when it has none). */
    public String outgoingLine(Exchange cause, String portal) {
        return call(cause, portal, portals.uri(portal, "outgoingGet"), null, Map.of(), String.class);
    }

    /**
     * Makes this SIP line (by CONFIG_ID) the portal's default outgoing line: every user of the portal calls out through
     * it. {@code source} says who asked, for the log.
     */
    public void setOutgoing(Exchange cause, String portal, ChangeSource source, int configId) {
        call(cause, portal, portals.uri(portal, "outgoingSipSet"), configId, Map.of(), Boolean.class);
        LOG.infof("Portal %s: CONFIG_ID %d made its default outgoing line (%s)", portal, configId, source.wireName());
    }

    private <T> T call(
            Exchange cause, String portal, String uri, Object body, Map<String, Object> headers, Class<T> type) {
        try {
            return CausedCall.request(template, cause, uri, body, headers, type);
        } catch (Bitrix24SipException refused) {
            apiErrors.fire(new ApiErrorAnswered(portal, refused.getErrorCode()));
            throw refused;
        }
    }
}
