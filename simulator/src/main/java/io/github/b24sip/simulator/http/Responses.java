package io.github.b24sip.simulator.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Responses, built first and sent last: a handler journals a request before its response leaves, so a client that
 * has its answer always finds the request in the journal.
 */
public final class Responses {

    /** A response (or a dropped connection) ready to be sent. */
    @FunctionalInterface
    public interface Reply {
        void send(HttpExchange exchange) throws IOException;
    }

    private Responses() {}

    public static Reply json(int status, Object body) {
        byte[] bytes = Json.write(body);
        return exchange -> send(exchange, status, "application/json; charset=utf-8", bytes);
    }

    public static Reply html(int status, String html) {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        return exchange -> send(exchange, status, "text/html; charset=utf-8", bytes);
    }

    public static Reply redirect(String location) {
        return exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        };
    }

    /**
     * Closes the connection without a response. The JDK server closes the socket when an exchange is closed before
     * any response headers were sent; the client sees a reset or an unexpected end of stream.
     */
    public static Reply drop() {
        return HttpExchange::close;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
