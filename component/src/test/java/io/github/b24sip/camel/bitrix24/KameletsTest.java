package io.github.b24sip.camel.bitrix24;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.camel.SimulatorTrust;
import io.github.b24sip.simulator.PortalConfig;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kamelets shipped in the jar (kamelets/*.kamelet.yaml, found by name on the classpath), each run from a YAML
 * route against the simulator as a Kaoto or plain YAML user would write it.
 */
class KameletsTest extends Bitrix24SipTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private void startWithYaml(String yaml) throws Exception {
        context = new DefaultCamelContext();
        context.setSSLContextParameters(SimulatorTrust.sslContextParameters(sim, tempDir));
        context.getComponent("bitrix24-sip", Bitrix24SipComponent.class).setUseGlobalSslContextParameters(true);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:events")
                        .process(e -> events.add(JSON.readTree(e.getMessage().getBody(String.class))));
            }
        });
        context.start();
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.fromString(
                        "kamelets-test.yaml",
                        yaml.replace("PORTAL", portal.baseUrl())
                                .replace("USER", String.valueOf(portal.webhook().userId()))
                                .replace("TOKEN", portal.webhook().code())));
        template = context.createProducerTemplate();
    }

    @Test
    void theSyncSinkAddsUpdatesAndPrunesFromAJsonArrayAndRepliesWithTheReport() throws Exception {
        startSimulator(PortalConfig.portal("demo"));
        portal.addLine("", "office", "stale", "pbx.example.com", "l", "p");
        portal.addLine("", "office", "kept", "pbx.example.com", "old-login", "p");
        startWithYaml("""
                - route:
                    from:
                      uri: direct:desired
                      steps:
                        - to:
                            uri: kamelet:bitrix24-sip-sync-sink
                            parameters:
                              portalUrl: PORTAL
                              userId: USER
                              token: TOKEN
                              prune: true
                """);
        String desired = """
                [{"title": "kept", "type": "office", "server": "pbx.example.com", "login": "new-login",
                  "password": "p"},
                 {"title": "fresh", "type": "cloud", "server": "sip.example.com", "login": "l", "password": "p"}]""";
        JsonNode report = JSON.readTree(template.requestBody("direct:desired", desired.getBytes(), String.class));

        assertThat(report.get("created").asInt()).isEqualTo(1);
        assertThat(report.get("updated").asInt()).isEqualTo(1);
        assertThat(report.get("deleted").asInt()).isEqualTo(1);
        assertThat(portal.lines()).extracting(l -> l.title()).containsExactlyInAnyOrder("kept", "fresh");
        assertThat(portal.linesTitled("kept"))
                .singleElement()
                .satisfies(l -> assertThat(l.login()).isEqualTo("new-login"));
    }

    @Test
    void theStatusSourceEmitsEachCloudLineAsJson() throws Exception {
        startSimulator(PortalConfig.portal("demo").rateLimit(null));
        portal.addLine("", "cloud", "first", "sip.example.com", "l", "p");
        portal.addLine("", "cloud", "second", "sip.example.com", "l", "p");
        portal.addLine("", "office", "office", "pbx.example.com", "l", "p");
        startWithYaml("""
                - route:
                    from:
                      uri: kamelet:bitrix24-sip-status-source
                      parameters:
                        portalUrl: PORTAL
                        userId: USER
                        token: TOKEN
                        delay: 100
                      steps:
                        - to: direct:events
                """);
        await().atMost(Duration.ofSeconds(15)).until(() -> events.size() >= 2);
        Set<String> titles = events.stream().map(e -> e.get("title").asText()).collect(Collectors.toSet());
        assertThat(titles).containsExactlyInAnyOrder("first", "second");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("statusResult").asText()).isEqualTo("wait");
            assertThat(e.get("removed").asBoolean()).isFalse();
            assertThat(e.get("configId").asInt()).isPositive();
        });
    }
}
