package io.github.b24sip.app.portal;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.camel.TrustStores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.support.jsse.SSLContextParameters;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * A portal's trust store, opened for its component: a PKCS12 file, or CA certificates given as PEM text. Read once per
 * change: cached by what was read (the file's path, its bytes and the password; or the PEM text), so a corrected
 * password or a replaced file takes effect at once, a wrong password is never masked by a good entry, and portals
 * trusting the same store share one TLS parameters instance (and so one HTTP client). The component gets the key store
 * as read, never the path again.
 *
 * <p>A portal given through the portal API comes from a caller who need not be this machine's operator: its file must
 * lie in {@code b24sip.trust-store-dir} (owner-only), and be there in fact (a symbolic link may lead only to a file
 * inside it); a path outside is refused without looking at it, so an answer never tells whether a file exists
 * elsewhere. Every file is
 * size-capped and never quoted: a FIFO would block, a device would never end, and an error would leak its bytes.
 */
@ApplicationScoped
public class PortalTrustStores {

    /** A trust store is a few KB; a file far larger is not one, and is not read. */
    static final long MAX_TRUST_STORE_BYTES = 1024 * 1024;

    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    @Inject
    AppConfig config;

    private final Map<String, SSLContextParameters> opened = new HashMap<>();

    /** The portal's TLS parameters: null when it trusts the JVM's default CAs; fails naming the field at fault. */
    public synchronized SSLContextParameters of(PortalDefinition p) {
        if (p.trustStorePem() != null) {
            return opened.computeIfAbsent(
                    "pem\n" + sha256(p.trustStorePem().getBytes(StandardCharsets.UTF_8)),
                    k -> TrustStores.of(PemCertificates.trustStore(p.trustStorePem())));
        }
        if (p.trustStoreFile() == null) {
            return null;
        }
        Path file =
                p.source() == PortalSource.API ? insideTrustStoreDir(p.trustStoreFile()) : Path.of(p.trustStoreFile());
        byte[] bytes = read(file);
        String key = "file\n" + file.toAbsolutePath() + "\n" + sha256(bytes) + "\n"
                + sha256((p.trustStorePassword() == null ? "" : p.trustStorePassword())
                        .getBytes(StandardCharsets.UTF_8));
        SSLContextParameters cached = opened.get(key);
        if (cached != null) {
            return cached;
        }
        SSLContextParameters parameters = TrustStores.of(load(bytes, p.trustStorePassword()));
        opened.put(key, parameters);
        return parameters;
    }

    /**
     * The file an API portal names, by a name or a path inside {@code b24sip.trust-store-dir}: a path that leads out of
     * it is refused as given, before anything is looked up.
     */
    Path insideTrustStoreDir(String given) {
        Path dir = Path.of(config.trustStoreDir()).toAbsolutePath().normalize();
        Path file = dir.resolve(given).normalize();
        if (!file.startsWith(dir) || file.equals(dir)) {
            throw new InvalidPortalException(
                    "trust-store-file",
                    "a portal given through the API names a trust store in b24sip.trust-store-dir (" + dir
                            + "), or gives trust-store-pem");
        }
        try {
            if (!Files.isDirectory(dir)) {
                throw new InvalidPortalException(
                        "trust-store-file", "b24sip.trust-store-dir (" + dir + ") is not a folder");
            }
            PosixFileAttributeView posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
            if (posix != null && !OWNER_ONLY.containsAll(posix.readAttributes().permissions())) {
                throw new InvalidPortalException(
                        "trust-store-file",
                        "b24sip.trust-store-dir (" + dir + ") is open to other users: make it owner-only (chmod 700)");
            }
            // a link may lead on (a Kubernetes secret volume links each file to a folder beside it), but only to a
            // file inside the folder: the file read is the real one, checked
            if (Files.exists(file) && !file.toRealPath().startsWith(dir.toRealPath())) {
                throw new InvalidPortalException(
                        "trust-store-file", "leads out of b24sip.trust-store-dir through a symbolic link");
            }
            return file.toRealPath();
        } catch (IOException e) {
            throw new InvalidPortalException(
                    "trust-store-file",
                    "no regular file of that name can be read in b24sip.trust-store-dir ("
                            + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] read(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new InvalidPortalException("trust-store-file", "not a regular file that can be read");
            }
            if (attributes.size() > MAX_TRUST_STORE_BYTES) {
                throw new InvalidPortalException(
                        "trust-store-file", "larger than " + MAX_TRUST_STORE_BYTES / 1024 + " KB: not a trust store");
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes((int) MAX_TRUST_STORE_BYTES + 1);
                if (bytes.length > MAX_TRUST_STORE_BYTES) {
                    throw new InvalidPortalException(
                            "trust-store-file",
                            "larger than " + MAX_TRUST_STORE_BYTES / 1024 + " KB: not a trust store");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new InvalidPortalException(
                    "trust-store-file",
                    "not a regular file that can be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static KeyStore load(byte[] bytes, String password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password == null ? null : password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new InvalidPortalException(
                    "trust-store-password", "does not open the trust store, or it is not a PKCS12 file");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available");
        }
    }
}
