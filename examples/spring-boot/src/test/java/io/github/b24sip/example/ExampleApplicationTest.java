package io.github.b24sip.example;

import io.github.b24sip.camel.bitrix24.Bitrix24SipComponent;
import io.github.b24sip.camel.bitrix24.RateLimitPlan;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.SipLineView;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example as a Spring Boot user runs it, against the simulator: the component is configured by the starter from
 * {@code camel.component.bitrix24-sip.*} alone (no bean, no endpoint option names the portal or a credential); the
 * start-up sync provisions the file's lines on the portal, and reading them back through the component finds them.
 */
@SpringBootTest(properties = {"camel.main.run-controller=false", "example.status-delay=200"})
class ExampleApplicationTest {

    private static final Simulator SIM =
            Simulator.start(SimulatorConfig.create().portal(PortalConfig.portal("demo")));
    private static final BitrixPortal PORTAL = SIM.portal("demo");

    @DynamicPropertySource
    static void portal(DynamicPropertyRegistry properties) {
        // plain HTTP on the loopback address: no trust store needed, so nothing but these properties
        properties.add("camel.component.bitrix24-sip.portal-url", PORTAL::plainBaseUrl);
        properties.add(
                "camel.component.bitrix24-sip.user-id",
                () -> String.valueOf(PORTAL.webhook().userId()));
        properties.add(
                "camel.component.bitrix24-sip.token", () -> PORTAL.webhook().code());
        properties.add("camel.component.bitrix24-sip.rate-limit-plan", () -> "enterprise");
        properties.add("camel.component.bitrix24-sip.health-check-interval", () -> "5s");
    }

    @AfterAll
    static void stopSimulator() {
        SIM.close();
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate template;

    @Test
    void theStartUpSyncProvisionsTheFilesLinesAndTheComponentReadsThemBack() {
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> PORTAL.lines().stream().map(SipLineView::title).toList(),
                        titles -> titles.containsAll(List.of("Main office", "Provider A")));

        List<?> lines = template.requestBody("bitrix24-sip:get", null, List.class);
        assertThat(lines.stream().map(l -> ((SipLine) l).title()))
                .containsExactlyInAnyOrder("Main office", "Provider A");
        assertThat(SIM.journal().countCalls("demo", "voximplant.sip.add"))
                .as("each line added once")
                .isEqualTo(2);

        Bitrix24SipComponent component = camel.getComponent("bitrix24-sip", Bitrix24SipComponent.class);
        assertThat(component.getConfiguration().getPortalUrl()).isEqualTo(PORTAL.plainBaseUrl());
        assertThat(component.getConfiguration().getRateLimitPlan()).isEqualTo(RateLimitPlan.enterprise);
        assertThat(component.getHealthCheckInterval()).as("5s, in milliseconds").isEqualTo(5000);
    }
}
