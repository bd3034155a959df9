package io.github.b24sip.camel;

import org.apache.camel.Producer;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.function.Supplier;

/**
 * Puts a producer's health check in Camel's "producers" repository while the producer runs, as Camel's own components
 * do. The repository exists only when health checks are on (camel-health on the classpath); Camel also keeps producer
 * checks off unless {@code camel.health.producersEnabled=true}, and the component's {@code healthCheckProducerEnabled}
 * turns its own off.
 */
public final class ProducerHealthChecks {

    private ProducerHealthChecks() {}

    /** Returns the check registered, or null when there is no repository to register it in. */
    public static HealthCheck register(
            Producer producer, boolean enabled, Supplier<? extends AbstractHealthCheck> check) {
        WritableHealthCheckRepository repository = repository(producer);
        if (repository == null) {
            return null;
        }
        AbstractHealthCheck healthCheck = check.get();
        healthCheck.setEnabled(enabled);
        repository.addHealthCheck(healthCheck);
        return healthCheck;
    }

    public static void unregister(Producer producer, HealthCheck check) {
        WritableHealthCheckRepository repository = repository(producer);
        if (repository != null && check != null) {
            repository.removeHealthCheck(check);
        }
    }

    private static WritableHealthCheckRepository repository(Producer producer) {
        return HealthCheckHelper.getHealthCheckRepository(
                producer.getEndpoint().getCamelContext(), "producers", WritableHealthCheckRepository.class);
    }
}
