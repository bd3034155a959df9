package io.github.b24sip.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookTransportTest extends SimulatorTestSupport {

    private BitrixPortal startDemo(PortalConfig config) {
        return start(SimulatorConfig.create().portal(config)).portal(config.name());
    }

    @Test
    void addOverHttpsWithJsonBodyReturnsTheLine() {
        BitrixPortal portal = startDemo(PortalConfig.portal("demo"));
        Reply reply = postJson(
                portal.webhookUrl() + "voximplant.sip.add.json",
                Map.of("TITLE", "a", "SERVER", "sip.example.com", "LOGIN", "l", "PASSWORD", "p"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.result().get("CONFIG_ID").asText()).isNotEmpty();
        assertThat(reply.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(portal.baseUrl()).startsWith("https://127.0.0.1:");
    }

    @Test
    void plainHttpListenerServesTheSamePortal() {
        BitrixPortal portal = startDemo(PortalConfig.portal("demo"));
        Reply reply = postJson(
                portal.plainWebhookUrl() + "voximplant.sip.add.json",
                Map.of("TITLE", "a", "SERVER", "sip.example.com", "LOGIN", "l", "PASSWORD", "p"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(portal.plainBaseUrl()).startsWith("http://127.0.0.1:");
        assertThat(portal.lines()).hasSize(1);
    }

    @Test
    void requireHttpsRefusesWebhooksOverPlainHttp() {
        BitrixPortal portal = startDemo(PortalConfig.portal("demo").requireHttps(true));
        Reply reply = postJson(portal.plainWebhookUrl() + "voximplant.sip.connector.status", Map.of());
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("INVALID_REQUEST");
        assertThat(reply.body().get("error_description").asText()).isEqualTo("Https required");
    }

    @Test
    void eachPortalHasItsOwnOriginAndState() {
        start(SimulatorConfig.create().portal(PortalConfig.portal("a")).portal(PortalConfig.portal("b")));
        BitrixPortal a = sim.portal("a");
        BitrixPortal b = sim.portal("b");
        assertThat(URI.create(a.baseUrl()).getPort())
                .isNotEqualTo(URI.create(b.baseUrl()).getPort());
        postJson(a.webhookUrl() + "voximplant.sip.add", line("x"));
        assertThat(a.lines()).hasSize(1);
        assertThat(b.lines()).isEmpty();
        // the other portal's webhook code is not valid here
        Reply wrong = postJson(b.baseUrl() + "/rest/1/" + a.webhook().code() + "/voximplant.sip.get", Map.of());
        assertThat(wrong.error()).isEqualTo("INVALID_CREDENTIALS");
    }

    @Test
    void jsSdkRequestWithItsExtraQueryParametersIsAccepted() {
        BitrixPortal portal = startDemo(PortalConfig.portal("demo"));
        Reply reply = postJson(
                portal.webhookUrl()
                        + "voximplant.sip.add?bx24_request_id=abc&bx24_sdk_ver=2.2.0&bx24_sdk_type=b24-js-sdk",
                line("js"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.result().get("TITLE").asText()).isEqualTo("js");
    }

    @Test
    void methodNamesAndParameterKeysAreCaseInsensitive() {
        BitrixPortal portal = startDemo(PortalConfig.portal("demo"));
        Reply reply = postJson(
                portal.webhookUrl() + "VoxImplant.SIP.Add.JSON",
                Map.of("title", "lower", "server", "sip.example.com", "Login", "l", "password", "p"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(portal.lines()).extracting("title").containsExactly("lower");
    }

    @Test
    void urlencodedFormWithPhpBracketsAndQueryStringBothWork() {
        BitrixPortal portal = startDemo(PortalConfig.portal("demo").maxCloudPbx(10));
        postForm(
                portal.webhookUrl() + "voximplant.sip.add",
                form(Map.of("TITLE", "f1", "SERVER", "s", "LOGIN", "l", "PASSWORD", "p")));
        get(portal.webhookUrl() + "voximplant.sip.add?TITLE=q1&SERVER=s&LOGIN=l&PASSWORD=p");
        postForm(
                portal.webhookUrl() + "voximplant.sip.add",
                form(Map.of("TITLE", "f2", "SERVER", "s", "LOGIN", "l", "PASSWORD", "p")));
        Reply filtered = postForm(
                portal.webhookUrl() + "voximplant.sip.get", "FILTER%5BTITLE%5D%5B%5D=f1&FILTER%5BTITLE%5D%5B%5D=q1");
        assertThat(filtered.result()).extracting(n -> n.get("TITLE").asText()).containsExactly("f1", "q1");
    }

    @Test
    void multipartFormIsAccepted() {
        BitrixPortal portal = startDemo(PortalConfig.portal("demo"));
        String boundary = "----b24sipBoundary";
        StringBuilder body = new StringBuilder();
        line("mp")
                .forEach((k, v) -> body.append("--")
                        .append(boundary)
                        .append("\r\n")
                        .append("Content-Disposition: form-data; name=\"")
                        .append(k)
                        .append("\"\r\n\r\n")
                        .append(v)
                        .append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        Reply reply = send(HttpRequest.newBuilder(URI.create(portal.webhookUrl() + "voximplant.sip.add"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(portal.lines()).extracting("title").containsExactly("mp");
    }

    @Test
    void successEnvelopeCarriesTheTimeObjectWithTheModulesNumberTypes() {
        BitrixPortal portal = startDemo(PortalConfig.portal("demo"));
        Reply reply = postJson(portal.webhookUrl() + "voximplant.sip.connector.status", Map.of());
        JsonNode time = reply.body().get("time");
        assertThat(time.get("start").isIntegralNumber()).isTrue();
        assertThat(time.get("processing").isIntegralNumber()).isTrue();
        assertThat(time.get("finish").isFloatingPointNumber()).isTrue();
        assertThat(time.get("duration").isFloatingPointNumber()).isTrue();
        assertThat(time.get("date_start").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
        assertThat(time.get("date_finish").asText()).isNotEmpty();
        assertThat(reply.text()).as("plain decimals as PHP prints them").doesNotContain("E9");
        assertThat(time.has("operating")).isTrue();
        assertThat(time.get("operating_reset_at").isIntegralNumber()).isTrue();
    }

    @Test
    void selfHostedModeOmitsOperatingFigures() {
        BitrixPortal portal = startDemo(PortalConfig.portal("demo").cloudMode(false));
        JsonNode time = postJson(portal.webhookUrl() + "voximplant.sip.connector.status", Map.of())
                .body()
                .get("time");
        assertThat(time.has("operating")).isFalse();
        assertThat(time.has("operating_reset_at")).isFalse();
    }

    @Test
    void unknownMethodIs404MethodNotFound() {
        BitrixPortal portal = startDemo(PortalConfig.portal("demo"));
        Reply reply = postJson(portal.webhookUrl() + "voximplant.sip.frobnicate", Map.of());
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("ERROR_METHOD_NOT_FOUND");
        assertThat(reply.body().get("error_description").asText()).isEqualTo("Method not found!");
    }

    @Test
    void invalidJsonBodyIsAClearError() {
        BitrixPortal portal = startDemo(PortalConfig.portal("demo"));
        Reply reply = send(HttpRequest.newBuilder(URI.create(portal.webhookUrl() + "voximplant.sip.add"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                .build());
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void httpsCertificateIsOnlyTrustedWhenTheClientTrustsTheSimulator() throws Exception {
        BitrixPortal portal = startDemo(PortalConfig.portal("demo"));
        HttpClient untrusting = HttpClient.newHttpClient();
        assertThatThrownBy(() -> untrusting.send(
                        HttpRequest.newBuilder(URI.create(portal.webhookUrl() + "voximplant.sip.get"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(sim.tls().pem()).startsWith("-----BEGIN CERTIFICATE-----");
    }
}
