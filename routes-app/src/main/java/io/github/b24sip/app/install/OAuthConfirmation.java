package io.github.b24sip.app.install;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the OAuth server answered to the refresh of an install's refresh token: the fresh pair, and who it says the
 * portal is. {@code toString} shows no token.
 */
@RegisterForReflection
public record OAuthConfirmation(
        String accessToken, String refreshToken, String memberId, String clientEndpoint, String scope) {

    /** The portal's base URL: its client endpoint without {@code /rest/}. */
    public String portalUrl() {
        String url = clientEndpoint.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url.endsWith("/rest") ? url.substring(0, url.length() - "/rest".length()) : url;
    }

    public boolean hasScope(String wanted) {
        for (String s : scope == null ? new String[0] : scope.split(",")) {
            if (s.trim().equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "OAuthConfirmation[memberId=" + memberId + ", clientEndpoint=" + clientEndpoint + ", scope=" + scope
                + "]";
    }
}
