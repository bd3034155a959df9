package io.github.b24sip.simulator.voximplant;

import io.github.b24sip.simulator.http.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks a service-account JWT as the Management API does: RS256 signed by the key named in {@code kid}, {@code iss}
 * the key's account (a number or a numeric string), {@code exp - iat <= 3600}, not issued in the future, not expired.
 */
final class JwtVerifier {

    static final long MAX_TTL_SECONDS = 3600;

    /** A registered public key and the account it belongs to. */
    record KeyEntry(VoximplantAccount account, PublicKey publicKey) {}

    private final Function<String, KeyEntry> keys;
    private final Clock clock;

    JwtVerifier(Function<String, KeyEntry> keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** Returns the key entry the token was signed with; throws VoxApiException 100, 454, 455 or 456. */
    KeyEntry verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw authFailed();
        }
        Map<String, Object> header = decode(parts[0]);
        Map<String, Object> claims = decode(parts[1]);
        if (!"RS256".equals(header.get("alg")) || !(header.get("kid") instanceof String kid)) {
            throw authFailed();
        }
        KeyEntry entry = keys.apply(kid);
        if (entry == null || !signatureValid(parts, entry.publicKey())) {
            throw authFailed();
        }
        Long iss = number(claims.get("iss"));
        Long iat = number(claims.get("iat"));
        Long exp = number(claims.get("exp"));
        if (iss == null || iss != entry.account().accountId() || iat == null || exp == null) {
            throw authFailed();
        }
        long now = clock.millis() / 1000;
        if (exp - iat > MAX_TTL_SECONDS) {
            throw new VoxApiException(454, "Token TTL exceeds the maximum limit");
        }
        if (iat > now) {
            throw new VoxApiException(455, "Token issued in the future");
        }
        if (exp <= now) {
            throw new VoxApiException(456, "Token has expired");
        }
        return entry;
    }

    private static boolean signatureValid(String[] parts, PublicKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decode(String part) {
        try {
            Object json = Json.read(Base64.getUrlDecoder().decode(part));
            if (json instanceof Map) {
                return (Map<String, Object>) json;
            }
        } catch (IOException | IllegalArgumentException e) {
            // falls through to the authorization error
        }
        throw authFailed();
    }

    /** The iss claim comes as a number from most clients and as a string from the Java one. */
    private static Long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static VoxApiException authFailed() {
        return new VoxApiException(100, "Authorization failed");
    }
}
