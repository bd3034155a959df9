package io.github.b24sip.app.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.AppConfig;
import io.github.b24sip.camel.TrustStores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Confirms an install at the OAuth server the app trusts ({@code b24sip.application.oauth-server-url}): it refreshes
 * the install's refresh token there with the application's client id and secret (POSTed as a form, so the secret is
 * in no URL), and takes who the portal is from that answer ({@code settings/oauth/auto-renewal.md}). A forged install
 * cannot pass: its refresh token is not one the OAuth server issued to this application.
 */
@ApplicationScoped
public class OAuthServerClient {

    /**
     * Long: the OAuth server spends the refresh token when it answers, so an answer given up on is an install lost.
     * The sender is answered (503, send again) after {@link InstallQueue}'s wait while the confirmation goes on.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    AppConfig config;

    @Inject
    CamelContext camel;

    @Inject
    ObjectMapper json;

    private HttpClient http;

    public OAuthConfirmation confirm(String refreshToken) {
        AppConfig.Application app = config.application();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", app.clientId().orElseThrow());
        form.put("client_secret", app.clientSecret().orElseThrow());
        form.put("refresh_token", refreshToken);
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String base = app.oauthServerUrl().endsWith("/")
                ? app.oauthServerUrl().substring(0, app.oauthServerUrl().length() - 1)
                : app.oauthServerUrl();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/oauth/token/"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> answer;
        try {
            answer = client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new InstallRefusedException(
                    503,
                    "the OAuth server could not be reached to confirm the install ("
                            + e.getClass().getSimpleName() + "); the portal may install again later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallRefusedException(503, "interrupted while confirming the install");
        }
        JsonNode node;
        try {
            node = json.readTree(answer.body());
        } catch (IOException e) {
            node = json.createObjectNode();
        }
        if (answer.statusCode() != 200 || !node.hasNonNull("access_token")) {
            String error = node.path("error").asText("HTTP " + answer.statusCode());
            throw new OAuthRefusedException(
                    "the OAuth server did not confirm this install (" + error + "): not believed, nothing changed");
        }
        return new OAuthConfirmation(
                node.path("access_token").asText(),
                node.path("refresh_token").asText(),
                node.path("member_id").asText(null),
                node.path("client_endpoint").asText(null),
                node.path("scope").asText(""));
    }

    private synchronized HttpClient client() {
        if (http == null) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
            config.application().trustStoreFile().ifPresent(file -> {
                try {
                    builder.sslContext(TrustStores.pkcs12(
                                    Path.of(file),
                                    config.application().trustStorePassword().orElse(null))
                            .createSSLContext(camel));
                } catch (GeneralSecurityException | IOException e) {
                    throw new IllegalStateException("b24sip.application.trust-store-file: cannot be used ("
                            + e.getClass().getSimpleName() + ")");
                }
            });
            http = builder.build();
        }
        return http;
    }
}
