package io.github.b24sip.camel.bitrix24.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.camel.ConnectionFailures;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipTransportException;
import io.github.b24sip.camel.bitrix24.client.RestResponses;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A Bitrix24 OAuth server's token endpoint ({@code <server>/oauth/token/}, {@code oauth.bitrix.info} for cloud
 * portals): one {@code refresh_token} grant, as the component refreshes an OAuth portal's pair and as an application
 * confirms an install event (the event's refresh token is believed only once the server exchanges it). The client id,
 * secret and refresh token go in a POSTed form, never in a URL.
 */
public final class OAuthServer {

    /** The method name exceptions carry for a call to the token endpoint. */
    public static final String TOKEN_METHOD = "oauth/token";

    private final String baseUrl;

    /** @param oauthServerUrl the server's origin, e.g. {@code https://oauth.bitrix.info} (a trailing slash is dropped) */
    public OAuthServer(String oauthServerUrl) {
        this.baseUrl = oauthServerUrl.endsWith("/")
                ? oauthServerUrl.substring(0, oauthServerUrl.length() - 1)
                : oauthServerUrl;
    }

    /**
     * What the server answered to a grant: the new pair, and who the portal is ({@code member_id}, {@code
     * client_endpoint}, {@code scope}; null or empty when the server did not say). Its {@code toString} shows no token.
     */
    public record Grant(
            String accessToken,
            String refreshToken,
            long expiresInSeconds,
            String memberId,
            String clientEndpoint,
            String scope) {

        @Override
        public String toString() {
            return "Grant[memberId=" + memberId + ", clientEndpoint=" + clientEndpoint + ", scope=" + scope
                    + ", expiresInSeconds=" + expiresInSeconds + "]";
        }
    }

    /**
     * Exchanges {@code refreshToken} for a new pair. Throws a {@link Bitrix24SipTransportException} with code {@link
     * Bitrix24SipException#NETWORK_ERROR} when the server could not be reached (it may have spent the token: nothing
     * says it did not), one with {@link Bitrix24SipException#INVALID_RESPONSE} for an answer that is no token pair,
     * and the server's own error otherwise ({@code invalid_grant}: a refresh token it did not issue, or spent).
     */
    public Grant refresh(HttpClient http, String clientId, String clientSecret, String refreshToken, Duration timeout) {
        String form = "grant_type=refresh_token&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret) + "&refresh_token=" + encode(refreshToken);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/token/"))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Bitrix24SipTransportException(
                    TOKEN_METHOD,
                    Bitrix24SipException.NETWORK_ERROR,
                    "the OAuth server could not be reached: " + ConnectionFailures.describe(e),
                    0,
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Bitrix24SipTransportException(
                    TOKEN_METHOD, Bitrix24SipException.NETWORK_ERROR, "interrupted", 0, null);
        }
        JsonNode body = RestResponses.parse(
                TOKEN_METHOD,
                response.statusCode(),
                response.body(),
                response.headers().firstValue("Content-Type").orElse(""));
        if (body.has("error")) {
            throw RestResponses.error(TOKEN_METHOD, body, response.statusCode());
        }
        Grant grant = new Grant(
                body.path("access_token").asText(null),
                body.path("refresh_token").asText(null),
                body.path("expires_in").asLong(0),
                body.path("member_id").asText(null),
                body.path("client_endpoint").asText(null),
                body.path("scope").asText(""));
        if (grant.accessToken() == null || grant.refreshToken() == null) {
            throw new Bitrix24SipTransportException(
                    TOKEN_METHOD,
                    Bitrix24SipException.INVALID_RESPONSE,
                    "the token response has no token pair",
                    response.statusCode(),
                    null);
        }
        return grant;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
