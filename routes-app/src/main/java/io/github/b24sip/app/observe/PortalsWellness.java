package io.github.b24sip.app.observe;

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
 * DOWN while an installed portal waits for its application to be installed again (its refresh token was refused), or
 * a stored portal is invalid (its trust store gone, say), in
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
        List<String> waiting = named(PortalState.NEEDS_REINSTALL);
        List<String> invalid = named(PortalState.INVALID);
        var response = HealthCheckResponse.named("b24sip-portals")
                .status(waiting.isEmpty() && invalid.isEmpty())
                .withData("portals", portals.definitions().size())
                .withData("needs-reinstall", waiting.size())
                .withData("invalid", invalid.size());
        if (!waiting.isEmpty()) {
            response.withData("waiting", firstTwenty(waiting));
        }
        if (!invalid.isEmpty()) {
            response.withData("invalid-portals", firstTwenty(invalid));
        }
        return response.build();
    }

    private List<String> named(PortalState state) {
        return portals.definitions().stream()
                .filter(p -> p.state() == state)
                .map(PortalDefinition::name)
                .toList();
    }

    private static String firstTwenty(List<String> names) {
        return String.join(", ", names.size() <= 20 ? names : names.subList(0, 20));
    }
}
