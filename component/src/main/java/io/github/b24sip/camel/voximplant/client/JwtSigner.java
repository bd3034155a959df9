package io.github.b24sip.camel.voximplant.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.camel.Json;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Bearer token of a service account: RS256, {@code kid} in the header, {@code iss} the account id, {@code iat} a
 * few seconds in the past against clock skew, a short {@code exp}. Cached and signed again 5 s before it expires.
 */
public final class JwtSigner {

    static final long BACKDATE_SECONDS = 5;
    static final long RENEW_AHEAD_SECONDS = 5;
    private static final ObjectMapper JSON = Json.MAPPER;

    private final ServiceAccountCredentials credentials;
    private final long lifetimeSeconds;
    private final Clock clock;
    private String token;
    private long expiresAt;
    private long signatures;

    public JwtSigner(ServiceAccountCredentials credentials, Duration lifetime, Clock clock) {
        if (lifetime.toSeconds() < 10 || lifetime.toSeconds() + BACKDATE_SECONDS > 3600) {
            throw new IllegalArgumentException(
                    "tokenLifetime must be between 10 and " + (3600 - BACKDATE_SECONDS) + " seconds");
        }
        this.credentials = credentials;
        this.lifetimeSeconds = lifetime.toSeconds();
        this.clock = clock;
    }

    /** The cached token, or a new one when it is within 5 s of expiring. */
    public synchronized String token() {
        long now = clock.millis() / 1000;
        if (token == null || now + RENEW_AHEAD_SECONDS >= expiresAt) {
            sign(now);
        }
        return token;
    }

    /** Signs a new token unless another caller already replaced {@code rejected}; for 455/456 answers. */
    public synchronized String renew(String rejected) {
        if (token != null && !token.equals(rejected)) {
            return token;
        }
        sign(clock.millis() / 1000);
        return token;
    }

    /** How many tokens were signed. */
    public synchronized long signatures() {
        return signatures;
    }

    private void sign(long now) {
        long iat = now - BACKDATE_SECONDS;
        long exp = now + lifetimeSeconds;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", credentials.keyId());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", credentials.accountId());
        claims.put("iat", iat);
        claims.put("exp", exp);
        try {
            String signingInput = base64(JSON.writeValueAsBytes(header)) + "." + base64(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(credentials.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            token = signingInput + "." + base64(rsa.sign());
            expiresAt = exp;
            signatures++;
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot sign the Voximplant token: " + e.getClass().getSimpleName());
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
