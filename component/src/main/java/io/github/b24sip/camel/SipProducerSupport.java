package io.github.b24sip.camel;

import io.github.b24sip.camel.status.StatusPollEndpoint;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.support.HeaderSelectorProducer;
import org.apache.camel.support.HealthCheckComponent;

import java.util.function.Supplier;

/**
 * What the producers of both schemes share beside their operations: a producer health check registered while the
 * producer runs ({@link ProducerHealthChecks}), and every operation's failure kept as its portal's or account's last
 * error, for the dev console.
 */
public abstract class SipProducerSupport extends HeaderSelectorProducer {

    private HealthCheck healthCheck;

    protected SipProducerSupport(Endpoint endpoint, String header, Supplier<String> defaultOperation) {
        super(endpoint, header, defaultOperation);
    }

    /** This producer's health check, built when it starts. */
    protected abstract ProducerHealthCheck healthCheck();

    /** The portal's or account's activity its failures are written to. */
    protected ApiActivity activity() {
        return ((StatusPollEndpoint) getEndpoint()).activity();
    }

    /** Whether the component's producer checks are on ({@code healthCheckProducerEnabled}). */
    protected boolean healthCheckEnabled() {
        return ((HealthCheckComponent) getEndpoint().getComponent()).isHealthCheckProducerEnabled();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        healthCheck = ProducerHealthChecks.register(this, healthCheckEnabled(), this::healthCheck);
    }

    @Override
    protected void doStop() throws Exception {
        ProducerHealthChecks.unregister(this, healthCheck);
        healthCheck = null;
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        return super.process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                activity().failed(exchange.getException());
            }
            callback.done(doneSync);
        });
    }

    /** One check per producer: two routes may send to the same endpoint. */
    protected String checkId(String scheme, String subject, Object operation) {
        return "producer:" + scheme + "-" + subject + "-" + operation + "-"
                + Integer.toHexString(System.identityHashCode(this));
    }
}
