package io.github.b24sip.app.desired;

import io.github.b24sip.camel.voximplant.model.RegistrationSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One SIP registration of a Voximplant account as declared (a registrations CSV row, a registration command): its
 * fields as given ({@code sip_username}, {@code proxy}, {@code auth_user}, ... and the password), or {@code absent}
 * (a delete), and where the declaration came from. {@code toString} never prints the password.
 */
@RegisterForReflection
public record DeclaredRegistration(
        String sipUsername, Map<String, String> fields, boolean absent, String origin, Instant declaredAt) {

    public DeclaredRegistration {
        fields = Map.copyOf(fields);
    }

    /** The key registrations are matched by: the user name at the proxy host ({@link RegistrationSpec#key}). */
    public String key() {
        return RegistrationSpec.key(fields.get("sip_username"), fields.get("proxy"));
    }

    public static DeclaredRegistration of(Map<String, String> fields, boolean absent, String origin, Instant at) {
        Map<String, String> given = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v != null) {
                given.put(k, v);
            }
        });
        return new DeclaredRegistration(given.get("sip_username"), given, absent, origin, at);
    }

    /** The registration as the planner takes it. */
    public RegistrationSpec spec() {
        return RegistrationSpec.from(fields);
    }

    public String password() {
        return fields.get("password");
    }

    public DeclaredRegistration withPassword(String newPassword) {
        Map<String, String> next = new LinkedHashMap<>(fields);
        if (newPassword == null) {
            next.remove("password");
        } else {
            next.put("password", newPassword);
        }
        return new DeclaredRegistration(sipUsername, next, absent, origin, declaredAt);
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(fields);
        shown.computeIfPresent("password", (k, v) -> "***");
        return "DeclaredRegistration[" + shown + ", absent=" + absent + ", origin=" + origin + "]";
    }
}
