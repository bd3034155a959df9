package io.github.b24sip.camel.bitrix24.client;

import io.github.b24sip.camel.SecureUris;
import io.github.b24sip.camel.bitrix24.Bitrix24SipValidationException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A portal's origin, e.g. {@code https://example.bitrix24.com}. Plain {@code http://} is refused unless the host is a
 * loopback address: a webhook's secret travels in the URL path.
 */
public record PortalAddress(URI origin) {

    public static PortalAddress of(String portalUrl) {
        URI uri;
        try {
            uri = URI.create(SecureUris.credentialsUrl(portalUrl));
        } catch (IllegalArgumentException e) {
            throw new Bitrix24SipValidationException("portalUrl", e.getMessage());
        }
        if (uri.getRawPath() != null && uri.getRawPath().contains("/rest/")) {
            throw new Bitrix24SipValidationException(
                    "portalUrl", "must be the portal's origin; give the webhook as userId and token, not as a URL");
        }
        return new PortalAddress(URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority()));
    }

    URI webhookMethodUri(String userId, String token, String method) {
        return origin.resolve("/rest/" + encode(userId) + "/" + encode(token) + "/" + method + ".json");
    }

    URI oauthMethodUri(String method) {
        return origin.resolve("/rest/" + method + ".json");
    }

    /** The origin of a URL, without path, query or user info: safe to show. */
    public static String originOf(String url) {
        try {
            URI uri = URI.create(url.trim());
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (RuntimeException e) {
            return "(unreadable URL)";
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return origin.toString();
    }
}
