package io.github.b24sip.app.ops;

import io.github.b24sip.app.AppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may read the operator page and its reports, which list every portal's lines: with {@code b24sip.api.token} set,
 * a request carries the token (as {@code Bearer}, or as the password of HTTP Basic), or the session cookie a browser
 * gets by signing in with it. The cookie holds an HMAC of the token, never the token, so it opens the page but not the
 * API. Without a token everything is open, as {@code /api/*} is.
 */
@ApplicationScoped
public class OperatorAccess {

    public static final String COOKIE = "b24sip_session";

    @Inject
    AppConfig config;

    public boolean required() {
        return token().isPresent();
    }

    /** True when the request may read the page: no token configured, or one of the three proofs of it. */
    public boolean allows(String authorization, String cookies) {
        Optional<String> token = token();
        if (token.isEmpty()) {
            return true;
        }
        if (authorization != null) {
            String given = authorization.trim();
            if (given.regionMatches(true, 0, "Bearer ", 0, 7)
                    && matches(given.substring(7).trim())) {
                return true;
            }
            if (given.regionMatches(true, 0, "Basic ", 0, 6)
                    && matches(basicPassword(given.substring(6).trim()))) {
                return true;
            }
        }
        return cookies != null
                && cookieValue(cookies).map(v -> equal(v, session(token.get()))).orElse(false);
    }

    /** True when {@code given} is the configured token (compared in constant time). */
    public boolean matches(String given) {
        return given != null && token().map(t -> equal(given, t)).orElse(false);
    }

    /** The Set-Cookie value for a signed-in browser: HttpOnly, SameSite=Strict, for the whole app. */
    public String sessionCookie() {
        return COOKIE + "=" + session(token().orElseThrow()) + "; Path=/; HttpOnly; SameSite=Strict";
    }

    private Optional<String> token() {
        return config.api().token().filter(t -> !t.isBlank());
    }

    private static String session(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal("b24sip operator page".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available");
        }
    }

    private static String basicPassword(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : pair.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Optional<String> cookieValue(String cookies) {
        for (String part : cookies.split(";")) {
            String c = part.trim();
            if (c.startsWith(COOKIE + "=")) {
                return Optional.of(c.substring(COOKIE.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
