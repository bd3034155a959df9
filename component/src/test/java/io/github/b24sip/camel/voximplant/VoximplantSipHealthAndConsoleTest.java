package io.github.b24sip.camel.voximplant;

import io.github.b24sip.camel.SimulatorTrust;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.VoximplantConfig;
import io.github.b24sip.simulator.voximplant.ServiceAccountKey;
import io.github.b24sip.simulator.voximplant.VoximplantAccount;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleResolver;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * As for bitrix24-sip: the producer health check reads the account (one registration asked for) at most once per
 * interval (the journal counts the requests), goes DOWN with the error when the account refuses the service-account
 * key, and UP again once the key is registered again; the dev console shows each account's requests, health, last
 * poll and last error, and none of its secrets.
 */
class VoximplantSipHealthAndConsoleTest {

    private static final long ACCOUNT = 1000001;
    private static final long INTERVAL_MS = 400;

    @TempDir
    Path dir;

    private Simulator sim;
    private VoximplantAccount account;
    private ServiceAccountKey key;
    private CamelContext context;

    private void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.create()
                .voximplant(VoximplantConfig.account(ACCOUNT).apiKey("legacy-key-secret")));
        account = sim.voximplant(ACCOUNT);
        key = account.newServiceAccountKey();
        context = new DefaultCamelContext();
        VoximplantSipComponent component = new VoximplantSipComponent();
        component.setHealthCheckInterval(INTERVAL_MS);
        VoximplantSipConfiguration c = component.getConfiguration();
        c.setApiUrl(sim.voximplantApiUrl());
        c.setCredentialsFile(
                key.writeCredentials(dir.resolve("credentials.json")).toString());
        c.setSslContextParameters(SimulatorTrust.sslContextParameters(sim, dir));
        context.addComponent("voximplant-sip", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:get").to("voximplant-sip:getSipRegistrations");
            }
        });
        context.start();
        // Camel keeps producer checks off unless camel.health.producersEnabled=true: as a user turns them on
        producers().setEnabled(true);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private WritableHealthCheckRepository producers() {
        return HealthCheckHelper.getHealthCheckRepository(context, "producers", WritableHealthCheckRepository.class);
    }

    private HealthCheck producerCheck() {
        return producers().stream()
                .filter(c -> c.getId().startsWith("producer:voximplant-sip-"))
                .findFirst()
                .orElseThrow();
    }

    /** The probes: GetSipRegistrations asking for one registration (a poll or a read asks for pages of 100). */
    private long probes() {
        return sim.journal().entries("voximplant").stream()
                .filter(e -> "GetSipRegistrations".equals(e.method())
                        && "1".equals(e.params().get("count")))
                .count();
    }

    @Test
    void theProducerCheckGoesDownWhenTheKeyIsRefusedAndUpAgainAtOneRequestPerInterval() throws Exception {
        start();
        HealthCheck check = producerCheck();

        for (int i = 0; i < 20; i++) {
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
        }
        assertThat(probes()).as("20 probes within one interval").isEqualTo(1);

        // the key is removed in the control panel
        account.revokeKey(key.keyId());
        long start = System.nanoTime();
        long before = probes();
        await().pollInterval(Duration.ofMillis(10))
                .atMost(Duration.ofSeconds(20))
                .until(() -> check.call().getState() == HealthCheck.State.DOWN);
        HealthCheck.Result down = check.call();
        assertThat(down.getError()).as("the error the check carries").isPresent();
        assertThat(down.getMessage())
                .hasValueSatisfying(
                        m -> assertThat(m).contains("cannot be called").doesNotContain(privateKeyLine()));
        assertThat(down.getDetails()).containsEntry("voximplant.account", String.valueOf(ACCOUNT));
        assertAtMostOnePerInterval(before, start);

        // registered again
        account.registerKey(key.keyId(), key.keyPair().getPublic());
        long again = System.nanoTime();
        long beforeUp = probes();
        await().pollInterval(Duration.ofMillis(10))
                .atMost(Duration.ofSeconds(20))
                .until(() -> check.call().getState() == HealthCheck.State.UP);
        assertAtMostOnePerInterval(beforeUp, again);
    }

    /** One more than the intervals allowed for the window's two edges; unpaced, the count would be the calls'. */
    private void assertAtMostOnePerInterval(long before, long startNanos) {
        long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
        assertThat(probes() - before)
                .as("probes in %d ms at one per %d ms", elapsedMs, INTERVAL_MS)
                .isLessThanOrEqualTo(elapsedMs / INTERVAL_MS + 2);
    }

    @Test
    void theDevConsoleShowsRequestsHealthPollAndErrorButNoSecret() throws Exception {
        start();
        assertThat(producerCheck().call().getState()).isEqualTo(HealthCheck.State.UP);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("voximplant-sip:registrations?delay=50&initialDelay=0")
                        .routeId("poller")
                        .to("log:registrations?level=OFF");
            }
        });
        VoximplantSipComponent component = context.getComponent("voximplant-sip", VoximplantSipComponent.class);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> component.accounts().get(0).lastPoll() != null);
        Throwable refused = catchThrowable(() -> context.createProducerTemplate()
                .requestBody(
                        "voximplant-sip:updateSipRegistration",
                        Map.of("sip_registration_id", 987654, "password", "upd-secret")));
        assertThat(refused).as("no such registration").isNotNull();

        DevConsole console = context.getCamelContextExtension()
                .getContextPlugin(DevConsoleResolver.class)
                .resolveDevConsole("voximplant-sip");
        assertThat(console).as("the console found through its service file").isNotNull();
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON, Map.of());
        JsonObject a = (JsonObject) json.getCollection("accounts").iterator().next();

        assertThat(a.getString("account")).isEqualTo(String.valueOf(ACCOUNT));
        assertThat(a.getLong("requests")).isGreaterThanOrEqualTo(3L);
        assertThat(a.getBoolean("up")).isTrue();
        assertThat(a.getString("lastPoll")).isNotNull();
        assertThat(a.getString("lastError")).contains("UpdateSipRegistration");
        assertThat(a.getString("lastPollFailureAt"))
                .as("a producer's failure is the last error, not a failed poll")
                .isNull();
        assertThat(text).contains("account " + ACCOUNT).contains("health up").contains("last error");
        for (String secret : new String[] {privateKeyLine(), "legacy-key-secret", "upd-secret"}) {
            assertThat(text).doesNotContain(secret);
            assertThat(json.toJson()).doesNotContain(secret);
        }
    }

    private String privateKeyLine() {
        return key.privateKeyPem()
                .lines()
                .filter(l -> !l.startsWith("-----") && l.length() > 40)
                .findFirst()
                .orElseThrow();
    }
}
