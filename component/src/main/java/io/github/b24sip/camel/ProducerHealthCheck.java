package io.github.b24sip.camel;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A producer's health, for both schemes: can its portal or account be called with its credentials? Read from the
 * {@link HealthProbe} the producer's component keeps for it, so probing costs at most one request per portal or
 * account per interval. DOWN carries the error (its message names the method and the API's code, never a secret).
 */
public final class ProducerHealthCheck extends AbstractHealthCheck {

    private final String api;
    private final String subjectKind;
    private final String subject;
    private final Supplier<? extends HealthProbe.Reading<?>> reading;

    /**
     * @param api         the details' prefix: bitrix24 or voximplant
     * @param subjectKind what is called, in the details and the message: portal or account
     * @param subject     the portal's host or the account's id
     */
    public ProducerHealthCheck(
            String id,
            String api,
            String subjectKind,
            String subject,
            Supplier<? extends HealthProbe.Reading<?>> reading) {
        super("camel", id);
        this.api = api;
        this.subjectKind = subjectKind;
        this.subject = subject;
        this.reading = reading;
    }

    @Override
    public boolean isLiveness() {
        // credentials refused are a reason not to send work here, not to restart the process
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        HealthProbe.Reading<?> r = reading.get();
        builder.detail(api + "." + subjectKind, subject);
        builder.detail(api + ".checked.at", r.at().toString());
        if (r.ok()) {
            builder.up();
            return;
        }
        builder.message("The " + subjectKind + " " + subject + " cannot be called: "
                + r.failure().getMessage());
        builder.error(r.failure());
        if (r.failure() instanceof SipApiException e && e.getHttpResponseStatus() != null) {
            builder.detail(api + ".error.code", e.getHttpResponseStatus());
        }
        builder.down();
    }
}
