package io.github.b24sip.app.account;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.portal.DriftPolicy;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One Voximplant account as configured ({@code b24sip.voximplant.accounts.<name>.*}), checked: a name usable in a
 * scheme, exactly one source of credentials, a credentials file readable by its owner only. No secret in
 * {@link #toString}.
 */
@RegisterForReflection
public record AccountDefinition(
        String name,
        String credentialsFile,
        String credentials,
        String apiUrl,
        String trustStoreFile,
        String trustStorePassword,
        DriftPolicy driftPolicy) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE);

    /** The account of these settings; fails naming the key at fault. */
    public static AccountDefinition of(String name, AppConfig.AccountSettings s) {
        String prefix = "b24sip.voximplant.accounts." + name;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(prefix + ": an account name is 1 to 40 lower-case letters, digits and "
                    + "dashes, starting with a letter or digit");
        }
        if (s.credentialsFile().isPresent() == s.credentials().isPresent()) {
            throw new IllegalArgumentException(prefix + ".credentials-file or " + prefix + ".credentials: give exactly "
                    + "one (the service account's credentials.json, or its content)");
        }
        s.credentialsFile().ifPresent(file -> checkOwnerOnly(prefix + ".credentials-file", Path.of(file)));
        if (s.trustStoreFile().isPresent() != s.trustStorePassword().isPresent()) {
            throw new IllegalArgumentException(prefix + ".trust-store-password: give it with trust-store-file");
        }
        DriftPolicy driftPolicy;
        try {
            driftPolicy = s.driftPolicy().map(DriftPolicy::parse).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + ".drift-policy: " + e.getMessage());
        }
        return new AccountDefinition(
                name,
                s.credentialsFile().orElse(null),
                s.credentials().orElse(null),
                s.apiUrl(),
                s.trustStoreFile().orElse(null),
                s.trustStorePassword().orElse(null),
                driftPolicy);
    }

    /** The file holds a private key: it must exist and be closed to everyone but its owner. */
    private static void checkOwnerOnly(String key, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(key + ": " + file + " is not a file");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                throw new IllegalArgumentException(key + ": " + file + " holds a private key and is open to others ("
                        + java.nio.file.attribute.PosixFilePermissions.toString(permissions)
                        + "); make it readable by its owner only (chmod 600)");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": " + file + " cannot be read: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "AccountDefinition[name=" + name + ", apiUrl=" + apiUrl + ", credentials="
                + (credentialsFile != null ? "file " + credentialsFile : "***") + "]";
    }
}
