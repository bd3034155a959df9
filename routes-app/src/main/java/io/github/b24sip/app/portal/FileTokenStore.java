package io.github.b24sip.app.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.b24sip.camel.bitrix24.client.TokenPair;
import io.github.b24sip.camel.bitrix24.client.TokenStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Keeps one portal's rotated OAuth pair in a file readable by its owner only, so a restart goes on with the pair
 * the last refresh issued (the previous refresh token is spent). Written to a temporary file, then moved in place.
 */
public final class FileTokenStore implements TokenStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public FileTokenStore(Path file) {
        this.file = file;
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
            return new TokenPair(
                    node.path("accessToken").asText(null),
                    node.path("refreshToken").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the token file " + file + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    @Override
    public synchronized void save(String portalUrl, String clientId, TokenPair tokens) {
        ObjectNode node = JSON.createObjectNode()
                .put("portalUrl", portalUrl)
                .put("clientId", clientId)
                .put("accessToken", tokens.accessToken())
                .put("refreshToken", tokens.refreshToken());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            createOwnerOnly(tmp);
            Files.write(tmp, JSON.writeValueAsBytes(node));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write the token file " + file + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    private static void createOwnerOnly(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(path);
        }
    }

    @Override
    public String toString() {
        return "FileTokenStore[" + file + "]";
    }
}
