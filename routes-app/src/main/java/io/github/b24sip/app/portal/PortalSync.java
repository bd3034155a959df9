package io.github.b24sip.app.portal;

import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.app.line.LineResult;
import io.github.b24sip.app.ops.AppMetrics;
import io.github.b24sip.camel.bitrix24.Bitrix24SipConstants;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;

import java.util.Collection;
import java.util.List;

/**
 * Runs {@code bitrix24-sip-<portal>:sync} for the CSV and command flows and counts what it did. A failure of the
 * whole call (network, authentication, limits after the component's retries) arrives as the component's exception.
 */
@ApplicationScoped
public class PortalSync {

    @Inject
    Portals portals;

    @Inject
    ProducerTemplate template;

    @Inject
    AppMetrics metrics;

    public SyncReport sync(
            String portal,
            ChangeSource source,
            List<SipLineSpec> desired,
            Collection<String> absentTitles,
            boolean prune,
            boolean dryRun) {
        String uri = portals.uri(portal, "sync?prune=" + prune + "&dryRun=" + dryRun);
        SyncReport report;
        try {
            report = template.requestBodyAndHeader(
                    uri, desired, Bitrix24SipConstants.ABSENT_TITLES, List.copyOf(absentTitles), SyncReport.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof Bitrix24SipException failure) {
                metrics.apiError(portal, failure.getErrorCode());
                throw failure;
            }
            throw e;
        }
        for (SyncItem item : report.items()) {
            metrics.line(portal, source, LineResult.of(item));
            if (item.errorCode() != null) {
                metrics.apiError(portal, item.errorCode());
            }
        }
        return report;
    }
}
