package io.github.b24sip.app.cluster;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Readiness of the shared store, registered only when there is one: an app with no database shows no database check
 * (Quarkus's own datasource check, switched off in application.properties, reported UP for a datasource that was never
 * configured). The check borrows a connection and asks the driver whether it is valid, within 2 seconds.
 */
@ApplicationScoped
public class SharedStoreHealth {

    static final String NAME = "Shared store (PostgreSQL)";

    @Inject
    SharedStore shared;

    @Inject
    @Readiness
    HealthRegistry readiness;

    void register(@Observes StartupEvent start) {
        if (shared.enabled()) {
            readiness.register(NAME, this::check);
        }
    }

    private HealthCheckResponse check() {
        try (Connection connection = shared.connection()) {
            boolean valid = connection.isValid(2);
            return HealthCheckResponse.named(NAME)
                    .status(valid)
                    .withData("instance", shared.instance())
                    .build();
        } catch (SQLException e) {
            return HealthCheckResponse.named(NAME)
                    .down()
                    .withData("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
