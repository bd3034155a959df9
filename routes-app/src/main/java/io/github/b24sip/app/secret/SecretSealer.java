package io.github.b24sip.app.secret;

import io.github.b24sip.camel.jdbc.TokenSealing;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the secrets the app stores (OAuth tokens, webhook codes, application tokens) with AES-256-GCM, so that a
 * table dump, a backup or a copied file shows none of them. A sealed value is {@code sealed:v1:<key id>:<nonce and
 * ciphertext in base64>}: the key id (the first 8 hex digits of the key's SHA-256) says which key opens it, so a key
 * can be rotated: the new key seals, the previous ones still open what they sealed. Each value is bound to what it is
 * ({@code context}, the GCM associated data): a sealed token copied into another row or field does not open.
 *
 * <p>A value that is not sealed opens as itself: what an earlier version stored in clear is read, then sealed when it
 * is written again ({@link #isSealed}).
 */
public final class SecretSealer implements TokenSealing {

    static final String PREFIX = "sealed:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String sealingKeyId;
    private final Map<String, SecretKey> keys;
    private final SecureRandom random = new SecureRandom();

    private SecretSealer(String sealingKeyId, Map<String, SecretKey> keys) {
        this.sealingKeyId = sealingKeyId;
        this.keys = keys;
    }

    /**
     * A sealer for a key and the keys it replaced, each the base64 of 32 random bytes ({@code openssl rand -base64 32}).
     * {@code setting} names where the key came from, for the error when one is not a key.
     */
    public static SecretSealer of(String key, List<String> previousKeys, String setting) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        SecretKey sealing = decode(key, setting);
        String id = keyId(sealing);
        keys.put(id, sealing);
        for (String previous : previousKeys) {
            SecretKey k = decode(previous, setting.replace(".key", ".previous-keys"));
            keys.putIfAbsent(keyId(k), k);
        }
        return new SecretSealer(id, Map.copyOf(keys));
    }

    /** A sealer with a key made up for this process alone: for the demo, whose stored tokens need not outlive it. */
    public static SecretSealer ephemeral() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return of(Base64.getEncoder().encodeToString(key), List.of(), "ephemeral");
    }

    /** The id of the key that seals: it appears in sealed values, never the key. */
    public String keyId() {
        return sealingKeyId;
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** {@code plain} sealed for {@code context} (e.g. {@code portal:acme:token}); null stays null. */
    @Override
    public String seal(String plain, String context) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(sealingKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + sealingKeyId + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "AES-GCM is not available: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The secret a stored value holds: a sealed value opened with the key that sealed it, any other value as it is.
     * Fails, saying why but showing nothing of the value, when no configured key sealed it or it was altered.
     */
    @Override
    public String open(String stored, String context) {
        if (!isSealed(stored)) {
            return stored;
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        String id = colon < 0 ? "" : rest.substring(0, colon);
        SecretKey key = keys.get(id);
        if (key == null) {
            throw new SealedSecretException(context + " was sealed with key " + id
                    + ", which is neither b24sip.secrets.key nor one of b24sip.secrets.previous-keys");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(rest.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealedSecretException(
                    context + " does not open with key " + id + ": altered, or sealed for another field");
        }
    }

    /** True when a stored value should be written again: in clear, or sealed with a previous key. */
    @Override
    public boolean needsResealing(String stored) {
        return stored != null && !(isSealed(stored) && stored.startsWith(PREFIX + sealingKeyId + ":"));
    }

    private static SecretKey decode(String base64, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": not base64 (make one with: openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(setting + ": an AES-256 key is 32 bytes, this one is " + bytes.length
                    + " (make one with: openssl rand -base64 32)");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static String keyId(SecretKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SecretSealer[key " + sealingKeyId + ", " + keys.size() + " key(s) open]";
    }

    /** A stored secret that cannot be opened with the configured keys. */
    @RegisterForReflection
    public static final class SealedSecretException extends IllegalStateException {
        public SealedSecretException(String message) {
            super(message);
        }
    }
}
