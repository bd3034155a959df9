package io.github.b24sip.simulator.journal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Masks secrets before anything reaches the journal or a log line. */
public final class Redaction {

    public static final String MASK = "***";
    private static final Set<String> SECRET_KEYS = Set.of(
            "password",
            "incoming_password",
            "auth",
            "access_token",
            "refresh_token",
            "client_secret",
            "code",
            "api_key",
            "token",
            "private_key",
            "secret");
    private static final Pattern SECRET_PAIR = Pattern.compile("(?i)((?:^|[&?])(?:[a-z_]*\\[)?"
            + "(?:password|incoming_password|auth|access_token|refresh_token|client_secret|api_key|token)"
            + "\\]?=)[^&]*");

    private Redaction() {}

    public static boolean isSecretKey(String key) {
        return SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT));
    }

    /** A deep copy with secret values masked, including key=value pairs inside strings (batch commands). */
    public static Map<String, Object> params(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, isSecretKey(k) ? MASK : value(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object v) {
        if (v instanceof Map<?, ?> m) {
            return params((Map<String, Object>) m);
        }
        if (v instanceof String s && s.indexOf('=') >= 0) {
            return SECRET_PAIR.matcher(s).replaceAll("$1" + MASK);
        }
        return v;
    }

    /** A webhook path with its code masked: /rest/1/abc/method → /rest/1/***&#47;method. */
    public static String webhookPath(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length >= 5 && "rest".equals(parts[1]) && parts[2].chars().allMatch(Character::isDigit)) {
            parts[3] = MASK;
            return String.join("/", parts);
        }
        return path;
    }
}
