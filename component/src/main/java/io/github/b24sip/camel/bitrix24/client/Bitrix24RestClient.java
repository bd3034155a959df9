package io.github.b24sip.camel.bitrix24.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.b24sip.camel.ConnectionFailures;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipTransportException;
import io.github.b24sip.camel.call.CallPolicy;
import io.github.b24sip.camel.call.CallTracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Calls one REST method on one portal: paced, authenticated in one place, and retried only where the retry
 * semantics allow. The URL (which holds a webhook's secret) is never logged nor put in a message.
 */
public final class Bitrix24RestClient {

    private static final Logger LOG = LoggerFactory.getLogger(Bitrix24RestClient.class);

    private final PortalAddress portal;
    private final Credentials credentials;
    private final OAuthTokenManager tokens;
    private final RequestPacer pacer;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final AtomicLong requests = new AtomicLong();
    private final CallPolicy policy;

    /** Traces each request from now on (the endpoint passes the registry's tracer). */
    private CallTracer tracer = CallTracer.NONE;

    public Bitrix24RestClient tracedBy(CallTracer tracer) {
        this.tracer = tracer;
        return this;
    }

    public Bitrix24RestClient(
            PortalAddress portal,
            Credentials credentials,
            OAuthTokenManager tokens,
            RequestPacer pacer,
            HttpClient http,
            Duration requestTimeout,
            int maxRetries) {
        this.portal = portal;
        this.credentials = credentials;
        this.tokens = tokens;
        this.pacer = pacer;
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.maxRetries = maxRetries;
        this.policy = new CallPolicy(
                pacer::sleep,
                e -> new Bitrix24SipTransportException(
                        null, Bitrix24SipException.NETWORK_ERROR, "interrupted while waiting", 0, e));
    }

    public RequestPacer pacer() {
        return pacer;
    }

    /** HTTP requests this client has sent. */
    public long requestCount() {
        return requests.get();
    }

    /**
     * Calls a method. {@code idempotent} calls are sent again after a network error, a timeout or a 5xx; others throw a
     * {@link Bitrix24SipTransportException} (or a 5xx error) and leave the resolution to the caller, because the call
     * may have run.
     */
    public RestResult call(String method, Map<String, Object> params, boolean idempotent) {
        return call(method, params, idempotent ? IfUnclear.sendAgain() : IfUnclear.fail(), result -> result);
    }

    /** Calls a method, doing what {@code ifUnclear} says when the answer is unclear, and reads its result. */
    public <T> T call(
            String method, Map<String, Object> params, IfUnclear<T> ifUnclear, Function<RestResult, T> reader) {
        return retrying(method, ifUnclear, accessToken -> reader.apply(send(method, params, accessToken)));
    }

    /**
     * Runs {@code attempt} under the call policy with the REST retry table for {@code method}. The attempt is given the
     * access token to send (null with a webhook); a method held after OPERATION_TIME_LIMIT is not attempted at all.
     */
    <T> T retrying(String method, IfUnclear<T> ifUnclear, Function<String, T> attempt) {
        String[] sentToken = new String[1];
        Runnable refresh = tokens == null ? null : () -> tokens.refresh(sentToken[0], http, requestTimeout);
        return policy.run(
                () -> {
                    Instant held = pacer.heldUntil(method);
                    if (held != null) {
                        throw RestCallRules.operationLimit(method, null, held);
                    }
                    sentToken[0] = tokens == null ? null : tokens.accessToken();
                    return attempt.apply(sentToken[0]);
                },
                new RestCallRules<>(method, pacer, maxRetries, ifUnclear, refresh));
    }

    /** One request of a method, paced and authenticated, not retried: its result, or the mapped error. */
    RestResult send(String method, Map<String, Object> params, String accessToken) {
        JsonNode body = sendOnce(method, params, accessToken);
        recordOperating(method, body.path("time"));
        return new RestResult(body.get("result"), intOrNull(body.get("total")), intOrNull(body.get("next")));
    }

    /** One HTTP request, paced: returns the success body or throws the mapped error. */
    private JsonNode sendOnce(String method, Map<String, Object> params, String accessToken) {
        ObjectNode json = RestResponses.JSON.valueToTree(params);
        URI uri;
        if (credentials instanceof Credentials.Webhook webhook) {
            uri = portal.webhookMethodUri(webhook.userId(), webhook.token(), method);
        } else {
            uri = portal.oauthMethodUri(method);
            // the one place a token enters a request
            json.put("auth", accessToken);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "camel-bitrix24-sip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(RestResponses.bytes(json)))
                .build();
        long ticket;
        try {
            ticket = pacer.acquire(method);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Bitrix24SipTransportException(
                    method, Bitrix24SipException.NETWORK_ERROR, "interrupted while pacing", 0, e);
        }
        HttpResponse<String> response = null;
        CallTracer.CallSpan span =
                tracer.start("bitrix24", method, portal.origin().getAuthority());
        try {
            requests.incrementAndGet();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
            pacer.answered(ticket);
        } catch (HttpTimeoutException e) {
            throw new Bitrix24SipTransportException(
                    method,
                    Bitrix24SipException.NETWORK_ERROR,
                    "no answer within " + requestTimeout.toMillis() + " ms",
                    0,
                    null);
        } catch (IOException e) {
            throw new Bitrix24SipTransportException(
                    method, Bitrix24SipException.NETWORK_ERROR, ConnectionFailures.describe(e), 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Bitrix24SipTransportException(method, Bitrix24SipException.NETWORK_ERROR, "interrupted", 0, e);
        } finally {
            pacer.release();
            if (response == null) {
                span.end(0, Bitrix24SipException.NETWORK_ERROR);
            }
        }
        int status = response.statusCode();
        span.end(status, status >= 400 ? "HTTP_" + status : null);
        LOG.debug("{} answered HTTP {}", method, status);
        if (status == 301 || status == 302 || status == 307 || status == 308) {
            String location = response.headers().firstValue("Location").orElse("");
            // only the new origin: the rest of the location repeats the webhook path with its secret
            throw new Bitrix24SipException(
                    method,
                    Bitrix24SipException.PORTAL_MOVED,
                    "the portal moved to " + PortalAddress.originOf(location) + "; update portalUrl",
                    status);
        }
        JsonNode body = RestResponses.parse(
                method,
                status,
                response.body(),
                response.headers().firstValue("Content-Type").orElse(""));
        if (body.has("error") && !body.has("result")) {
            throw RestResponses.error(method, body, status);
        }
        if (status >= 400) {
            throw new Bitrix24SipTransportException(
                    method,
                    Bitrix24SipException.INVALID_RESPONSE,
                    "the portal answered HTTP " + status + " without an error code",
                    status,
                    null);
        }
        return body;
    }

    private void recordOperating(String method, JsonNode time) {
        if (time.has("operating")) {
            pacer.recordOperating(
                    method,
                    time.path("operating").asDouble(),
                    time.path("operating_reset_at").asLong());
        }
    }

    /** Records the per-command figures of a batch's result_time. */
    public void recordBatchTimes(JsonNode resultTime, Map<String, String> methodByKey) {
        if (resultTime == null || !resultTime.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = resultTime.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String method = methodByKey.get(e.getKey());
            if (method != null) {
                recordOperating(method, e.getValue());
            }
        }
    }

    private static Integer intOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }
}
