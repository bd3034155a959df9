package io.github.b24sip.app.account;

import io.github.b24sip.app.line.ApiErrorAnswered;
import io.github.b24sip.app.line.CausedCall;
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
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import java.util.List;
import java.util.Map;

/**
 * Runs {@code voximplant-sip-<account>:sync} for a registrations file and a drift repair, and tells what it did (CDI
 * events). A failure of the whole call (network, authentication, after the component's retries) arrives as the
 * component's exception. Each call is made for an exchange under way, its {@code cause}, and is part of its trace
 * ({@link CausedCall}).
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
    public void update(Exchange cause, String account, Map<String, String> params) {
        call(cause, account, accounts.uri(account, "updateSipRegistration"), params, Map.of(), Object.class);
    }

    /**
     * @param desired registrations that must exist (Maps of the CSV columns, e.g. sip_username, proxy, password)
     * @param absent  registrations that must not (sip_username and proxy each)
     */
    public RegistrationSyncReport sync(
            Exchange cause,
            String account,
            ChangeSource source,
            List<?> desired,
            List<?> absent,
            boolean prune,
            boolean dryRun) {
        String uri = accounts.uri(account, "sync?prune=" + prune + "&dryRun=" + dryRun);
        RegistrationSyncReport report = call(
                cause,
                account,
                uri,
                desired,
                Map.of(VoximplantSipConstants.ABSENT_REGISTRATIONS, absent),
                RegistrationSyncReport.class);
        for (RegistrationSyncItem item : report.items()) {
            synced.fire(new LineSynced(account, true, source, LineResult.of(item.action(), item.outcome())));
            if (item.errorCode() != null) {
                apiErrors.fire(new ApiErrorAnswered(account, item.errorCode()));
            }
        }
        return report;
    }

    private <T> T call(
            Exchange cause, String account, String uri, Object body, Map<String, Object> headers, Class<T> type) {
        try {
            return CausedCall.request(template, cause, uri, body, headers, type);
        } catch (VoximplantSipException refused) {
            apiErrors.fire(new ApiErrorAnswered(account, String.valueOf(refused.getCode())));
            throw refused;
        }
    }
}
