package io.github.b24sip.app.account;

import io.github.b24sip.app.desired.RegistrationDriftRound;
import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.camel.voximplant.VoximplantSipException;
import io.github.b24sip.camel.voximplant.model.RegistrationSyncReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * Runs a registrations drift round's repair on the instance that polls the account: a registration whose proxy was
 * changed outside the app is updated back by its id, the others synced to their declaration by the planner (only
 * the differing fields written). A failure is logged; the next poll finds the drift again.
 */
@ApplicationScoped
public class RegistrationRepairs {

    private static final Logger LOG = Logger.getLogger(RegistrationRepairs.class);

    @Inject
    AccountSync sync;

    /** Repairs what the poll's round found; {@code poll} is the poll's exchange, the repair calls' cause. */
    public void repair(Exchange poll, RegistrationDriftRound round) {
        if (!round.repairs()) {
            return;
        }
        String account = round.account();
        try {
            for (Map<String, String> update : round.moved()) {
                sync.update(poll, account, update);
            }
            int synced = 0;
            if (!round.desired().isEmpty() || !round.absent().isEmpty()) {
                RegistrationSyncReport report =
                        sync.sync(poll, account, ChangeSource.REPAIR, round.desired(), round.absent(), false, false);
                synced = report.items().size();
            }
            LOG.infof(
                    "Account %s: drift repaired: %d registrations updated back by id, %d synced to their declaration",
                    account, round.moved().size(), synced);
        } catch (VoximplantSipException e) {
            LOG.warnf("Account %s: repairing its drift failed: %s", account, e.getMessage());
        }
    }
}
