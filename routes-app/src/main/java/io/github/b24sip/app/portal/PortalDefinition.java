package io.github.b24sip.app.portal;

import io.github.b24sip.camel.bitrix24.RateLimitPlan;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * One portal the app works with: where it is and how to authenticate (webhook or OAuth). {@code toString} shows
 * neither the webhook token nor any OAuth secret.
 */
public record PortalDefinition(
        String name,
        String url,
        String userId,
        String token,
        String clientId,
        String clientSecret,
        String accessToken,
        String refreshToken,
        String oauthServerUrl,
        SSLContextParameters sslContextParameters,
        RateLimitPlan rateLimitPlan,
        Integer burstLimit,
        Double drainRate) {

    public static PortalDefinition webhook(
            String name, String url, String userId, String token, SSLContextParameters ssl, RateLimitPlan plan) {
        return new PortalDefinition(name, url, userId, token, null, null, null, null, null, ssl, plan, null, null);
    }

    public boolean isOAuth() {
        return clientId != null;
    }

    @Override
    public String toString() {
        return "PortalDefinition[name=" + name + ", url=" + url + ", auth="
                + (isOAuth() ? "oauth, clientId=" + clientId : "webhook, userId=" + userId) + ", rateLimitPlan="
                + rateLimitPlan + "]";
    }
}
