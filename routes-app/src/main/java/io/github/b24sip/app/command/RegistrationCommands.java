package io.github.b24sip.app.command;

import io.github.b24sip.app.account.Accounts;
import io.github.b24sip.app.desired.DeclaredRegistration;
import io.github.b24sip.app.desired.DeclaredState;
import io.github.b24sip.app.line.ApiErrorAnswered;
import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.app.line.LineResult;
import io.github.b24sip.app.line.LineSynced;
import io.github.b24sip.camel.voximplant.VoximplantSipConstants;
import io.github.b24sip.camel.voximplant.VoximplantSipException;
import io.github.b24sip.camel.voximplant.VoximplantSipValidationException;
import io.github.b24sip.camel.voximplant.model.RegistrationSpec;
import io.github.b24sip.camel.voximplant.model.RegistrationSyncItem;
import io.github.b24sip.camel.voximplant.model.RegistrationSyncReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A command of {@code kind} registration, planned as a one-registration sync of its account: an upsert is the desired
 * registration, a delete an absent one, so a redelivered command changes nothing the second time. Input that can
 * never succeed is a {@link CommandRejectedException}; a transient failure is the component's exception, retried.
 */
@ApplicationScoped
public class RegistrationCommands {

    @Inject
    Accounts accounts;

    @Inject
    DeclaredState declared;

    @Inject
    Event<LineSynced> synced;

    @Inject
    Event<ApiErrorAnswered> apiErrors;

    CommandPlan.Registration plan(LineCommand command, ChangeSource source, boolean checkKey, String key) {
        String account = accounts.resolve(command.account())
                .orElseThrow(() -> new CommandRejectedException("command " + command.id() + ": account "
                        + (command.account() == null
                                ? "is required"
                                : "'" + command.account().trim() + "' is not a configured account "
                                        + accounts.names())));
        String action = command.action() == null ? "" : command.action().trim().toLowerCase(Locale.ROOT);
        if (!action.equals("upsert") && !action.equals("delete")) {
            throw new CommandRejectedException(
                    "command " + command.id() + ": action must be upsert or delete, not '" + command.action() + "'");
        }
        LineCommand.Registration r = command.registration();
        Map<String, String> registration = new LinkedHashMap<>();
        put(registration, "sip_username", r.sipUsername());
        put(registration, "proxy", r.proxy());
        if (action.equals("upsert")) {
            put(registration, "auth_user", r.authUser());
            put(registration, "outbound_proxy", r.outboundProxy());
            put(registration, "password", r.password());
            put(registration, "application", r.application());
            put(registration, "rule", r.rule());
            put(registration, "user", r.user());
        }
        try {
            RegistrationSpec.from(registration);
        } catch (VoximplantSipValidationException e) {
            throw new CommandRejectedException("command " + command.id() + ": registration." + e.getMsg());
        }
        if (checkKey && !account.equals(key)) {
            throw new CommandRejectedException("command " + command.id() + ": the record key "
                    + (key == null ? "is missing" : "'" + key + "' is not the command's account")
                    + "; produce registration commands keyed by their account ('" + account
                    + "'), so that each account's commands keep their order");
        }
        boolean upsert = action.equals("upsert");
        declared.declareRegistrations(
                account,
                List.of(DeclaredRegistration.of(
                        registration,
                        !upsert,
                        "command " + command.id() + " (" + source.wireName() + ")",
                        Instant.now())));
        return new CommandPlan.Registration(
                command.id(),
                source,
                accounts.uri(account, "sync?prune=false&dryRun=false"),
                upsert ? List.of(registration) : List.of(),
                Map.of(VoximplantSipConstants.ABSENT_REGISTRATIONS, upsert ? List.of() : List.of(registration)),
                account,
                action,
                registration.get("sip_username"),
                registration.get("proxy"));
    }

    /** The command's result from its sync's report, each item counted; a failed item fails the command. */
    CommandResult result(CommandPlan.Registration plan, RegistrationSyncReport report) {
        for (RegistrationSyncItem i : report.items()) {
            synced.fire(new LineSynced(plan.account(), true, plan.source(), LineResult.of(i.action(), i.outcome())));
            if (i.errorCode() != null) {
                apiErrors.fire(new ApiErrorAnswered(plan.account(), i.errorCode()));
            }
        }
        RegistrationSyncItem item = report.itemFor(plan.sipUsername(), plan.proxy());
        if (item == null) {
            throw new IllegalStateException("command " + plan.commandId() + ": the sync's report has no item for it");
        }
        if (item.failed()) {
            int code = parseCode(item.errorCode());
            if (VoximplantSipException.isTransient(code)) {
                // no answer, or the API said to come back: retried, then dead-lettered
                throw new VoximplantSipException("sync", code, item.errorDescription(), 0);
            }
            throw new CommandRejectedException(
                    "command " + plan.commandId() + ": " + item.errorCode() + ": " + item.errorDescription());
        }
        return new CommandResult(
                plan.commandId(),
                null,
                plan.action(),
                item.key(),
                LineResult.of(item.action(), item.outcome()),
                null,
                item.sipRegistrationId(),
                null,
                LineCommand.REGISTRATION,
                plan.account());
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.trim());
        }
    }

    private static int parseCode(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException | NullPointerException e) {
            // a check of the sync's own (INVALID_INPUT): not an answer of the API, never worth a retry
            return -1;
        }
    }
}
