package io.github.b24sip.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed HTTP request: the path, the query parameters and the body parameters (JSON, urlencoded or
 * multipart), each in PHP-array form.
 */
public record SimRequest(
        HttpExchange exchange,
        String httpMethod,
        String path,
        String rawQuery,
        Map<String, Object> query,
        Map<String, Object> body,
        boolean secure) {

    /** Reads and parses the request; a body that cannot be parsed raises {@link BadRequestException}. */
    public static SimRequest read(HttpExchange exchange) throws IOException {
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, Object> query = PhpParams.parseQuery(rawQuery);
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readAllBytes();
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, Object> body = parseBody(bytes, contentType == null ? "" : contentType);
        return new SimRequest(
                exchange,
                exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getPath(),
                rawQuery,
                query,
                body,
                exchange instanceof HttpsExchange);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseBody(byte[] bytes, String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (bytes.length == 0) {
            return new LinkedHashMap<>();
        }
        if (type.startsWith("application/json")) {
            Object json;
            try {
                json = Json.read(bytes);
            } catch (IOException e) {
                throw new BadRequestException("the request body is not valid JSON");
            }
            if (json instanceof Map) {
                return (Map<String, Object>) PhpParams.fromJson(json);
            }
            throw new BadRequestException("the JSON request body is not an object");
        }
        if (type.startsWith("multipart/form-data")) {
            Map<String, Object> out = new LinkedHashMap<>();
            try {
                Multipart.parse(bytes, contentType).forEach(e -> PhpParams.put(out, e.getKey(), e.getValue()));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(e.getMessage());
            }
            return out;
        }
        // PHP reads urlencoded bodies; clients that omit the content type send urlencoded too
        if (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded")) {
            return PhpParams.parseQuery(new String(bytes, StandardCharsets.UTF_8));
        }
        return new LinkedHashMap<>();
    }

    /** Query and body parameters together; the body wins, as in PHP's $_REQUEST. */
    public Map<String, Object> params() {
        Map<String, Object> all = new LinkedHashMap<>(query);
        all.putAll(body);
        return all;
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Thrown for a request the simulator cannot even parse. */
    public static final class BadRequestException extends RuntimeException {
        public BadRequestException(String message) {
            super(message);
        }
    }
}
