package io.github.b24sip.camel.voximplant.model;

import io.github.b24sip.camel.voximplant.VoximplantSipValidationException;

import java.util.Locale;
import java.util.Map;

/**
 * A SIP registration as it should be, for {@code voximplant-sip:sync}. It is known by its key, {@code sip_username} at
 * {@code proxy}: those two never change in a sync (another pair is another registration). A field left null is left as
 * it is; {@code application}, {@code rule} and {@code user} take an id (digits) or a name.
 */
public record RegistrationSpec(
        String sipUsername,
        String proxy,
        String authUser,
        String outboundProxy,
        String password,
        String application,
        String rule,
        String user) {

    public static final String SYNC = "SyncSipRegistrations";

    /** The key: the user name as given (SIP user names are case sensitive), at the proxy host without regard to case. */
    public String key() {
        return key(sipUsername, proxy);
    }

    public static String key(String sipUsername, String proxy) {
        return sipUsername.trim() + "@" + proxy.trim().toLowerCase(Locale.ROOT);
    }

    /** A spec from a record, a Map of the API's snake_case names, or a Map of the CSV columns. */
    public static RegistrationSpec from(Object item) {
        if (item instanceof RegistrationSpec spec) {
            return spec.checked();
        }
        if (!(item instanceof Map<?, ?> map)) {
            throw new VoximplantSipValidationException(
                    SYNC, null, "each desired registration must be a RegistrationSpec or a Map, not " + typeOf(item));
        }
        for (Object k : map.keySet()) {
            if (!KNOWN.contains(String.valueOf(k))) {
                throw new VoximplantSipValidationException(SYNC, String.valueOf(k), "is not a registration field");
            }
        }
        return new RegistrationSpec(
                        text(map, "sip_username"),
                        text(map, "proxy"),
                        text(map, "auth_user"),
                        text(map, "outbound_proxy"),
                        text(map, "password"),
                        text(map, "application"),
                        text(map, "rule"),
                        text(map, "user"))
                .checked();
    }

    private static final java.util.Set<String> KNOWN = java.util.Set.of(
            "sip_username", "proxy", "auth_user", "outbound_proxy", "password", "application", "rule", "user");

    /** Refuses what the API would, naming the field: a key part missing, a rule or user without an application. */
    public RegistrationSpec checked() {
        if (blank(sipUsername)) {
            throw new VoximplantSipValidationException(SYNC, "sip_username", "is required");
        }
        if (blank(proxy)) {
            throw new VoximplantSipValidationException(SYNC, "proxy", "is required");
        }
        if (proxy.trim().contains(" ") || proxy.trim().contains("/")) {
            throw new VoximplantSipValidationException(
                    SYNC, "proxy", "must be a host, or host:port, not '" + proxy.trim() + "'");
        }
        if ((!blank(rule) || !blank(user)) && blank(application)) {
            throw new VoximplantSipValidationException(
                    SYNC, blank(rule) ? "user" : "rule", "needs the application it belongs to");
        }
        return this;
    }

    @Override
    public String toString() {
        return "RegistrationSpec[" + key() + ", password=" + (password == null ? "null" : "***") + "]";
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String text(Map<?, ?> map, String key) {
        Object v = map.get(key);
        return v == null || String.valueOf(v).isBlank()
                ? null
                : String.valueOf(v).trim();
    }

    private static String typeOf(Object item) {
        return item == null ? "null" : item.getClass().getSimpleName();
    }
}
