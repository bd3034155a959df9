package io.github.b24sip.app.desired;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.portal.DriftPolicy;
import io.github.b24sip.camel.voximplant.model.RegistrationSpec;
import io.github.b24sip.camel.voximplant.model.SipRegistration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drift of a Voximplant account's SIP registrations, detected from each registrations poll's snapshot at no extra
 * request on the instance that polls the account, reported and repaired as a portal's lines are ({@link DriftWatch}):
 * the route calls {@link #observe}, sends the events, {@link #commit}s, then runs the round's repair.
 */
@ApplicationScoped
public class RegistrationDriftWatch {

    @Inject
    DeclaredState declared;

    @Inject
    AppConfig config;

    Clock clock = Clock.systemUTC();

    private final RoundsInFlight rounds = new RoundsInFlight();

    /** A poll's snapshot of this account is judged now, unless the previous one still is (then it is skipped). */
    public boolean claim(String account) {
        return rounds.claim(account);
    }

    /** The account's round is over: the next snapshot is judged. */
    public void release(String account) {
        rounds.release(account);
    }

    public RegistrationDriftRound observe(String account, DriftPolicy policy, List<SipRegistration> registrations) {
        if (policy == DriftPolicy.OFF) {
            return RegistrationDriftRound.none(account);
        }
        AccountDeclaration declaration = declared.ofAccount(account);
        DriftRecord record = declared.accountDrift(account);
        if (declaration.registrations().isEmpty() && record.reported().isEmpty()) {
            return RegistrationDriftRound.none(account);
        }
        Instant now = clock.instant();
        if (DriftLedger.settling(declaration.changedAt(), now, config.drift().settle())) {
            return RegistrationDriftRound.none(account);
        }
        List<Drift> drifts = RegistrationDriftDetector.detect(declaration, registrations);
        DriftLedger.Outcome round = DriftLedger.round(
                new DriftLedger.Subject(account, true),
                drifts,
                record,
                policy,
                now,
                config.drift().repairsPerHour(),
                Drift::title,
                drift -> {
                    DeclaredRegistration d = declaration.registrations().get(drift.title());
                    return d == null ? null : d.origin();
                },
                key -> {
                    DeclaredRegistration d = declaration.registrations().get(key);
                    return d == null ? Instant.EPOCH : d.declaredAt();
                },
                drift -> true);
        List<Map<String, String>> desired = new ArrayList<>();
        List<Map<String, String>> absent = new ArrayList<>();
        List<Map<String, String>> moved = new ArrayList<>();
        Map<String, SipRegistration> byKey = new LinkedHashMap<>();
        registrations.stream()
                .filter(r -> r.sipUsername() != null && r.proxy() != null)
                .forEach(r -> byKey.putIfAbsent(RegistrationSpec.key(r.sipUsername(), r.proxy()), r));
        for (Drift drift : round.toRepair()) {
            DeclaredRegistration d = declaration.registrations().get(drift.title());
            if (drift.kind() == DriftKind.UNEXPECTED) {
                absent.add(Map.of(
                        "sip_username",
                        d.fields().get("sip_username"),
                        "proxy",
                        d.fields().get("proxy")));
            } else if (drift.kind() == DriftKind.CHANGED && drift.fields().contains("proxy")) {
                RegistrationDriftDetector.moved(declaration, d, byKey).ifPresent(r -> {
                    // the declared proxy back onto the registration's id, with the declared SIP fields; the next
                    // poll compares the rest (bindings) against the registration found under its key again
                    Map<String, String> update = new LinkedHashMap<>();
                    update.put("sip_registration_id", String.valueOf(r.sipRegistrationId()));
                    for (String field : List.of("proxy", "auth_user", "outbound_proxy", "password")) {
                        if (d.fields().get(field) != null) {
                            update.put(field, d.fields().get(field));
                        }
                    }
                    moved.add(update);
                });
            } else {
                desired.add(d.fields());
            }
        }
        if (round.events().isEmpty()
                && round.next().equals(record)
                && round.toRepair().isEmpty()) {
            return RegistrationDriftRound.none(account);
        }
        return new RegistrationDriftRound(account, round.events(), round.next(), desired, absent, moved);
    }

    /** The round's events were sent: what was reported is kept for the next poll, on whichever instance. */
    public void commit(RegistrationDriftRound round) {
        if (round.next() != null) {
            declared.saveAccountDrift(round.account(), round.next());
        }
    }
}
