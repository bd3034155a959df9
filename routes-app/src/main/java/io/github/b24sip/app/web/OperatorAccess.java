package io.github.b24sip.app.web;

import io.github.b24sip.app.AppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Who may read the operator page and its reports, which list every portal's lines: with {@code b24sip.api.token} set,
 * a request carries the token (as {@code Bearer}, or as the password of HTTP Basic), or the session cookie a browser
 * gets by signing in with it. The cookie holds a random session id ({@link OperatorSessions}), never the token, so it
 * opens the page but not the API, ends with its expiry or a sign-out, and is worth nothing once either came. Without a
 * token the page is open, to loopback unless {@code b24sip.api.open} ({@link OperatorNetwork}).
 */
@ApplicationScoped
public class OperatorAccess {

    public static final String COOKIE = "b24sip_session";

    @Inject
    AppConfig config;

    @Inject
    OperatorSessions sessions;

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
        return cookies != null && cookieValue(cookies).map(sessions::valid).orElse(false);
    }

    /** True when {@code given} is the configured token (compared in constant time). */
    public boolean matches(String given) {
        return given != null && token().map(t -> equal(given, t)).orElse(false);
    }

    /**
     * Signs a browser in: a new session, and the Set-Cookie value that carries it (HttpOnly, SameSite=Strict, for the
     * whole app, expiring with the session; Secure when the request came over HTTPS).
     */
    public String signIn(boolean https) {
        return COOKIE + "=" + sessions.open() + "; Path=/; Max-Age="
                + sessions.timeout().toSeconds() + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    /** Signs the browser out: its session ends on every instance, and the Set-Cookie value that clears the cookie. */
    public String signOut(String cookies, boolean https) {
        if (cookies != null) {
            cookieValue(cookies).ifPresent(sessions::close);
        }
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    private Optional<String> token() {
        return config.api().token().filter(t -> !t.isBlank());
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
