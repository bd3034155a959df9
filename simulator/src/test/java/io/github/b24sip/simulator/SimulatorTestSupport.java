package io.github.b24sip.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** Starts a simulator per test and talks to it over real HTTP(S) with the JDK client. */
public abstract class SimulatorTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected Simulator sim;
    protected HttpClient http;
    /** The clock of a simulator started by {@link #startPortal}: tests move it by hand. */
    protected MutableClock clock;
    /** The portal started by {@link #startPortal}. */
    protected BitrixPortal portal;

    protected Simulator start(SimulatorConfig config) {
        sim = Simulator.start(config);
        http = HttpClient.newBuilder()
                .sslContext(sim.tls().clientSslContext())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return sim;
    }

    /** Starts a simulator with this one portal on a hand-moved clock. */
    protected BitrixPortal startPortal(PortalConfig config) {
        clock = MutableClock.startingNow();
        portal = start(SimulatorConfig.create().clock(clock).portal(config)).portal(config.name());
        return portal;
    }

    /** Calls a REST method of {@link #portal} through its webhook with a JSON body. */
    protected Reply call(String method, Map<String, ?> params) {
        return postJson(portal.webhookUrl() + method, params);
    }

    @AfterEach
    void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    /** A response: HTTP status and the parsed JSON body (null when the body is not JSON). */
    public record Reply(int status, JsonNode body, String text, HttpResponse<String> raw) {
        public String error() {
            return body == null || !body.has("error") ? null : body.get("error").asText();
        }

        public JsonNode result() {
            return body.get("result");
        }
    }

    protected Reply postJson(String url, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected Reply postForm(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    protected Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    protected Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException notJson) {
                // an HTML error page or an empty body
            }
            return new Reply(response.statusCode(), body, response.body(), response);
        } catch (IOException e) {
            throw new TransportFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The request got no HTTP response at all (connection dropped). */
    public static final class TransportFailure extends RuntimeException {
        TransportFailure(IOException cause) {
            super(cause);
        }
    }

    protected static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    protected static Map<String, Object> line(String title) {
        return Map.of(
                "TITLE", title, "SERVER", "sip.example.com", "LOGIN", "login-" + title, "PASSWORD", "secret-" + title);
    }
}
