package io.github.b24sip.app.portal;

import io.github.b24sip.app.TraceContext;
import io.github.b24sip.app.line.ApiErrorAnswered;
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
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs {@code bitrix24-sip-<portal>:sync} for the CSV and command flows and tells what it did (CDI events). A failure of the
 * whole call (network, authentication, limits after the component's retries) arrives as the component's exception.
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

    @Inject
    TraceContext trace;

    /** Syncs running per portal: a poll meanwhile would see a portal half way to what was just declared. */
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

    /** Whether a sync of the portal is running now (a CSV chunk, a prune, a repair). */
    public boolean syncing(String portal) {
        AtomicInteger n = running.get(portal);
        return n != null && n.get() > 0;
    }

    /** Runs the request on the portal; {@code existingLines} as {@link #lines} read them earlier, or null. */
    public SyncReport sync(String portal, ChangeSource source, SyncRequest request) {
        String uri = portals.uri(portal, "sync?prune=" + request.prune() + "&dryRun=" + request.dryRun());
        Map<String, Object> headers = new HashMap<>(trace.headers());
        headers.put(Bitrix24SipConstants.ABSENT_TITLES, request.absentTitles());
        if (request.existingLines() != null) {
            headers.put(Bitrix24SipConstants.EXISTING_LINES, request.existingLines());
        }
        List<?> desired = request.desired();
        AtomicInteger count = running.computeIfAbsent(portal, p -> new AtomicInteger());
        count.incrementAndGet();
        SyncReport report;
        try {
            report = call(portal, () -> template.requestBodyAndHeaders(uri, desired, headers, SyncReport.class));
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
    public List<SipLine> lines(String portal) {
        return call(
                portal,
                () -> template.requestBodyAndHeaders(portals.uri(portal, "get"), null, trace.headers(), List.class));
    }

    /** The LINE_ID of the portal's default outgoing line ({@code LINK_BASE_NUMBER} when it has none). */
    public String outgoingLine(String portal) {
        return call(
                portal,
                () -> template.requestBodyAndHeaders(
                        portals.uri(portal, "outgoingGet"), null, trace.headers(), String.class));
    }

    /**
     * Makes this SIP line (by CONFIG_ID) the portal's default outgoing line: every user of the portal calls out through
     * it. {@code source} says who asked, for the log.
     */
    public void setOutgoing(String portal, ChangeSource source, int configId) {
        call(
                portal,
                () -> template.requestBodyAndHeaders(
                        portals.uri(portal, "outgoingSipSet"), configId, trace.headers(), Boolean.class));
        LOG.infof("Portal %s: CONFIG_ID %d made its default outgoing line (%s)", portal, configId, source.wireName());
    }

    private <T> T call(String portal, Supplier<T> call) {
        try {
            return call.get();
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof Bitrix24SipException failure) {
                apiErrors.fire(new ApiErrorAnswered(portal, failure.getErrorCode()));
                throw failure;
            }
            throw e;
        }
    }
}
