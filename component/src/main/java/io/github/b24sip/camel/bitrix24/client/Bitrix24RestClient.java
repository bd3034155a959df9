package io.github.b24sip.camel.bitrix24.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.b24sip.camel.RetryBackoff;
import io.github.b24sip.camel.bitrix24.Bitrix24SipAuthenticationException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipLimitException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipTransportException;
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
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls one REST method on one portal: paced, authenticated in one place, and retried only where the retry
 * semantics allow. The URL (which holds a webhook's secret) is never logged nor put in a message.
 */
public final class Bitrix24RestClient {

    private static final Logger LOG = LoggerFactory.getLogger(Bitrix24RestClient.class);
    /** Limit refusals (the server ran nothing) are retried this often, apart from maxRetries. */
    static final int MAX_LIMIT_RETRIES = 30;

    private final PortalAddress portal;
    private final Credentials credentials;
    private final OAuthTokenManager tokens;
    private final RequestPacer pacer;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final AtomicLong requests = new AtomicLong();

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
    }

    public RequestPacer pacer() {
        return pacer;
    }

    /** HTTP requests this client has sent. */
    public long requestCount() {
        return requests.get();
    }

    /**
     * Calls a method. {@code idempotent} calls are retried after a network error, a timeout or a 5xx; others throw a
     * {@link Bitrix24SipTransportException} (or a 5xx error) and leave the resolution to the caller, because the call
     * may have run.
     */
    public RestResult call(String method, Map<String, Object> params, boolean idempotent) {
        int transportRetries = 0;
        int limitRetries = 0;
        boolean refreshed = false;
        Instant waitedUntil = null;
        while (true) {
            Instant held = pacer.heldUntil(method);
            if (held != null) {
                throw operationLimit(method, null, held);
            }
            String accessToken = tokens == null ? null : tokens.accessToken();
            try {
                JsonNode body = send(method, params, accessToken);
                recordOperating(method, body.path("time"));
                return new RestResult(body.get("result"), intOrNull(body.get("total")), intOrNull(body.get("next")));
            } catch (Bitrix24SipException e) {
                String code = e.getErrorCode();
                if (OPERATION_TIME_LIMIT.equalsIgnoreCase(code)) {
                    // one wait, then a clear failure: the current module bans the method for 300 s, and resending
                    // into the ban round after round only spends the caller's time
                    if (waitedUntil != null) {
                        throw operationLimit(method, waitedUntil, pacer.holdAfterOperationLimit(method));
                    }
                    long nanos = pacer.retryAfterOperationLimitNanos(method);
                    waitedUntil = Instant.now().plusNanos(nanos);
                    LOG.debug("{} refused with {}, retrying once in {} ms", method, code, nanos / 1_000_000);
                    sleep(nanos);
                    continue;
                }
                if (isLimit(code) && limitRetries < MAX_LIMIT_RETRIES) {
                    waitAfterLimit(method, code, ++limitRetries);
                    continue;
                }
                if (tokens != null
                        && !refreshed
                        && ("expired_token".equalsIgnoreCase(code) || "invalid_token".equalsIgnoreCase(code))) {
                    refreshed = true;
                    tokens.refresh(accessToken, http, requestTimeout);
                    continue;
                }
                if (idempotent && isAmbiguous(e) && transportRetries < maxRetries) {
                    backoff(++transportRetries);
                    continue;
                }
                if (isLimit(code)) {
                    throw new Bitrix24SipLimitException(
                            method,
                            code,
                            e.getDescription() + " (still refused after " + limitRetries + " waits)",
                            e.getHttpResponseCode());
                }
                throw e;
            }
        }
    }

    /**
     * True when the call may or may not have run: no answer, a timeout, an unreadable body, or a 5xx that is not one
     * of the API's limit or auth refusals (OVERLOAD_LIMIT shares 503 with QUERY_LIMIT_EXCEEDED and is never retried).
     */
    public static boolean isAmbiguous(Bitrix24SipException e) {
        return e instanceof Bitrix24SipTransportException
                || e.getHttpResponseCode() >= 500
                        && !(e instanceof Bitrix24SipLimitException)
                        && !(e instanceof Bitrix24SipAuthenticationException);
    }

    static final String OPERATION_TIME_LIMIT = "OPERATION_TIME_LIMIT";

    /**
     * The method is blocked by the portal's operating-time limit: refused again after waiting until {@code waitedUntil}
     * (null: not sent at all, as it is held), and free again by {@code freeBy} at the latest.
     */
    public static Bitrix24SipLimitException operationLimit(String method, Instant waitedUntil, Instant freeBy) {
        String free = DateTimeFormatter.ISO_INSTANT.format(freeBy.truncatedTo(ChronoUnit.SECONDS));
        String what = waitedUntil == null
                ? "not sent: the portal refused it by its operating-time limit after one wait"
                : "still refused by the portal's operating-time limit after waiting until "
                        + DateTimeFormatter.ISO_INSTANT.format(waitedUntil.truncatedTo(ChronoUnit.SECONDS));
        return new Bitrix24SipLimitException(
                method,
                OPERATION_TIME_LIMIT,
                what + "; the method is free again by " + free + " at the latest (the current REST module bans it "
                        + "for 300 s)",
                429);
    }

    static boolean isLimit(String code) {
        return "QUERY_LIMIT_EXCEEDED".equalsIgnoreCase(code) || "OPERATION_TIME_LIMIT".equalsIgnoreCase(code);
    }

    private void waitAfterLimit(String method, String code, int attempt) {
        long nanos;
        if ("QUERY_LIMIT_EXCEEDED".equalsIgnoreCase(code)) {
            pacer.onQueryLimitExceeded();
            // one slot's drain time, growing 1.5x per refusal (capped) with jitter, so callers refused together
            // do not come back together
            long slot = pacer.retryAfterQueryLimitNanos();
            nanos = (long) (slot * Math.min(Math.pow(1.5, attempt - 1), 20))
                    + ThreadLocalRandom.current().nextLong(slot + 1);
        } else {
            nanos = pacer.retryAfterOperationLimitNanos(method);
        }
        LOG.debug("{} refused with {}, retrying in {} ms", method, code, nanos / 1_000_000);
        sleep(nanos);
    }

    /** Waits before the {@code attempt}th retry: exponential with jitter, through the pacer. */
    void backoff(int attempt) {
        sleep(RetryBackoff.millis(attempt) * 1_000_000);
    }

    private void sleep(long nanos) {
        try {
            pacer.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Bitrix24SipTransportException(
                    null, Bitrix24SipException.NETWORK_ERROR, "interrupted while waiting", 0, e);
        }
    }

    /** One HTTP request, paced: returns the success body or throws the mapped error. */
    private JsonNode send(String method, Map<String, Object> params, String accessToken) {
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
        HttpResponse<String> response;
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
                    method,
                    Bitrix24SipException.NETWORK_ERROR,
                    "the connection failed: " + e.getClass().getSimpleName(),
                    0,
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Bitrix24SipTransportException(method, Bitrix24SipException.NETWORK_ERROR, "interrupted", 0, e);
        } finally {
            pacer.release();
        }
        int status = response.statusCode();
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
