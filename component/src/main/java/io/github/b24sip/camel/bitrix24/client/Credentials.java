package io.github.b24sip.camel.bitrix24.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How the component authenticates to a portal. The only types that hold a raw secret; {@code toString} masks it.
 */
public sealed interface Credentials {

    /** A stable key for sharing state per credential; a digest, so it never shows the secret. */
    String key();

    /** An incoming webhook: {@code /rest/{userId}/{token}/}. */
    record Webhook(String userId, String token) implements Credentials {
        @Override
        public String key() {
            return "webhook:" + userId + ":" + digest(token);
        }

        @Override
        public String toString() {
            return "Webhook[userId=" + userId + ", token=***]";
        }
    }

    /** A Bitrix24 application: the client pair and the current tokens' starting point. */
    record OAuth(String clientId, String clientSecret, String accessToken, String refreshToken) implements Credentials {
        @Override
        public String key() {
            return "oauth:" + clientId;
        }

        @Override
        public String toString() {
            return "OAuth[clientId=" + clientId + ", clientSecret=***, accessToken=***, refreshToken=***]";
        }
    }

    private static String digest(String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
