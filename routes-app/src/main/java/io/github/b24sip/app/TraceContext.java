package io.github.b24sip.app;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;

/**
 * The current trace as message headers (W3C {@code traceparent}), for a call a route's processor makes through a
 * ProducerTemplate: camel-opentelemetry2 starts a new exchange's trace afresh unless its message carries the parent,
 * so without these headers each sync of a command or a file would be a trace of its own. Empty while tracing is off.
 */
@ApplicationScoped
public class TraceContext {

    /** Unresolvable in a build without OpenTelemetry ({@code quarkus.otel.enabled=false}, the default package). */
    @Inject
    Instance<OpenTelemetry> openTelemetry;

    public Map<String, Object> headers() {
        Map<String, Object> headers = new HashMap<>();
        if (openTelemetry.isResolvable()) {
            openTelemetry.get().getPropagators().getTextMapPropagator().inject(Context.current(), headers, Map::put);
        }
        return headers;
    }
}
