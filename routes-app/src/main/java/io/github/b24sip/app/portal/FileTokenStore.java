package io.github.b24sip.app.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.b24sip.app.OwnerOnlyFiles;
import io.github.b24sip.app.secret.SecretSealer;
import io.github.b24sip.camel.bitrix24.spi.TokenPair;
import io.github.b24sip.camel.bitrix24.spi.TokenStore;
import io.github.b24sip.camel.jdbc.TokenSealing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Keeps one portal's rotated OAuth pair in a file readable by its owner only, so a restart goes on with the pair the
 * last refresh issued (the previous refresh token is spent). The tokens are sealed ({@link SecretSealer}); a file an
 * earlier version wrote in clear is read, then sealed at once. Written to a temporary file, then moved in place.
 */
public final class FileTokenStore implements TokenStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Supplier<SecretSealer> sealers;

    public FileTokenStore(Path file, Supplier<SecretSealer> sealers) {
        this.file = file;
        this.sealers = sealers;
    }

    @Override
    public synchronized TokenPair load(String portalUrl, String clientId) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            var node = JSON.readTree(file.toFile());
            if (!clientId.equals(node.path("clientId").asText())
                    || !portalUrl.equals(node.path("portalUrl").asText())) {
                return null; // kept for another application or portal: not ours to use
            }
            SecretSealer sealer = sealers.get();
            String access = node.path("accessToken").asText(null);
            String refresh = node.path("refreshToken").asText(null);
            TokenPair pair = new TokenPair(
                    sealer.open(access, TokenSealing.tokenContext(portalUrl, clientId, "access")),
                    sealer.open(refresh, TokenSealing.tokenContext(portalUrl, clientId, "refresh")));
            if (sealer.needsResealing(access) || sealer.needsResealing(refresh)) {
                save(portalUrl, clientId, pair);
            }
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the token file " + file + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    @Override
    public synchronized void save(String portalUrl, String clientId, TokenPair tokens) {
        SecretSealer sealer = sealers.get();
        ObjectNode node = JSON.createObjectNode()
                .put("portalUrl", portalUrl)
                .put("clientId", clientId)
                .put(
                        "accessToken",
                        sealer.seal(tokens.accessToken(), TokenSealing.tokenContext(portalUrl, clientId, "access")))
                .put(
                        "refreshToken",
                        sealer.seal(tokens.refreshToken(), TokenSealing.tokenContext(portalUrl, clientId, "refresh")));
        try {
            OwnerOnlyFiles.replace(file, JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write the token file " + file + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** Deletes the file: the portal is gone (uninstalled or removed), and its tokens with it. */
    public synchronized void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the token file " + file, null);
        }
    }

    @Override
    public String toString() {
        return "FileTokenStore[" + file + "]";
    }
}
