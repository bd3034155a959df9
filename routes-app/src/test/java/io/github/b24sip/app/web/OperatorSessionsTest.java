package io.github.b24sip.app.web;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.cluster.SharedStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions on one instance: random ids, valid until their expiry or a sign-out, the id itself never kept. */
class OperatorSessionsTest {

    @Test
    void aSessionEndsAtItsExpiryOrItsSignOut() {
        OperatorSessions sessions = sessions(Duration.ofMinutes(30));
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        sessions.clock(Clock.fixed(start, ZoneOffset.UTC));
        String first = sessions.open();
        String second = sessions.open();
        assertThat(first).isNotEqualTo(second).hasSizeGreaterThanOrEqualTo(43);
        assertThat(sessions.valid(first)).isTrue();
        assertThat(sessions.valid("not-a-session")).isFalse();
        assertThat(sessions.valid(null)).isFalse();

        sessions.close(second);
        assertThat(sessions.valid(second)).as("signed out").isFalse();
        assertThat(sessions.valid(first)).isTrue();

        sessions.clock(Clock.fixed(start.plus(Duration.ofMinutes(29)), ZoneOffset.UTC));
        assertThat(sessions.valid(first)).isTrue();
        sessions.clock(Clock.fixed(start.plus(Duration.ofMinutes(31)), ZoneOffset.UTC));
        assertThat(sessions.valid(first)).as("expired").isFalse();
    }

    /** With several instances: in PostgreSQL (a real one, with the app's migration), the ids kept as hashes only. */
    @Test
    void withSeveralInstancesASessionIsSharedAndItsSignOutHoldsEverywhere() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            DataSource db = pg.getPostgresDatabase();
            try (Connection c = db.getConnection();
                    Statement s = c.createStatement();
                    InputStream sql =
                            OperatorSessionsTest.class.getResourceAsStream("/db/migration/V6__sessions.sql")) {
                s.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
            }
            OperatorSessions one = sessions(Duration.ofMinutes(30), db);
            OperatorSessions other = sessions(Duration.ofMinutes(30), db);
            String id = one.open();
            assertThat(other.valid(id))
                    .as("signed in on one instance, valid on the other")
                    .isTrue();
            try (Connection c = db.getConnection();
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT id_hash FROM b24sip_sessions")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isNotEqualTo(id).hasSize(64);
            }
            other.close(id);
            assertThat(one.valid(id)).as("signed out on the other").isFalse();
        }
    }

    private static OperatorSessions sessions(Duration timeout) {
        return sessions(timeout, null);
    }

    /** The bean, its settings from a proxy: only the session timeout is read; shared when given a database. */
    private static OperatorSessions sessions(Duration timeout, DataSource db) {
        OperatorSessions sessions = new OperatorSessions();
        AppConfig.Api api = (AppConfig.Api) Proxy.newProxyInstance(
                AppConfig.Api.class.getClassLoader(),
                new Class<?>[] {AppConfig.Api.class},
                (p, m, a) -> m.getName().equals("sessionTimeout") ? timeout : null);
        sessions.config = (AppConfig) Proxy.newProxyInstance(
                AppConfig.class.getClassLoader(),
                new Class<?>[] {AppConfig.class},
                (p, m, a) -> m.getName().equals("api") ? api : null);
        sessions.shared = new SharedStore() {
            @Override
            public boolean enabled() {
                return db != null;
            }

            @Override
            public DataSource dataSource() {
                return db;
            }
        };
        return sessions;
    }
}
