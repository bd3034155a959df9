package io.github.b24sip.camel.voximplant.health;

import io.github.b24sip.camel.HealthProbe;
import io.github.b24sip.camel.voximplant.VoximplantSipException;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A voximplant-sip producer's health: can its account be called with its credentials? Read from the account's
 * {@link HealthProbe} (one registration asked for), so probing it costs at most one request per account per interval.
 * DOWN carries the error (its message names the method and the API's code, never a key or a token).
 */
public final class VoximplantSipProducerHealthCheck extends AbstractHealthCheck {

    private final String account;
    private final Supplier<HealthProbe.Reading<Integer>> reading;

    public VoximplantSipProducerHealthCheck(String id, String account, Supplier<HealthProbe.Reading<Integer>> reading) {
        super("camel", "producer:voximplant-sip-" + id);
        this.account = account;
        this.reading = reading;
    }

    @Override
    public boolean isLiveness() {
        // an account that refuses the key is a reason not to send work here, not to restart the process
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        HealthProbe.Reading<Integer> r = reading.get();
        builder.detail("voximplant.account", account);
        builder.detail("voximplant.checked.at", r.at().toString());
        if (r.ok()) {
            builder.up();
            return;
        }
        builder.message("The Voximplant account " + account + " cannot be called: "
                + r.failure().getMessage());
        builder.error(r.failure());
        if (r.failure() instanceof VoximplantSipException e) {
            builder.detail("voximplant.error.code", e.getCode());
        }
        builder.down();
    }
}
