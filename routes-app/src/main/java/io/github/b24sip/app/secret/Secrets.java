package io.github.b24sip.app.secret;

import io.github.b24sip.app.AppConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The app's sealer for the secrets it stores, from {@code b24sip.secrets.key} (and {@code previous-keys} while a key
 * is being rotated). Without a key the app stores no secret: {@link #sealer} fails naming the setting. The demo, which
 * stores nothing that must outlive it, seals with a key of its own made at start.
 */
@ApplicationScoped
public class Secrets {

    public static final String KEY_SETTING = "b24sip.secrets.key";

    @Inject
    AppConfig config;

    private SecretSealer sealer;

    /** The sealer; fails naming {@value #KEY_SETTING} when no key is configured. {@code what} says what was to be stored. */
    public synchronized SecretSealer sealer(String what) {
        if (sealer == null) {
            if (config.secrets().key().filter(k -> !k.isBlank()).isPresent()) {
                sealer = SecretSealer.of(
                        config.secrets().key().get(),
                        config.secrets().previousKeys().orElse(List.of()),
                        KEY_SETTING);
            } else if (config.demo() && config.portals().isEmpty()) {
                sealer = SecretSealer.ephemeral();
            } else {
                throw new MissingSecretsKeyException(what);
            }
        }
        return sealer;
    }

    public boolean configured() {
        return config.secrets().key().filter(k -> !k.isBlank()).isPresent();
    }

    /** A secret was to be stored with no key to seal it. */
    @RegisterForReflection
    public static final class MissingSecretsKeyException extends IllegalStateException {
        public MissingSecretsKeyException(String what) {
            super(KEY_SETTING + " is not set, so the app cannot store " + what + ": it stores secrets only sealed "
                    + "(AES-GCM). Set it to the base64 of 32 random bytes (openssl rand -base64 32), from the "
                    + "environment: B24SIP_SECRETS_KEY");
        }
    }
}
