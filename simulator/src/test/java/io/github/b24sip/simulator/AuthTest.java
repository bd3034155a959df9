package io.github.b24sip.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.simulator.bitrix.TokenPair;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhook and OAuth authentication, scopes, permissions, and the OAuth token endpoint (docs/api-facts.md, "OAuth"). */
class AuthTest extends SimulatorTestSupport {

    private static PortalConfig withApp() {
        return PortalConfig.portal("demo").app(new OAuthApp("app.local.1", "app-secret"));
    }

    @Test
    void wrongWebhookCodeIsInvalidCredentials() {
        startPortal(PortalConfig.portal("demo"));
        Reply reply = postJson(portal.baseUrl() + "/rest/1/not-the-code/voximplant.sip.get", Map.of());
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.error()).isEqualTo("INVALID_CREDENTIALS");
    }

    @Test
    void statusOfAnErrorCodeCanBeOverridden() {
        startPortal(PortalConfig.portal("demo").errorStatus("INVALID_CREDENTIALS", 401));
        assertThat(postJson(portal.baseUrl() + "/rest/1/nope/voximplant.sip.get", Map.of())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void webhookWithoutTelephonyScopeIsInsufficientScope() {
        startPortal(PortalConfig.portal("demo").webhook(new Webhook(1, "crmonly", Set.of("crm"))));
        Reply reply = postJson(portal.webhookUrl() + "voximplant.sip.get", Map.of());
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.error()).isEqualTo("insufficient_scope");
        assertThat(reply.body().get("error_description").asText()).contains("webhook token");
    }

    @Test
    void userWithoutManageNumbersPermissionIsAccessDeniedEvenForReads() {
        startPortal(PortalConfig.portal("demo"));
        portal.setManageNumbers(1, false);
        for (String method :
                new String[] {"voximplant.sip.get", "voximplant.sip.connector.status", "voximplant.sip.add"}) {
            Reply reply = postJson(portal.webhookUrl() + method, line("x"));
            assertThat(reply.status()).as(method).isEqualTo(403);
            assertThat(reply.error()).isEqualTo("ACCESS_DENIED");
            assertThat(reply.body().get("error_description").asText()).isEqualTo("Access denied!");
        }
    }

    @Test
    void restOffThePlanIsAccessDeniedWithItsOwnDescription() {
        startPortal(PortalConfig.portal("demo"));
        portal.setRestAvailable(false);
        Reply reply = postJson(portal.webhookUrl() + "voximplant.sip.get", Map.of());
        assertThat(reply.error()).isEqualTo("ACCESS_DENIED");
        assertThat(reply.body().get("error_description").asText()).contains("commercial plans");
    }

    @Test
    void accessTokenWorksInQueryFormJsonBearerAndAccessTokenParameter() {
        startPortal(withApp());
        String token = portal.issueTokens("app.local.1").accessToken();
        String base = portal.baseUrl() + "/rest/voximplant.sip.connector.status";
        assertThat(get(base + "?auth=" + token).status()).isEqualTo(200);
        assertThat(postForm(base, "auth=" + token).status()).isEqualTo(200);
        assertThat(postJson(base + ".json", Map.of("auth", token)).status()).isEqualTo(200);
        assertThat(get(base + "?access_token=" + token).status()).isEqualTo(200);
        Reply bearer = send(HttpRequest.newBuilder(URI.create(base))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
        assertThat(bearer.status()).isEqualTo(200);
        assertThat(bearer.raw().headers().firstValue("X-Bitrix-Rest-Application"))
                .hasValue("app.local.1");
    }

    @Test
    void missingGarbageAndExpiredTokens() {
        startPortal(withApp());
        String base = portal.baseUrl() + "/rest/voximplant.sip.get";
        Reply none = postJson(base, Map.of());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error()).isEqualTo("NO_AUTH_FOUND");
        Reply garbage = postJson(base, Map.of("auth", "garbage"));
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.error()).isEqualTo("invalid_token");
        String token = portal.issueTokens("app.local.1").accessToken();
        clock.advance(Duration.ofHours(1));
        Reply expired = postJson(base, Map.of("auth", token));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.error()).isEqualTo("expired_token");
        assertThat(expired.body().get("error_description").asText()).isEqualTo("The access token provided has expired");
    }

    @Test
    void refreshRotatesTheRefreshTokenAndSpendsTheOldOne() {
        startPortal(withApp());
        TokenPair pair = portal.issueTokens("app.local.1");
        portal.expireAccessTokens();
        String tokenUrl = sim.oauthServerUrl() + "/oauth/token/";
        Reply refreshed =
                get(tokenUrl + "?grant_type=refresh_token&client_id=app.local.1&client_secret=app-secret&refresh_token="
                        + pair.refreshToken());
        assertThat(refreshed.status()).isEqualTo(200);
        JsonNode body = refreshed.body();
        assertThat(body.get("refresh_token").asText()).isNotEqualTo(pair.refreshToken());
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(body.get("client_endpoint").asText()).isEqualTo(portal.baseUrl() + "/rest/");
        assertThat(body.get("member_id").asText()).isEqualTo(portal.memberId());
        assertThat(body.get("scope").asText()).isEqualTo("telephony");
        String newAccess = body.get("access_token").asText();
        assertThat(postJson(portal.baseUrl() + "/rest/voximplant.sip.get", Map.of("auth", newAccess))
                        .status())
                .isEqualTo(200);

        Reply reused = postForm(
                tokenUrl,
                form(Map.of(
                        "grant_type",
                        "refresh_token",
                        "client_id",
                        "app.local.1",
                        "client_secret",
                        "app-secret",
                        "refresh_token",
                        pair.refreshToken())));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.error()).isEqualTo("invalid_grant");
        Reply rotatedByPost = postForm(
                tokenUrl,
                form(Map.of(
                        "grant_type",
                        "refresh_token",
                        "client_id",
                        "app.local.1",
                        "client_secret",
                        "app-secret",
                        "refresh_token",
                        body.get("refresh_token").asText())));
        assertThat(rotatedByPost.status()).isEqualTo(200);
        assertThat(sim.oauth().tokens().refreshCount()).isEqualTo(2);
        assertThat(sim.oauth().tokens().issuedTokens(portal.name()))
                .as("three pairs, spent ones included")
                .hasSize(6)
                .contains(
                        pair.accessToken(),
                        pair.refreshToken(),
                        body.get("refresh_token").asText());
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        startPortal(withApp());
        TokenPair pair = portal.issueTokens("app.local.1");
        Reply reply = get(sim.oauthServerUrl()
                + "/oauth/token/?grant_type=refresh_token&client_id=app.local.1&client_secret=wrong&refresh_token="
                + pair.refreshToken());
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("invalid_client");
        assertThat(sim.journal().entries("oauth").get(0).params().toString())
                .doesNotContain(pair.refreshToken())
                .doesNotContain("wrong");
    }

    @Test
    void authorizationCodeGrantIsOneTimeAndExpiresIn30Seconds() {
        startPortal(withApp());
        String url = sim.oauthServerUrl()
                + "/oauth/token/?grant_type=authorization_code&client_id=app.local.1&client_secret=app-secret&code=";
        String code = portal.authorizationCode("app.local.1");
        assertThat(get(url + code).status()).isEqualTo(200);
        assertThat(get(url + code).error()).isEqualTo("invalid_grant");
        String late = portal.authorizationCode("app.local.1");
        clock.advance(Duration.ofSeconds(30));
        assertThat(get(url + late).error()).isEqualTo("invalid_grant");
    }

    @Test
    void revokedRefreshTokenIsInvalidGrant() {
        startPortal(withApp());
        TokenPair pair = portal.issueTokens("app.local.1");
        sim.oauth().tokens().revokeRefreshToken(pair.refreshToken());
        Reply reply = get(sim.oauthServerUrl()
                + "/oauth/token/?grant_type=refresh_token&client_id=app.local.1&client_secret=app-secret&refresh_token="
                + pair.refreshToken());
        assertThat(reply.error()).isEqualTo("invalid_grant");
    }

    @Test
    void tokenOfAnAppWithoutTelephonyScopeIsInsufficientScope() {
        startPortal(PortalConfig.portal("demo").app(new OAuthApp("crm.app", "s", 1, Set.of("crm"))));
        String token = portal.issueTokens("crm.app").accessToken();
        Reply reply = postJson(portal.baseUrl() + "/rest/voximplant.sip.get", Map.of("auth", token));
        assertThat(reply.error()).isEqualTo("insufficient_scope");
        assertThat(reply.body().get("error_description").asText()).contains("access token");
    }
}
