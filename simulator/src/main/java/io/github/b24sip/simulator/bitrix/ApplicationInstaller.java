package io.github.b24sip.simulator.bitrix;

import io.github.b24sip.simulator.OAuthApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a portal's backend does when its administrator installs or removes an application without a UI: it POSTs the
 * application's handler a form-encoded body (nested keys as {@code auth[access_token]}) with {@code event}, {@code
 * data[...]}, {@code ts} and {@code auth[...]} (ONAPPINSTALL: {@code api-reference/common/events/on-app-install.md};
 * ONAPPUNINSTALL: {@code on-app-uninstall.md}, whose {@code auth} holds no tokens: they are revoked first). The
 * application token is made at install and sent with every later event of that application on that portal.
 */
public final class ApplicationInstaller {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApplicationInstaller() {}

    static Installation install(BitrixPortal portal, OAuthApp app, String handlerUrl) {
        TokenPair pair = portal.tokens.issue(portal.name(), app);
        String applicationToken = portal.applicationTokens.computeIfAbsent(app.clientId(), k -> newToken());
        Map<String, String> body = new LinkedHashMap<>();
        body.put("event", "ONAPPINSTALL");
        body.put("data[VERSION]", "1");
        body.put("data[ACTIVE]", "Y");
        body.put("data[INSTALLED]", "Y");
        body.put("data[LANGUAGE_ID]", "en");
        body.put("ts", String.valueOf(portal.clock.instant().getEpochSecond()));
        auth(body, portal, app, applicationToken);
        body.put("auth[access_token]", pair.accessToken());
        body.put("auth[refresh_token]", pair.refreshToken());
        body.put("auth[expires_in]", String.valueOf(pair.expiresIn()));
        body.put("auth[scope]", String.join(",", app.scopes()));
        body.put("auth[status]", "L");
        HttpResponse<String> answer = post(handlerUrl, body);
        return new Installation(applicationToken, pair, answer.statusCode(), answer.body(), handlerUrl, body);
    }

    static Installation uninstall(BitrixPortal portal, OAuthApp app, String handlerUrl, boolean clean) {
        String applicationToken = portal.applicationTokens.remove(app.clientId());
        if (applicationToken == null) {
            throw new IllegalStateException("application " + app.clientId() + " is not installed on " + portal.name());
        }
        portal.tokens.revokeApplication(portal.name(), app.clientId());
        return post(portal, app, handlerUrl, clean, applicationToken);
    }

    /** An uninstall event with the application token given, genuine or not: what a forger would send. */
    static Installation postUninstall(
            BitrixPortal portal, OAuthApp app, String handlerUrl, boolean clean, String applicationToken) {
        return post(portal, app, handlerUrl, clean, applicationToken);
    }

    private static Installation post(
            BitrixPortal portal, OAuthApp app, String handlerUrl, boolean clean, String applicationToken) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("event", "ONAPPUNINSTALL");
        body.put("data[LANGUAGE_ID]", "en");
        body.put("data[CLEAN]", clean ? "1" : "0");
        body.put("ts", String.valueOf(portal.clock.instant().getEpochSecond()));
        auth(body, portal, app, applicationToken);
        HttpResponse<String> answer = post(handlerUrl, body);
        return new Installation(applicationToken, null, answer.statusCode(), answer.body(), handlerUrl, body);
    }

    /** The {@code auth[...]} fields every event of the application carries. */
    private static void auth(Map<String, String> body, BitrixPortal portal, OAuthApp app, String applicationToken) {
        body.put("auth[domain]", URI.create(portal.baseUrl()).getAuthority());
        body.put("auth[server_endpoint]", portal.oauthServerUrl + "/rest/");
        body.put("auth[client_endpoint]", portal.baseUrl() + "/rest/");
        body.put("auth[member_id]", portal.memberId());
        body.put("auth[application_token]", applicationToken);
    }

    private static HttpResponse<String> post(String handlerUrl, Map<String, String> fields) {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((k, v) -> form.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(handlerUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("posting to the application's handler " + handlerUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted posting to " + handlerUrl, e);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * What an install or uninstall posted: the application token, the tokens handed over (install only), the
     * handler's answer, and the post itself (to send it again).
     */
    public record Installation(
            String applicationToken,
            TokenPair tokens,
            int status,
            String answer,
            String handlerUrl,
            Map<String, String> body) {

        /**
         * The same event posted again, byte for byte, as a portal does when its first post got no answer or an error:
         * the tokens in it are the ones already sent (a refresh token the handler may have spent meanwhile).
         */
        public Installation sendAgain() {
            return sendAgainTo(handlerUrl);
        }

        /** The same event posted again to another handler URL (the application moved, or restarted elsewhere). */
        public Installation sendAgainTo(String url) {
            HttpResponse<String> again = post(url, body);
            return new Installation(applicationToken, tokens, again.statusCode(), again.body(), url, body);
        }

        @Override
        public String toString() {
            return "Installation[status=" + status + ", answer=" + answer + "]";
        }
    }
}
