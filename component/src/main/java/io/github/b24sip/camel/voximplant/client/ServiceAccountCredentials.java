package io.github.b24sip.camel.voximplant.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.camel.Json;
import io.github.b24sip.camel.voximplant.VoximplantSipAuthenticationException;
import io.github.b24sip.camel.voximplant.VoximplantSipException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A service account's {@code credentials.json}: account id, key id and the PKCS#8 private key. The only type holding
 * the key; {@code toString} masks it.
 */
public record ServiceAccountCredentials(long accountId, String keyId, PrivateKey privateKey) {

    private static final ObjectMapper JSON = Json.MAPPER;

    public static ServiceAccountCredentials fromFile(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw invalid("the credentials file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Reads the JSON; errors name the field, never its value. */
    public static ServiceAccountCredentials fromJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw invalid("the credentials are not JSON");
        }
        if (node == null
                || !node.hasNonNull("account_id")
                || !node.hasNonNull("key_id")
                || !node.hasNonNull("private_key")) {
            throw invalid("the credentials need account_id, key_id and private_key");
        }
        String pem = node.get("private_key")
                .asText()
                .replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return new ServiceAccountCredentials(
                    node.get("account_id").asLong(), node.get("key_id").asText(), key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw invalid("private_key is not a PKCS#8 RSA key in PEM form");
        }
    }

    private static VoximplantSipAuthenticationException invalid(String why) {
        return new VoximplantSipAuthenticationException(null, VoximplantSipException.NOT_AN_API_ERROR, why, 0);
    }

    @Override
    public String toString() {
        return "ServiceAccountCredentials[accountId=" + accountId + ", keyId=" + keyId + ", privateKey=***]";
    }
}
