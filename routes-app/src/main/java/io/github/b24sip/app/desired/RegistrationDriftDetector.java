package io.github.b24sip.app.desired;

import io.github.b24sip.camel.voximplant.model.RegistrationSpec;
import io.github.b24sip.camel.voximplant.model.SipRegistration;
import io.github.b24sip.camel.voximplant.sync.RegistrationPlanner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the registrations one poll read (GetSipRegistrations) with an account's declaration, on the fields the
 * API returns and the planner writes ({@link RegistrationPlanner#differences}); the password is not readable, so not
 * compared. Registrations are matched by {@code sip_username@proxy}; a declared registration whose proxy was changed
 * outside the app is the account's only undeclared registration of that user name, and comes out {@code changed} on
 * {@code proxy} rather than {@code missing}.
 */
public final class RegistrationDriftDetector {

    private RegistrationDriftDetector() {}

    public static List<Drift> detect(AccountDeclaration declared, List<SipRegistration> registrations) {
        Map<String, SipRegistration> byKey = new LinkedHashMap<>();
        for (SipRegistration r : registrations) {
            if (r.sipUsername() != null && r.proxy() != null) {
                byKey.putIfAbsent(RegistrationSpec.key(r.sipUsername(), r.proxy()), r);
            }
        }
        List<Drift> drifts = new ArrayList<>();
        declared.registrations().forEach((key, d) -> {
            SipRegistration r = byKey.get(key);
            if (d.absent()) {
                if (r != null) {
                    drifts.add(new Drift(key, null, DriftKind.UNEXPECTED, List.of()));
                }
                return;
            }
            if (r != null) {
                List<String> fields = RegistrationPlanner.differences(d.spec(), r);
                if (!fields.isEmpty()) {
                    drifts.add(new Drift(key, null, DriftKind.CHANGED, fields));
                }
                return;
            }
            Optional<SipRegistration> moved = moved(declared, d, byKey);
            if (moved.isPresent()) {
                List<String> fields = new ArrayList<>(List.of("proxy"));
                fields.addAll(RegistrationPlanner.differences(d.spec(), moved.get()));
                drifts.add(new Drift(key, null, DriftKind.CHANGED, fields));
            } else {
                drifts.add(new Drift(key, null, DriftKind.MISSING, List.of()));
            }
        });
        return drifts;
    }

    /**
     * The registration a declared one became when its proxy was changed outside the app: the one registration of the
     * same user name that no declaration names.
     */
    public static Optional<SipRegistration> moved(
            AccountDeclaration declared, DeclaredRegistration d, Map<String, SipRegistration> byKey) {
        List<SipRegistration> candidates = byKey.entrySet().stream()
                .filter(e -> !declared.registrations().containsKey(e.getKey())
                        && d.sipUsername().trim().equals(e.getValue().sipUsername()))
                .map(Map.Entry::getValue)
                .toList();
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }
}
