package io.github.b24sip.app.account;

import io.github.b24sip.app.line.ApiErrorAnswered;
import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.app.line.LineResult;
import io.github.b24sip.app.line.LineSynced;
import io.github.b24sip.camel.voximplant.VoximplantSipConstants;
import io.github.b24sip.camel.voximplant.VoximplantSipException;
import io.github.b24sip.camel.voximplant.model.RegistrationSyncItem;
import io.github.b24sip.camel.voximplant.model.RegistrationSyncReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;

import java.util.List;
import java.util.Map;

/**
 * Runs {@code voximplant-sip-<account>:sync} for the CSV and command flows and tells what it did (CDI events). A failure of the
 * whole call (network, authentication, after the component's retries) arrives as the component's exception.
 */
@ApplicationScoped
public class AccountSync {

    @Inject
    Accounts accounts;

    @Inject
    ProducerTemplate template;

    @Inject
    Event<LineSynced> synced;

    @Inject
    Event<ApiErrorAnswered> apiErrors;

    /** One UpdateSipRegistration with these parameters (sip_registration_id among them), e.g. a drift's repair. */
    public void update(String account, Map<String, String> params) {
        try {
            template.requestBody(accounts.uri(account, "updateSipRegistration"), params);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof VoximplantSipException failure) {
                apiErrors.fire(new ApiErrorAnswered(account, String.valueOf(failure.getCode())));
                throw failure;
            }
            throw e;
        }
    }

    /**
     * @param desired registrations that must exist (Maps of the CSV columns, e.g. sip_username, proxy, password)
     * @param absent  registrations that must not (sip_username and proxy each)
     */
    public RegistrationSyncReport sync(
            String account, ChangeSource source, List<?> desired, List<?> absent, boolean prune, boolean dryRun) {
        String uri = accounts.uri(account, "sync?prune=" + prune + "&dryRun=" + dryRun);
        RegistrationSyncReport report;
        try {
            report = template.requestBodyAndHeaders(
                    uri,
                    desired,
                    Map.of(VoximplantSipConstants.ABSENT_REGISTRATIONS, absent),
                    RegistrationSyncReport.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof VoximplantSipException failure) {
                apiErrors.fire(new ApiErrorAnswered(account, String.valueOf(failure.getCode())));
                throw failure;
            }
            throw e;
        }
        for (RegistrationSyncItem item : report.items()) {
            synced.fire(new LineSynced(account, true, source, LineResult.of(item.action(), item.outcome())));
            if (item.errorCode() != null) {
                apiErrors.fire(new ApiErrorAnswered(account, item.errorCode()));
            }
        }
        return report;
    }
}
