package io.github.b24sip.app;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server standing in for a downstream webhook: records every POSTed body, and can be told to answer
 * the next requests with 503 to exercise the app's retries.
 */
public class WebhookReceiverResource implements QuarkusTestResourceLifecycleManager {

    private static final List<String> BODIES = new CopyOnWriteArrayList<>();
    private static final AtomicInteger FAILURES_TO_SEND = new AtomicInteger();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final List<String> REFUSED = new CopyOnWriteArrayList<>();
    private static volatile boolean down;
    private HttpServer server;

    public static List<String> bodies() {
        return BODIES;
    }

    public static int requests() {
        return REQUESTS.get();
    }

    /** Bodies answered with 503. */
    public static List<String> refusedBodies() {
        return REFUSED;
    }

    /** While down, every request is answered 503 (a downstream system that is out for a while). */
    public static void down(boolean isDown) {
        down = isDown;
    }

    public static void failNext(int n) {
        FAILURES_TO_SEND.set(n);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            REQUESTS.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = down || FAILURES_TO_SEND.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
            if (status == 204) {
                BODIES.add(body);
            } else {
                REFUSED.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return Map.of(
                "b24sip.status.http-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
