package io.github.b24sip.app.install;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The OAuth server refused an install's refresh token: a forged install (or one sent long after its token was spent).
 * Each cost the app a call carrying the client secret, so they are counted against their source ({@link
 * ForgedInstallThrottle}).
 */
@RegisterForReflection
public class OAuthRefusedException extends InstallRefusedException {

    public OAuthRefusedException(String reason) {
        super(401, reason);
    }
}
