package io.github.b24sip.app.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.OwnerOnlyFiles;
import io.github.b24sip.app.secret.SecretSealer;
import io.github.b24sip.app.secret.Secrets;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Installs confirmed but not yet completed. Confirming an install spends its refresh token at the OAuth server, so the
 * pair the server returns is the only way in: it is written here (sealed, owner-only, one file per member_id in the
 * {@code installs} folder beside the portal store's) the moment it is believed, and forgotten once the portal is
 * stored. What a crash or a timeout leaves here is completed at the next start, or when the portal sends the event
 * again (its refresh token spent, the OAuth server refuses it, and the stored pair answers for it).
 */
@ApplicationScoped
public class PendingInstalls {

    /** A confirmed install: who sent it, and what the OAuth server answered. {@code toString} shows no secret. */
    @RegisterForReflection
    public record Pending(String memberId, String applicationToken, OAuthConfirmation confirmation) {
        @Override
        public String toString() {
            return "Pending[memberId=" + memberId + ", " + confirmation + "]";
        }
    }

    private static final Logger LOG = Logger.getLogger(PendingInstalls.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AppConfig config;

    @Inject
    Secrets secrets;

    /** Keeps a confirmed install until {@link #forget} says it is stored. */
    public synchronized void record(Pending install) {
        SecretSealer sealer = sealer();
        ObjectNode node = JSON.createObjectNode();
        String m = install.memberId();
        OAuthConfirmation c = install.confirmation();
        node.put("memberId", m);
        node.put("applicationToken", sealer.seal(install.applicationToken(), context(m, "application-token")));
        node.put("accessToken", sealer.seal(c.accessToken(), context(m, "access")));
        node.put("refreshToken", sealer.seal(c.refreshToken(), context(m, "refresh")));
        node.put("clientEndpoint", c.clientEndpoint());
        node.put("scope", c.scope());
        try {
            OwnerOnlyFiles.replace(file(m), JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot keep the confirmed install of member_id " + m + " ("
                            + e.getClass().getSimpleName() + ")",
                    null);
        }
    }

    public synchronized Optional<Pending> find(String memberId) {
        Path file = file(memberId);
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    public synchronized void forget(String memberId) {
        try {
            Files.deleteIfExists(file(memberId));
        } catch (IOException e) {
            LOG.warnf(
                    "The completed install of member_id %s stays in %s (%s): it is completed again, to the same "
                            + "portal, at the next start",
                    memberId, dir(), e.getClass().getSimpleName());
        }
    }

    /** Every install confirmed and not completed, oldest file first. */
    public synchronized List<Pending> all() {
        Path dir = dir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Pending> pending = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                try {
                    pending.add(read(f));
                } catch (RuntimeException e) {
                    LOG.warnf(
                            "A pending install in %s cannot be read (%s): left there",
                            f, e.getClass().getSimpleName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, null);
        }
        return pending;
    }

    private Pending read(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            SecretSealer sealer = sealer();
            String m = node.path("memberId").asText();
            return new Pending(
                    m,
                    sealer.open(node.path("applicationToken").asText(), context(m, "application-token")),
                    new OAuthConfirmation(
                            sealer.open(node.path("accessToken").asText(), context(m, "access")),
                            sealer.open(node.path("refreshToken").asText(), context(m, "refresh")),
                            m,
                            node.path("clientEndpoint").asText(null),
                            node.path("scope").asText("")));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read " + file + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** The folder: {@code installs} beside the portal store's folder (data/installs by default). */
    Path dir() {
        return Path.of(config.portalStore().dir()).toAbsolutePath().resolveSibling("installs");
    }

    /** One file per member_id, named by its hash: a member_id comes from outside and names no path. */
    private Path file(String memberId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(memberId.getBytes(StandardCharsets.UTF_8));
            return dir().resolve(HexFormat.of().formatHex(hash, 0, 16) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available");
        }
    }

    private SecretSealer sealer() {
        return secrets.sealer("a pending install's tokens");
    }

    private static String context(String memberId, String field) {
        return "install:" + memberId + ":" + field;
    }
}
