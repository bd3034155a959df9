package io.github.b24sip.app.ops;

import io.github.b24sip.app.portal.PortalDefinition;
import io.github.b24sip.app.portal.PortalState;
import io.github.b24sip.app.portal.Portals;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.List;

/**
 * DOWN while an installed portal waits for its application to be installed again (its refresh token was refused), in
 * {@code /q/health/well} and {@code /q/health}: an operator's alert, not a reason to take this instance out of
 * readiness, which serves every other portal.
 */
@Wellness
@ApplicationScoped
public class PortalsWellness implements HealthCheck {

    @Inject
    Portals portals;

    @Override
    public HealthCheckResponse call() {
        List<String> waiting = portals.definitions().stream()
                .filter(p -> p.state() == PortalState.NEEDS_REINSTALL)
                .map(PortalDefinition::name)
                .toList();
        var response = HealthCheckResponse.named("b24sip-portals")
                .status(waiting.isEmpty())
                .withData("portals", portals.definitions().size())
                .withData("needs-reinstall", waiting.size());
        if (!waiting.isEmpty()) {
            response.withData("waiting", String.join(", ", waiting.size() <= 20 ? waiting : waiting.subList(0, 20)));
        }
        return response.build();
    }
}
