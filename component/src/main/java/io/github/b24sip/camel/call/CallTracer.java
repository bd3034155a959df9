package io.github.b24sip.camel.call;

import org.apache.camel.CamelContext;

import java.util.concurrent.Executor;

/**
 * Traces the HTTP calls the components make: one span per request to a portal or to the Voximplant API, named by the
 * REST method, with the host and the HTTP status. The components find an implementation in the Camel registry (a bean
 * of this type, such as one on OpenTelemetry); without one nothing is traced. What a span is given never holds a
 * secret: no URL (a webhook's carries its token), no parameter, only the method, the host and the answer's code.
 */
public interface CallTracer {

    /** A request is about to be sent; the span ends when its answer came, or did not. */
    CallSpan start(String api, String method, String host);

    /**
     * The executor that runs a call's parts in parallel (the chunks of a batch), carrying the caller's trace to them so
     * their spans have the caller's as parent.
     */
    default Executor propagating(Executor executor) {
        return executor;
    }

    /** One request's span. */
    interface CallSpan {
        /**
         * @param httpStatus the answer's status; 0 when none came
         * @param errorCode  the API's error code (or NETWORK_ERROR) when the call failed; null when it worked
         */
        void end(int httpStatus, String errorCode);
    }

    CallTracer NONE = (api, method, host) -> (status, error) -> {};

    /** The registry's tracer (a single bean of this type), or {@link #NONE}. */
    static CallTracer of(CamelContext camel) {
        CallTracer tracer = camel.getRegistry().findSingleByType(CallTracer.class);
        return tracer != null ? tracer : NONE;
    }
}
