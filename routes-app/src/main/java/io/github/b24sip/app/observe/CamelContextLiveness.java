package io.github.b24sip.app.observe;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the Camel context runs. Camel's own context check counts as liveness and readiness at once, so
 * {@code /q/health} listed it twice, and Camel Main has no setting that turns it off: it is taken out of the registry
 * at
 * start-up, and readiness is left to Camel's route and consumer checks, which read each status poller's last outcome.
 */
@Liveness
@ApplicationScoped
public class CamelContextLiveness implements HealthCheck {

    @Inject
    CamelContext camel;

    void replaceCamelsContextCheck(@Observes StartupEvent startup) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel);
        if (registry != null) {
            registry.getCheck("context").ifPresent(registry::unregister);
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("camel-context")
                .status(camel.getStatus().isStarted())
                .withData("name", camel.getName())
                .withData("status", camel.getStatus().name())
                .build();
    }
}
