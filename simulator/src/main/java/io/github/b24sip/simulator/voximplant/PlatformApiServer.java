package io.github.b24sip.simulator.voximplant;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.fault.FaultKind;
import io.github.b24sip.simulator.http.Listeners;
import io.github.b24sip.simulator.http.PhpParams;
import io.github.b24sip.simulator.http.Responses;
import io.github.b24sip.simulator.http.ServerContext;
import io.github.b24sip.simulator.http.SimRequest;
import io.github.b24sip.simulator.journal.JournalEntry;
import io.github.b24sip.simulator.journal.Redaction;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Voximplant Management API at its own origin: {@code /platform_api/{Method}} and {@code /platform_api} with a
 * {@code cmd} field; parameters from the query, urlencoded or multipart bodies; a Bearer RS256 JWT or the legacy
 * {@code account_id} + {@code api_key}. API errors are HTTP 200 with {@code {"error":{"msg","code"}}}.
 */
public final class PlatformApiServer implements HttpHandler, AutoCloseable {

    public static final String TARGET = "voximplant";
    private static final String PREFIX = "/platform_api";

    private final Map<Long, VoximplantAccount> accounts;
    private final ServerContext context;
    private final JwtVerifier verifier;
    private final HttpServer https;
    private final HttpServer plain;

    public PlatformApiServer(List<VoximplantAccount> accounts, ServerContext context, int port) {
        Map<Long, VoximplantAccount> byId = new LinkedHashMap<>();
        accounts.forEach(a -> byId.put(a.accountId(), a));
        this.accounts = Map.copyOf(byId);
        this.context = context;
        this.verifier = new JwtVerifier(this::keyEntry, context.clock());
        this.https = Listeners.https(context.host(), port, context.tls().serverContext(), this, context.executor());
        this.plain = Listeners.plain(context.host(), 0, this, context.executor());
    }

    /** e.g. https://127.0.0.1:40001/platform_api: the value for a client's apiUrl. */
    public String apiUrl() {
        return Listeners.baseUrl(https, context.host()) + PREFIX;
    }

    public String plainApiUrl() {
        return Listeners.baseUrl(plain, context.host()) + PREFIX;
    }

    private JwtVerifier.KeyEntry keyEntry(String kid) {
        for (VoximplantAccount account : accounts.values()) {
            var key = account.keys.get(kid);
            if (key != null) {
                return new JwtVerifier.KeyEntry(account, key);
            }
        }
        return null;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant at = context.clock().instant();
        long startNanos = System.nanoTime();
        String method = "";
        String credential = "none";
        int status = 0;
        String error = null;
        String faultName = null;
        Map<String, Object> logged = Map.of();
        try {
            SimRequest request = SimRequest.read(exchange);
            Map<String, Object> raw = request.params();
            logged = Redaction.params(raw);
            Map<String, String> params = flat(raw);
            method = methodOf(request.path(), params);
            VoximplantAccount account = null;
            Fault fault = null;
            try {
                if (method.isEmpty()) {
                    throw new VoxApiException(102, "Missing 'cmd' parameter");
                }
                if (!SipRegistrationMethods.METHODS.contains(method)) {
                    throw new VoxApiException(103, "Unknown command");
                }
                String bearer = request.header("Authorization");
                if (bearer != null && bearer.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    JwtVerifier.KeyEntry entry = verifier.verify(bearer.substring(7).trim());
                    account = entry.account();
                    credential = "jwt:" + account.accountId();
                } else {
                    account = legacy(params);
                    credential = "api_key:" + account.accountId();
                }
                fault = account.faults().pick(method, List.of());
                if (fault != null) {
                    faultName = fault.toString();
                    if (fault.kind() == FaultKind.DELAY) {
                        sleep(fault.delay());
                    } else if (fault.kind() != FaultKind.DROP_AFTER) {
                        status = respondFault(exchange, fault, request);
                        error = fault.code();
                        return;
                    }
                }
                Map<String, Object> result = SipRegistrationMethods.call(account, method, params);
                if (fault != null && fault.kind() == FaultKind.DROP_AFTER) {
                    Responses.drop(exchange);
                    return;
                }
                Responses.json(exchange, 200, result);
                status = 200;
            } catch (VoxApiException e) {
                error = String.valueOf(e.code);
                if (fault != null && fault.kind() == FaultKind.DROP_AFTER) {
                    Responses.drop(exchange);
                    return;
                }
                Responses.json(exchange, 200, errorBody(e.code, e.getMessage()));
                status = 200;
            }
        } catch (SimRequest.BadRequestException e) {
            error = "101";
            Responses.json(exchange, 200, errorBody(101, "Invalid arguments: " + e.getMessage()));
            status = 200;
        } finally {
            exchange.close();
            context.journal().add(new JournalEntry(context.journal().nextSeq(), at, TARGET, exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), method, credential, status, error, faultName, logged, List.of(),
                    Duration.ofNanos(System.nanoTime() - startNanos)));
        }
    }

    private VoximplantAccount legacy(Map<String, String> params) {
        String accountId = params.get("account_id");
        String apiKey = params.get("api_key");
        if (accountId == null || apiKey == null) {
            throw JwtVerifier.authFailed();
        }
        try {
            VoximplantAccount account = accounts.get(Long.parseLong(accountId.trim()));
            if (account != null && account.apiKey().equals(apiKey)) {
                return account;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw JwtVerifier.authFailed();
    }

    private int respondFault(HttpExchange exchange, Fault fault, SimRequest request) throws IOException {
        switch (fault.kind()) {
            case API_ERROR -> {
                Responses.json(exchange, 200, errorBody(Integer.parseInt(fault.code()), fault.description()));
                return 200;
            }
            case HTTP_500 -> {
                Responses.html(exchange, 500, "<html><body><h1>500 Internal Server Error</h1></body></html>");
                return 500;
            }
            case QUERY_LIMIT_EXCEEDED, OPERATION_TIME_LIMIT -> {
                Responses.html(exchange, 429, "<html><body><h1>429 Too Many Requests</h1></body></html>");
                return 429;
            }
            case OVERLOAD_LIMIT -> {
                Responses.html(exchange, 503, "<html><body><h1>503 Service Unavailable</h1></body></html>");
                return 503;
            }
            case HTML_ERROR -> {
                int s = fault.status() == 0 ? 502 : fault.status();
                Responses.html(exchange, s, "<html><body><h1>" + s + " Bad Gateway</h1></body></html>");
                return s;
            }
            case REDIRECT -> {
                Responses.redirect(exchange, fault.location() + exchange.getRequestURI().getRawPath()
                        + (request.rawQuery() == null ? "" : "?" + request.rawQuery()));
                return 302;
            }
            default -> {
                Responses.drop(exchange);
                return 0;
            }
        }
    }

    private static Map<String, Object> errorBody(int code, String msg) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("msg", msg);
        error.put("code", code);
        return Map.of("error", error);
    }

    private static String methodOf(String path, Map<String, String> params) {
        String rest = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (!rest.isEmpty()) {
            return rest;
        }
        String cmd = params.get("cmd");
        return cmd == null ? "" : cmd.trim();
    }

    /** platform_api parameters are flat; lists travel ;-joined inside one value. */
    private static Map<String, String> flat(Map<String, Object> params) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            String s = PhpParams.string(v);
            if (s != null) {
                out.put(k, s);
            }
        });
        return out;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        https.stop(0);
        plain.stop(0);
    }
}
