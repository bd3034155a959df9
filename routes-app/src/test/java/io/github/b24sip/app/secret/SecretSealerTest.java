package io.github.b24sip.app.secret;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sealing at rest: no clear text, bound to its field, rotation through previous keys, clear values read once. */
class SecretSealerTest {

    private static final String SECRET = "webhook-code-5f3a9c";

    @Test
    void aSealedValueShowsNothingOfTheSecretAndOpensOnlyForItsOwnField() {
        SecretSealer sealer = SecretSealer.of(newKey(), List.of(), "b24sip.secrets.key");
        String sealed = sealer.seal(SECRET, "portal:acme:token");
        assertThat(sealed).startsWith("sealed:v1:" + sealer.keyId() + ":").doesNotContain(SECRET);
        assertThat(sealer.seal(SECRET, "portal:acme:token"))
                .as("a new nonce each time")
                .isNotEqualTo(sealed);
        assertThat(sealer.open(sealed, "portal:acme:token")).isEqualTo(SECRET);
        assertThatThrownBy(() -> sealer.open(sealed, "portal:other:token"))
                .as("moved to another portal's row")
                .isInstanceOf(SecretSealer.SealedSecretException.class)
                .hasMessageNotContaining(SECRET);
        String altered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> sealer.open(altered, "portal:acme:token"))
                .isInstanceOf(SecretSealer.SealedSecretException.class);
    }

    @Test
    void aRotatedKeyStillOpensWhatThePreviousOneSealedAndAsksForResealing() {
        String oldKey = newKey();
        SecretSealer before = SecretSealer.of(oldKey, List.of(), "b24sip.secrets.key");
        String sealedBefore = before.seal(SECRET, "ctx");
        SecretSealer after = SecretSealer.of(newKey(), List.of(oldKey), "b24sip.secrets.key");
        assertThat(after.open(sealedBefore, "ctx")).isEqualTo(SECRET);
        assertThat(after.needsResealing(sealedBefore)).isTrue();
        assertThat(after.needsResealing(after.seal(SECRET, "ctx"))).isFalse();
        SecretSealer withoutOld = SecretSealer.of(newKey(), List.of(), "b24sip.secrets.key");
        assertThatThrownBy(() -> withoutOld.open(sealedBefore, "ctx"))
                .hasMessageContaining("sealed with key " + before.keyId())
                .hasMessageContaining("b24sip.secrets.previous-keys");
    }

    @Test
    void aValueInClearIsReadAsItIsAndMarkedForSealing() {
        SecretSealer sealer = SecretSealer.of(newKey(), List.of(), "b24sip.secrets.key");
        assertThat(sealer.open(SECRET, "ctx")).isEqualTo(SECRET);
        assertThat(sealer.needsResealing(SECRET)).isTrue();
        assertThat(sealer.seal(null, "ctx")).isNull();
    }

    @Test
    void aKeyThatIsNotAnAes256KeyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> SecretSealer.of("not base64!", List.of(), "b24sip.secrets.key"))
                .hasMessageStartingWith("b24sip.secrets.key: not base64");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SecretSealer.of(newKey(), List.of(shortKey), "b24sip.secrets.key"))
                .hasMessageStartingWith("b24sip.secrets.previous-keys: an AES-256 key is 32 bytes, this one is 16")
                .hasMessageNotContaining(shortKey);
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
