package io.github.b24sip.app;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An integrator's YAML route in b24sip.routes.dir (written by {@link SimulatorResource}) is loaded at start-up and,
 * named in b24sip.status.to, receives every status event: a flow added without rebuilding the app.
 */
@QuarkusTest
class UserRoutesTest extends AppTestSupport {

    @Inject
    CamelContext camel;

    @Test
    void theUserRouteFromTheDirectoryReceivesStatusEvents() throws Exception {
        assertThat(camel.getRoute("user-audit"))
                .as("loaded from b24sip.routes.dir")
                .isNotNull();
        String title = unique("audit");
        SimulatorResource.portal("beta").addLine("", "cloud", title, "sip.example.com", "audit-login", "audit-secret");
        Path audit = SimulatorResource.workDir().resolve("events/audit.log");
        await().atMost(WAIT)
                .until(() -> Files.exists(audit)
                        && Files.readAllLines(audit).stream().anyMatch(l -> l.contains(title)));
        List<String> lines = Files.readAllLines(audit).stream()
                .filter(l -> l.contains(title))
                .toList();
        assertThat(lines).allSatisfy(l -> {
            assertThat(l).startsWith("audit {");
            assertThat(JSON.readTree(l.substring("audit ".length()))
                            .path("portal")
                            .asText())
                    .isEqualTo("beta");
        });
    }
}
