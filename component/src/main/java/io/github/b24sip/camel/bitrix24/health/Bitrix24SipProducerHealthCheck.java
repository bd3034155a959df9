package io.github.b24sip.camel.bitrix24.health;

import io.github.b24sip.camel.HealthProbe;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.model.ConnectorStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A bitrix24-sip producer's health: can its portal be called with its credentials? Read from the portal's
 * {@link HealthProbe} of its connector status, so probing it costs at most one request per portal per interval. DOWN carries the error
 * (its message names the method and the portal's code, never a secret).
 */
public final class Bitrix24SipProducerHealthCheck extends AbstractHealthCheck {

    private final String portalHost;
    private final Supplier<HealthProbe.Reading<ConnectorStatus>> reading;

    public Bitrix24SipProducerHealthCheck(
            String id, String portalHost, Supplier<HealthProbe.Reading<ConnectorStatus>> reading) {
        super("camel", "producer:bitrix24-sip-" + id);
        this.portalHost = portalHost;
        this.reading = reading;
    }

    @Override
    public boolean isLiveness() {
        // a portal that refuses the credentials is a reason not to send work here, not to restart the process
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        HealthProbe.Reading<ConnectorStatus> r = reading.get();
        builder.detail("bitrix24.portal", portalHost);
        builder.detail("bitrix24.checked.at", r.at().toString());
        if (r.ok()) {
            builder.up();
            return;
        }
        builder.message(
                "The portal " + portalHost + " cannot be called: " + r.failure().getMessage());
        builder.error(r.failure());
        if (r.failure() instanceof Bitrix24SipException e && e.getErrorCode() != null) {
            builder.detail("bitrix24.error.code", e.getErrorCode());
        }
        builder.down();
    }
}
