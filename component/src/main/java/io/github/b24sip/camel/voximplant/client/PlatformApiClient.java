package io.github.b24sip.camel.voximplant.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.camel.ConnectionFailures;
import io.github.b24sip.camel.Json;
import io.github.b24sip.camel.call.CallPolicy;
import io.github.b24sip.camel.call.CallTracer;
import io.github.b24sip.camel.voximplant.VoximplantSipException;
import io.github.b24sip.camel.voximplant.VoximplantSipTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Calls a platform_api method: POST form to {@code {apiUrl}/{Method}} with a Bearer JWT (or the legacy account_id and
 * api_key). A 455/456 token error renews the token once; a network error, 429, 5xx or a "try later" code is retried
 * only for calls that may be repeated.
 */
public final class PlatformApiClient {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformApiClient.class);
    private static final ObjectMapper JSON = Json.MAPPER;

    private final URI apiUrl;
    private final JwtSigner signer;
    private final String legacyAccountId;
    private final String legacyApiKey;
    private final HttpClient http;
    private final Duration timeout;
    private final int maxRetries;
    private final AtomicLong requests = new AtomicLong();
    /** Real time: a wait that is interrupted ends the call, with the thread's interrupt kept. */
    private final CallPolicy policy = new CallPolicy(
            nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)),
            e -> new VoximplantSipTransportException("(retry)", "interrupted while waiting to retry", 0));

    private CallTracer tracer = CallTracer.NONE;

    /** Traces each request from now on (the endpoint passes the registry's tracer). */
    public PlatformApiClient tracedBy(CallTracer tracer) {
        this.tracer = tracer;
        return this;
    }

    public PlatformApiClient(
            URI apiUrl,
            JwtSigner signer,
            String legacyAccountId,
            String legacyApiKey,
            HttpClient http,
            Duration timeout,
            int maxRetries) {
        this.apiUrl = apiUrl;
        this.signer = signer;
        this.legacyAccountId = legacyAccountId;
        this.legacyApiKey = legacyApiKey;
        this.http = http;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
    }

    public JwtSigner signer() {
        return signer;
    }

    public JsonNode call(String method, Map<String, String> params, boolean idempotent) {
        return call(method, params, idempotent, 0, null);
    }

    /**
     * A call that must not run twice (a create): after an unclear answer {@code lookup} looks its effect up; found, that
     * is the answer, otherwise it is sent again.
     */
    public JsonNode callResolving(String method, Map<String, String> params, Supplier<Optional<JsonNode>> lookup) {
        return call(method, params, false, 0, lookup);
    }

    /** HTTP requests this client has sent. */
    public long requestCount() {
        return requests.get();
    }

    /**
     * A removal, retried like any idempotent call: when a retry answers {@code goneCode} (the id is unknown), an
     * earlier
     * attempt ran although its answer was lost, so the removal succeeded and {@code {"result":1}} is returned.
     */
    public JsonNode callRemoval(String method, Map<String, String> params, int goneCode) {
        return call(method, params, true, goneCode, null);
    }

    private JsonNode call(
            String method,
            Map<String, String> params,
            boolean idempotent,
            int goneCode,
            Supplier<Optional<JsonNode>> lookup) {
        String[] sentToken = new String[1];
        Runnable renew = signer == null ? null : () -> signer.renew(sentToken[0]);
        return policy.run(
                () -> {
                    sentToken[0] = signer == null ? null : signer.token();
                    return send(method, params, sentToken[0]);
                },
                new PlatformCallRules<JsonNode>(
                        method,
                        idempotent,
                        maxRetries,
                        goneCode,
                        JSON.createObjectNode().put("result", 1),
                        renew,
                        lookup));
    }

    private JsonNode send(String method, Map<String, String> params, String token) {
        Map<String, String> form = new LinkedHashMap<>(params);
        if (token == null) {
            form.put("account_id", legacyAccountId);
            form.put("api_key", legacyApiKey);
        }
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + "/" + method))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            // the one place the token enters a request
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        CallTracer.CallSpan span = tracer.start("voximplant", method, apiUrl.getAuthority());
        try {
            requests.incrementAndGet();
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            span.end(0, "NETWORK_ERROR");
            throw new VoximplantSipTransportException(method, "no answer: " + ConnectionFailures.describe(e), 0);
        } catch (InterruptedException e) {
            span.end(0, "NETWORK_ERROR");
            Thread.currentThread().interrupt();
            throw new VoximplantSipTransportException(method, "interrupted", 0);
        }
        int status = response.statusCode();
        span.end(status, status != 200 ? "HTTP_" + status : null);
        LOG.debug("{} answered HTTP {}", method, status);
        JsonNode json = null;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            // reported below without the body
        }
        if (status != 200 || json == null || !json.isObject()) {
            throw new VoximplantSipTransportException(
                    method,
                    "unexpected answer (HTTP " + status + ", "
                            + response.headers().firstValue("Content-Type").orElse("no content type") + ")",
                    status);
        }
        JsonNode error =
                json.has("error") ? json.get("error") : json.path("errors").path(0);
        if (error.isObject() && error.has("code")) {
            throw new VoximplantSipException(
                    method, error.path("code").asInt(), error.path("msg").asText(""), status);
        }
        return json;
    }
}
