package io.github.b24sip.app.web;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.cluster.SharedStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator page's sign-ins: a random id per sign-in (32 bytes from {@link SecureRandom}), kept server-side as its
 * SHA-256 only, valid until {@code b24sip.api.session-timeout} after the sign-in or until a sign-out. With several
 * instances they are kept in PostgreSQL ({@code b24sip_sessions}), so a browser may reach any instance; alone, in
 * memory (a restart signs every browser out).
 */
@ApplicationScoped
public class OperatorSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AppConfig config;

    @Inject
    SharedStore shared;

    private final Map<String, Instant> local = new ConcurrentHashMap<>();
    private Clock clock = Clock.systemUTC();

    /** A new session; returns its id, for the cookie only. */
    public String open() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(timeout());
        if (shared.enabled()) {
            sql("DELETE FROM b24sip_sessions WHERE expires_at < now()", null, null);
            sql(
                    "INSERT INTO b24sip_sessions (id_hash, expires_at) VALUES (?, now() + ? * interval '1 millisecond')",
                    hash(id),
                    timeout().toMillis());
        } else {
            local.values().removeIf(at -> at.isBefore(now));
            local.put(hash(id), expires);
        }
        return id;
    }

    /** True while the session is open: not signed out, not expired. */
    public boolean valid(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return false;
        }
        if (shared.enabled()) {
            try (Connection c = shared.dataSource().getConnection();
                    PreparedStatement s = c.prepareStatement(
                            "SELECT 1 FROM b24sip_sessions WHERE id_hash = ? AND expires_at > now()")) {
                s.setString(1, hash(id));
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            } catch (SQLException e) {
                return false; // the page asks to sign in again; nothing is opened by a failure
            }
        }
        Instant expires = local.get(hash(id));
        return expires != null && expires.isAfter(clock.instant());
    }

    /** Signs the session out, here and on every instance. */
    public void close(String id) {
        if (id == null) {
            return;
        }
        if (shared.enabled()) {
            sql("DELETE FROM b24sip_sessions WHERE id_hash = ?", hash(id), null);
        } else {
            local.remove(hash(id));
        }
    }

    public Duration timeout() {
        return config.api().sessionTimeout();
    }

    /** For tests of the expiry: the clock the in-memory sessions are timed by. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    private void sql(String statement, String text, Long number) {
        try (Connection c = shared.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(statement)) {
            if (text != null) {
                s.setString(1, text);
            }
            if (number != null) {
                s.setLong(2, number);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Operator sessions: SQL state " + e.getSQLState());
        }
    }

    private static String hash(String id) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available");
        }
    }
}
