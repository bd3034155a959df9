package io.github.b24sip.simulator.voximplant;

import io.github.b24sip.simulator.http.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A Voximplant service-account key, as the control panel's "Generate key" makes it; {@link #credentialsJson()} is the
 * {@code credentials.json} file ({@code account_id}, {@code account_email}, {@code key_id}, PKCS#8 {@code
 * private_key}).
 */
public record ServiceAccountKey(long accountId, String accountEmail, String keyId, KeyPair keyPair) {

    public static ServiceAccountKey generate(long accountId, String accountEmail) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new ServiceAccountKey(
                    accountId, accountEmail, UUID.randomUUID().toString(), generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keyPair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    public String credentialsJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account_id", accountId);
        json.put("account_email", accountEmail);
        json.put("key_id", keyId);
        json.put("private_key", privateKeyPem());
        return new String(Json.write(json), StandardCharsets.UTF_8);
    }

    /** Writes credentials.json, readable by its owner only where the file system allows it. */
    public Path writeCredentials(Path file) throws IOException {
        Files.writeString(file, credentialsJson());
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
        return file;
    }

    @Override
    public String toString() {
        return "ServiceAccountKey[accountId=" + accountId + ", keyId=" + keyId + ", privateKey=***]";
    }
}
