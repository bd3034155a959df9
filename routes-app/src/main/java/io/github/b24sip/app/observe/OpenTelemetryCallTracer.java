package io.github.b24sip.app.observe;

import io.github.b24sip.camel.call.CallTracer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.Executor;

/**
 * The components' REST calls as OpenTelemetry client spans, children of the span current when the call is made (the
 * Camel endpoint's, made current by camel-opentelemetry2), so one trace follows a command or a file from its route to
 * each request to the portal. Attributes: the API, the REST method, the host and the HTTP status; never a URL or a
 * parameter (a webhook URL holds its token). Traces leave the app only when configured (routes-app/README.md,
 * "Traces"); otherwise the SDK is off and these spans cost nothing.
 */
@ApplicationScoped
@Unremovable
@IfBuildProperty(name = "quarkus.otel.enabled", stringValue = "true", enableIfMissing = true)
public class OpenTelemetryCallTracer implements CallTracer {

    @Inject
    Tracer tracer;

    @Override
    public CallSpan start(String api, String method, String host) {
        Span span = tracer.spanBuilder(api + " " + method)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("rpc.system", api)
                .setAttribute("rpc.method", method)
                .setAttribute("server.address", host)
                .startSpan();
        return (status, error) -> {
            if (status > 0) {
                span.setAttribute("http.response.status_code", status);
            }
            if (error != null) {
                span.setStatus(StatusCode.ERROR, error);
            }
            span.end();
        };
    }

    @Override
    public Executor propagating(Executor executor) {
        return Context.taskWrapping(executor);
    }
}
