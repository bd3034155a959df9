package io.github.b24sip.app.desired;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was declared for one Voximplant account's SIP registrations, by key ({@code sip_username@proxy}), present or
 * absent, and when it last changed (a declaration this young is not judged yet: see {@link PortalDeclaration}).
 */
@RegisterForReflection
public record AccountDeclaration(String account, Map<String, DeclaredRegistration> registrations, Instant changedAt) {

    public AccountDeclaration {
        registrations = Map.copyOf(registrations);
    }

    public static AccountDeclaration none(String account) {
        return new AccountDeclaration(account, Map.of(), null);
    }

    /** With these registrations declared; one declared again without a password keeps the one declared before. */
    public AccountDeclaration with(Collection<DeclaredRegistration> declared, Instant at) {
        Map<String, DeclaredRegistration> next = new LinkedHashMap<>(registrations);
        for (DeclaredRegistration r : declared) {
            DeclaredRegistration before = next.get(r.key());
            next.put(
                    r.key(),
                    r.password() == null && !r.absent() && before != null && !before.absent()
                            ? r.withPassword(before.password())
                            : r);
        }
        return new AccountDeclaration(account, next, at);
    }

    /** The same declaration with other registrations (sealed or opened passwords, at rest). */
    AccountDeclaration withRegistrations(Map<String, DeclaredRegistration> other) {
        return new AccountDeclaration(account, other, changedAt);
    }
}
