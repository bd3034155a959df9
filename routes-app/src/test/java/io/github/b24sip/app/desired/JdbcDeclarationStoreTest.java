package io.github.b24sip.app.desired;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.secret.SecretSealer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances' stores on one PostgreSQL (a real one, with the app's migration): declarations made on both at once
 * for one portal all land, each sees the other's, the drift record one writes is the one the other reads, and the row
 * holds no password.
 */
class JdbcDeclarationStoreTest {

    private static final String PASSWORD = "declared-" + Long.toHexString(new SecureRandom().nextLong());
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private static EmbeddedPostgres pg;
    private static SecretSealer sealer;

    @BeforeAll
    static void startDatabase() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        sealer = SecretSealer.of(Base64.getEncoder().encodeToString(key), List.of(), "b24sip.secrets.key");
        pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                InputStream in = JdbcDeclarationStoreTest.class
                        .getClassLoader()
                        .getResourceAsStream("db/migration/V7__declared_lines.sql")) {
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        pg.close();
    }

    private static JdbcDeclarationStore instance() {
        return new JdbcDeclarationStore(
                pg.getPostgresDatabase(),
                new DeclarationCodec(() -> sealer, new ObjectMapper().findAndRegisterModules()));
    }

    private static DeclaredLine line(String title) {
        return new DeclaredLine(title, "cloud", "sip.example.com", "acc", PASSWORD, false, "row of " + title, AT);
    }

    @Test
    void twoInstancesDeclaringAtOnceBothLandAndShareTheDriftRecord() throws Exception {
        JdbcDeclarationStore a = instance();
        JdbcDeclarationStore b = instance();
        CompletableFuture<?>[] writers = IntStream.range(0, 2)
                .mapToObj(i -> CompletableFuture.runAsync(() -> {
                    JdbcDeclarationStore store = i == 0 ? a : b;
                    for (int n = 0; n < 40; n++) {
                        String title = "line-" + i + "-" + n;
                        store.update("sales", d -> d.with(List.of(line(title))));
                    }
                }))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(writers).join();

        PortalDeclaration seenByA = a.load("sales");
        assertThat(seenByA.lines())
                .as("no declaration lost to the other instance's")
                .hasSize(80);
        assertThat(seenByA.lines().get("line-1-7")).isEqualTo(line("line-1-7"));
        assertThat(rows()).contains("sealed:v1:").doesNotContain(PASSWORD);

        Drift drift = new Drift("line-0-1", 3, DriftKind.MISSING, List.of());
        a.saveDrift(
                "sales", new DriftRecord(Map.of("line-0-1", new DriftRecord.Reported(drift, AT)), Map.of(), Map.of()));
        assertThat(b.loadDrift("sales").reported()).containsOnlyKeys("line-0-1");

        b.delete("sales");
        assertThat(a.load("sales").isEmpty()).isTrue();
        assertThat(a.loadDrift("sales").reported()).isEmpty();
    }

    private static String rows() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT doc FROM b24sip_declared")) {
            while (r.next()) {
                out.append(r.getString(1)).append('\n');
            }
        }
        return out.toString();
    }
}
