package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.client.PortalAddress;
import io.github.b24sip.camel.bitrix24.spi.InMemoryTokenStore;
import io.github.b24sip.simulator.OAuthApp;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.bitrix.TokenPair;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleResolver;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The producer health check reads the portal's connector status at most once per interval (the journal counts the
 * requests), goes DOWN with the error when the portal refuses the application's credentials, and UP again once the
 * application is installed again; the dev console shows each portal's pacing, token expiry, last poll and last error,
 * and none of its secrets.
 */
class Bitrix24SipHealthAndConsoleTest extends Bitrix24SipTestSupport {

    private static final long INTERVAL_MS = 400;
    private static final String CONNECTOR_STATUS = "voximplant.sip.connector.status";

    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private TokenPair issued;

    private void startPortalAndRoute() throws Exception {
        startSimulator(PortalConfig.portal("demo").app(new OAuthApp("app.camel", "camel-secret")));
        issued = startOAuthCamel(c -> c.setTokenStore(tokens));
        context.getComponent("bitrix24-sip", Bitrix24SipComponent.class).setHealthCheckInterval(INTERVAL_MS);
        // Camel keeps producer checks off unless camel.health.producersEnabled=true: as a user turns them on
        producers().setEnabled(true);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:connector").to("bitrix24-sip:connectorStatus");
            }
        });
    }

    private WritableHealthCheckRepository producers() {
        return HealthCheckHelper.getHealthCheckRepository(context, "producers", WritableHealthCheckRepository.class);
    }

    private HealthCheck producerCheck() {
        return producers().stream()
                .filter(c -> c.getId().startsWith("producer:bitrix24-sip-"))
                .findFirst()
                .orElseThrow();
    }

    private long connectorRequests() {
        return journal().countRequests("demo", CONNECTOR_STATUS);
    }

    @Test
    void theProducerCheckGoesDownWhenTheCredentialsAreRefusedAndUpAgainAtOneRequestPerInterval() throws Exception {
        startPortalAndRoute();
        HealthCheck check = producerCheck();

        for (int i = 0; i < 20; i++) {
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
        }
        assertThat(connectorRequests()).as("20 probes within one interval").isEqualTo(1);

        // the administrator removed the application: its tokens are revoked
        sim.oauth().tokens().revokeApplication("demo", "app.camel");
        long start = System.nanoTime();
        long before = connectorRequests();
        await().pollInterval(Duration.ofMillis(10))
                .atMost(Duration.ofSeconds(20))
                .until(() -> check.call().getState() == HealthCheck.State.DOWN);
        HealthCheck.Result down = check.call();
        assertThat(down.getError()).as("the error the check carries").isPresent();
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("cannot be called"));
        assertThat(down.getDetails()).containsEntry("bitrix24.portal", host(portal.baseUrl()));
        assertRequestsAtMostOnePerInterval(before, start);

        // installed again: a new pair, handed to the token store as the install handler does
        tokens.save(
                PortalAddress.of(portal.baseUrl()).toString(),
                "app.camel",
                toComponentPair(portal.issueTokens("app.camel")));
        long again = System.nanoTime();
        long beforeUp = connectorRequests();
        await().pollInterval(Duration.ofMillis(10))
                .atMost(Duration.ofSeconds(20))
                .until(() -> check.call().getState() == HealthCheck.State.UP);
        assertRequestsAtMostOnePerInterval(beforeUp, again);
        assertThat(check.call().getError()).isEmpty();
    }

    /**
     * However often the check was called (every 10 ms here, so some 40 calls an interval), the portal saw one request
     * per interval at most. One more is allowed for the window's two edges: the interval that began before it (its
     * request may land just inside), and the one under way when it is read. Unpaced, the count would be the calls'.
     */
    private void assertRequestsAtMostOnePerInterval(long before, long startNanos) {
        long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
        assertThat(connectorRequests() - before)
                .as("connector status requests in %d ms at one per %d ms", elapsedMs, INTERVAL_MS)
                .isLessThanOrEqualTo(elapsedMs / INTERVAL_MS + 2);
    }

    @Test
    void theDevConsoleShowsPacingTokenExpiryPollAndErrorButNoSecret() throws Exception {
        startPortalAndRoute();
        portal.expireAccessTokens();
        template.requestBody("direct:connector", (Object) null);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("bitrix24-sip:status?delay=50&initialDelay=0")
                        .routeId("poller")
                        .to("log:status?level=OFF");
            }
        });
        Bitrix24SipComponent component = context.getComponent("bitrix24-sip", Bitrix24SipComponent.class);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> component.portals().get(0).lastPoll() != null);
        try {
            template.requestBody("bitrix24-sip:status", 987654L);
        } catch (Exception expected) {
            // no such registration: the console shows it as the last error
        }

        DevConsole console = context.getCamelContextExtension()
                .getContextPlugin(DevConsoleResolver.class)
                .resolveDevConsole("bitrix24-sip");
        assertThat(console).as("the console found through its service file").isNotNull();
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON, Map.of());
        JsonObject p = (JsonObject) json.getCollection("portals").iterator().next();

        assertThat(p.getString("portal")).isEqualTo(host(portal.baseUrl()));
        assertThat(p.getString("auth")).isEqualTo("oauth");
        assertThat(p.getLong("requests")).isGreaterThanOrEqualTo(3L);
        assertThat(p.getString("tokenExpiresAt"))
                .as("known after this process refreshed")
                .isNotNull();
        assertThat(p.getString("lastPoll")).isNotNull();
        assertThat(p.getString("lastError")).contains("voximplant.sip.status");
        assertThat(p.getString("lastPollFailureAt"))
                .as("a producer's failure is the last error, not a failed poll")
                .isNull();
        assertThat(text)
                .contains(host(portal.baseUrl()))
                .contains("token expires")
                .contains("last error");
        String currentAccess = tokens.load(PortalAddress.of(portal.baseUrl()).toString(), "app.camel")
                .accessToken();
        for (String secret :
                new String[] {issued.accessToken(), issued.refreshToken(), currentAccess, "camel-secret"}) {
            assertThat(text).doesNotContain(secret);
            assertThat(json.toJson()).doesNotContain(secret);
        }
    }

    private static io.github.b24sip.camel.bitrix24.spi.TokenPair toComponentPair(TokenPair p) {
        return new io.github.b24sip.camel.bitrix24.spi.TokenPair(p.accessToken(), p.refreshToken());
    }

    /** The portal's host and port, as the component names a portal. */
    private static String host(String url) {
        return java.net.URI.create(url).getAuthority();
    }
}
