package io.github.b24sip.app.desired;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.secret.SecretSealer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Declarations survive a restart (a new store over the same folder), their passwords sealed at rest in owner-only
 * files, and the drift record with them.
 */
class FileDeclarationStoreTest {

    private static final String PASSWORD = "declared-" + Long.toHexString(new SecureRandom().nextLong());
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    private static FileDeclarationStore store(Path dir, String key) {
        SecretSealer sealer = SecretSealer.of(key, List.of(), "b24sip.secrets.key");
        return new FileDeclarationStore(
                dir, new DeclarationCodec(() -> sealer, new ObjectMapper().findAndRegisterModules()));
    }

    @Test
    void aDeclarationIsKeptAcrossARestartWithItsPasswordSealed(@TempDir Path dir) throws Exception {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String key = Base64.getEncoder().encodeToString(raw);
        DeclaredLine line =
                new DeclaredLine("Trunk", "cloud", "sip.example.com", "acc-1", PASSWORD, false, "a.csv row 2", AT);
        store(dir, key).update("sales", d -> d.with(List.of(line)).mirrored(k -> true, "a.mirror.csv"));
        Drift drift = new Drift("Trunk", 7, DriftKind.CHANGED, List.of("server"));
        store(dir, key)
                .saveDrift(
                        "sales",
                        new DriftRecord(
                                Map.of("trunk", new DriftRecord.Reported(drift, AT)),
                                Map.of("trunk", List.of(AT)),
                                Map.of()));

        Path file = dir.resolve("sales.json");
        assertThat(Files.readString(file)).contains("sip.example.com").doesNotContain(PASSWORD);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        FileDeclarationStore restarted = store(dir, key);
        PortalDeclaration loaded = restarted.load("sales");
        assertThat(loaded.mirror()).isTrue();
        assertThat(loaded.mirrorOrigin()).isEqualTo("a.mirror.csv");
        assertThat(loaded.lines()).containsExactly(Map.entry("trunk", line));
        assertThat(restarted.loadDrift("sales").reported().get("trunk")).isEqualTo(new DriftRecord.Reported(drift, AT));
        assertThat(restarted.load("other").isEmpty()).isTrue();
    }
}
