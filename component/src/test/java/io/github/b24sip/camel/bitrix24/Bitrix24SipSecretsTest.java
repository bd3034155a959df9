package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.CapturedLogs;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.simulator.OAuthApp;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.Webhook;
import io.github.b24sip.simulator.fault.Fault;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.URISupport;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A run using every secret option and line passwords: none of the values reaches logs, messages or logged URIs. */
class Bitrix24SipSecretsTest extends Bitrix24SipTestSupport {

    private static final String WEBHOOK_TOKEN = "whsecretcode4711";
    private static final String CLIENT_SECRET = "clientsecret4711";
    private static final String LINE_PASSWORD = "linepassword4711";

    /** The message of what the call throws, with its causes, or "" when it does not throw. */
    private static String message(ThrowableAssert.ThrowingCallable call) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = catchThrowable(call); t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    @Test
    void noSecretValueAppearsAnywhere() throws Exception {
        startSimulator(
                SimulatorConfig.create()
                        .portal(PortalConfig.portal("demo")
                                .webhook(new Webhook(1, WEBHOOK_TOKEN))
                                .app(new OAuthApp("app.secret", CLIENT_SECRET))
                                .maxCloudPbx(50)),
                "demo");
        var tokens = portal.issueTokens("app.secret");
        List<String> secrets =
                List.of(WEBHOOK_TOKEN, CLIENT_SECRET, LINE_PASSWORD, tokens.accessToken(), tokens.refreshToken());
        List<String> messages = new ArrayList<>();
        try (CapturedLogs logs = CapturedLogs.capture()) {
            startCamel();
            String oauthUri = "bitrix24-sip:add?clientId=app.secret&clientSecret=" + CLIENT_SECRET + "&accessToken="
                    + tokens.accessToken() + "&refreshToken=" + tokens.refreshToken() + "&oauthServerUrl="
                    + sim.oauthServerUrl()
                    + "&userId=&token=";
            String webhookUri = "bitrix24-sip:add?token=" + WEBHOOK_TOKEN + "&userId=1";
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:webhook").routeId("webhook").to(webhookUri);
                    from("direct:oauth")
                            .routeId("oauth")
                            .to("bitrix24-sip:add?clientId=app.secret&clientSecret=RAW(" + CLIENT_SECRET
                                    + ")&accessToken=RAW(" + tokens.accessToken() + ")&refreshToken=RAW("
                                    + tokens.refreshToken()
                                    + ")&oauthServerUrl=" + sim.oauthServerUrl() + "&userId=&token=");
                }
            });
            // the component-level webhook credentials must not clash with the OAuth route's own
            template.requestBody(
                    "direct:webhook", SipLineSpec.cloud("w1", "sip.example.com", "l", LINE_PASSWORD), SipLine.class);
            portal.faults().next(1, "voximplant.sip.add", Fault.dropAfter());
            template.requestBody(
                    "direct:webhook", SipLineSpec.cloud("w2", "sip.example.com", "l", LINE_PASSWORD), SipLine.class);
            portal.faults().next(1, "voximplant.sip.add", Fault.htmlError());
            template.requestBody(
                    "direct:webhook", SipLineSpec.cloud("w3", "sip.example.com", "l", LINE_PASSWORD), SipLine.class);
            messages.add(message(() -> template.requestBody(
                    "direct:webhook", SipLineSpec.cloud("w1", "sip.example.com", "l", LINE_PASSWORD))));
            messages.add(message(() -> template.requestBody(
                    "direct:webhook",
                    SipLineSpec.cloud("long", "sip.example.com", "l", LINE_PASSWORD + "x".repeat(100)))));
            portal.expireAccessTokens();
            template.requestBody(
                    "direct:oauth", SipLineSpec.cloud("o1", "sip.example.com", "l", LINE_PASSWORD), SipLine.class);
            messages.add(message(() -> context.getEndpoint(oauthUri + "&portalUrl=http://remote.example.com")));
            for (Endpoint e : context.getEndpoints()) {
                messages.add(e.toString());
                messages.add(URISupport.sanitizeUri(e.getEndpointUri()));
            }
            messages.add(portal.lines().toString());
            messages.add(String.valueOf(context.getRoute("oauth").getEndpoint()));
            context.stop();
            String everything = logs.all() + "\n" + String.join("\n", messages);
            assertThat(logs.count()).as("the run did log").isPositive();
            assertThat(messages)
                    .as("errors were raised")
                    .anyMatch(m -> m.contains("TITLE_EXISTS"))
                    .anyMatch(m -> m.contains("password"))
                    .anyMatch(m -> m.contains("portalUrl"));
            // the tokens the refresh rotated in are secrets as much as the configured ones
            List<String> allSecrets = new ArrayList<>(secrets);
            allSecrets.addAll(sim.oauth().tokens().issuedTokens("demo"));
            assertThat(sim.oauth().tokens().refreshCount())
                    .as("the run refreshed its token")
                    .isPositive();
            assertThat(allSecrets).hasSizeGreaterThan(secrets.size());
            for (String secret : allSecrets) {
                assertThat(everything).as("a secret leaked").doesNotContain(secret);
            }
            assertThat(portal.linesTitled("o1")).as("the OAuth route ran").hasSize(1);
        }
    }
}
