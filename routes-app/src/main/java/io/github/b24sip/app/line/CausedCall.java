package io.github.b24sip.app.line;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.support.ExchangeHelper;

import java.util.HashMap;
import java.util.Map;

/**
 * A call on one of the components' endpoints made for an exchange already under way, its cause (a CSV file's, a poll's,
 * an API request's). The call's exchange is Camel's correlated copy of the cause, as a splitter makes its parts: it
 * carries the cause's exchange properties, among them the span camel-opentelemetry2 keeps there, so the call and the
 * REST requests it makes are part of the cause's trace. Its message is a new one, the call's own (body and headers).
 */
public final class CausedCall {

    private CausedCall() {}

    /**
     * Sends the call and returns its answer as {@code type}; a failure is thrown as it came (the component's own
     * exception), a checked one wrapped.
     */
    public static <T> T request(
            ProducerTemplate template,
            Exchange cause,
            String uri,
            Object body,
            Map<String, Object> headers,
            Class<T> type) {
        Exchange call = ExchangeHelper.createCorrelatedCopy(cause, false);
        // a message of its own, not the cause's copied: a file's message would read its file as an empty body
        Message message = new DefaultMessage(call);
        message.setHeaders(new HashMap<>(headers));
        message.setBody(body);
        call.setMessage(message);
        template.send(uri, call);
        if (call.getException() != null) {
            throw RuntimeCamelException.wrapRuntimeException(call.getException());
        }
        return call.getMessage().getBody(type);
    }
}
