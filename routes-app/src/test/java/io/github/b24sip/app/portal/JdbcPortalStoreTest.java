package io.github.b24sip.app.portal;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portals of several instances in PostgreSQL (a real one, started by the test, with the app's migrations): secrets
 * sealed in the row, found by member_id for an install that reaches an instance before it took the portal in, a
 * signature that moves with every save and delete, and a row left in clear sealed when read.
 */
class JdbcPortalStoreTest {

    private static EmbeddedPostgres pg;
    private static final String CODE = "webhook-code-7c1d";
    private static final String REFRESH = "refresh-token-91ab";

    private static final SecretSealer SEALER = SecretSealer.of(newKey(), List.of(), "b24sip.secrets.key");
    private final JdbcPortalStore store =
            new JdbcPortalStore(pg.getPostgresDatabase(), () -> SEALER, new ObjectMapper());

    @BeforeAll
    static void startDatabase() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            for (String migration : List.of(
                    "db/camel-bitrix24-sip/V1__shared_store.sql",
                    "db/camel-bitrix24-sip/V2__leases.sql",
                    "db/migration/V3__portals.sql")) {
                s.execute(resource(migration));
            }
        }
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        pg.close();
    }

    @Test
    void secretsAreSealedInTheRowAndAPortalIsFoundByItsMemberId() throws Exception {
        String before = store.signature();
        store.save(installed("acme", "member-acme"));
        store.save(webhook("sales"));
        assertThat(store.signature()).isNotEqualTo(before);

        assertThat(store.findByMemberId("member-acme")).get().satisfies(p -> {
            assertThat(p.name()).isEqualTo("acme");
            assertThat(p.refreshToken()).isEqualTo(REFRESH);
            assertThat(p.source()).isEqualTo(PortalSource.INSTALL);
        });
        assertThat(store.findByMemberId("member-nobody")).isEmpty();
        assertThat(store.loadAll()).extracting(PortalDefinition::name).contains("acme", "sales");
        assertThat(rows()).contains("sealed:v1:").doesNotContain(CODE).doesNotContain(REFRESH);

        String saved = store.signature();
        assertThat(store.delete("sales")).isTrue();
        assertThat(store.delete("sales")).isFalse();
        assertThat(store.signature()).isNotEqualTo(saved);
    }

    @Test
    void aRowLeftInClearIsSealedWhenRead() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO b24sip_portals (name, source, settings, revision) VALUES ('old', 'api', "
                    + "'{\"url\":\"https://old.bitrix24.com\",\"user-id\":\"1\",\"token\":\"" + CODE + "\"}', "
                    + "nextval('b24sip_portal_revisions'))");
        }
        assertThat(store.loadAll())
                .filteredOn(p -> p.name().equals("old"))
                .singleElement()
                .extracting(PortalDefinition::token)
                .isEqualTo(CODE);
        assertThat(rows()).doesNotContain(CODE);
    }

    private static PortalDefinition webhook(String name) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("url", "https://" + name + ".bitrix24.com");
        s.put("user-id", "1");
        s.put("token", CODE);
        return PortalDefinition.of(name, s, PortalSource.API);
    }

    private static PortalDefinition installed(String name, String memberId) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("url", "https://" + name + ".bitrix24.com");
        s.put("client-id", "app.1");
        s.put("client-secret", "secret-1");
        s.put("access-token", "access-1");
        s.put("refresh-token", REFRESH);
        s.put("member-id", memberId);
        s.put("application-token", "application-token-1");
        return PortalDefinition.of(name, s, PortalSource.INSTALL);
    }

    private static String rows() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT settings FROM b24sip_portals")) {
            while (r.next()) {
                out.append(r.getString(1)).append('\n');
            }
        }
        return out.toString();
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = JdbcPortalStoreTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
