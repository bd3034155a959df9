package io.github.b24sip.simulator.voximplant;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.fault.FaultKind;
import io.github.b24sip.simulator.http.Listeners;
import io.github.b24sip.simulator.http.PhpParams;
import io.github.b24sip.simulator.http.Responses;
import io.github.b24sip.simulator.http.Responses.Reply;
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
        Trace trace = new Trace();
        Reply reply = serve(exchange, trace);
        try {
            // journal first, so a client holding its answer always finds the request in the journal
            context.journal()
                    .add(new JournalEntry(
                            context.journal().nextSeq(),
                            at,
                            TARGET,
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getPath(),
                            trace.method,
                            trace.credential,
                            trace.status,
                            trace.error,
                            trace.fault,
                            trace.params,
                            List.of(),
                            Duration.ofNanos(System.nanoTime() - startNanos)));
            reply.send(exchange);
        } finally {
            exchange.close();
        }
    }

    /** What the journal will say of a request. */
    private static final class Trace {
        String method = "";
        String credential = "none";
        int status;
        String error;
        String fault;
        Map<String, Object> params = Map.of();
    }

    private Reply serve(HttpExchange exchange, Trace trace) throws IOException {
        SimRequest request;
        try {
            request = SimRequest.read(exchange);
        } catch (SimRequest.BadRequestException e) {
            return apiError(trace, new VoxApiException(101, "Invalid arguments: " + e.getMessage()));
        }
        Map<String, Object> raw = request.params();
        trace.params = Redaction.params(raw);
        Map<String, String> params = flat(raw);
        trace.method = methodOf(request.path(), params);
        Fault fault = null;
        try {
            if (trace.method.isEmpty()) {
                throw new VoxApiException(102, "Missing 'cmd' parameter");
            }
            if (!SipRegistrationMethods.METHODS.contains(trace.method)) {
                throw new VoxApiException(103, "Unknown command");
            }
            VoximplantAccount account;
            String bearer = request.header("Authorization");
            if (bearer != null && bearer.regionMatches(true, 0, "Bearer ", 0, 7)) {
                account = verifier.verify(bearer.substring(7).trim()).account();
                trace.credential = "jwt:" + account.accountId();
            } else {
                account = legacy(params);
                trace.credential = "api_key:" + account.accountId();
            }
            fault = account.faults().pick(trace.method, List.of());
            if (fault != null) {
                trace.fault = fault.toString();
                if (fault.kind() == FaultKind.DELAY) {
                    sleep(fault.delay());
                } else if (fault.kind() != FaultKind.DROP_AFTER) {
                    return faultReply(trace, fault, exchange, request);
                }
            }
            Map<String, Object> result = SipRegistrationMethods.call(account, trace.method, params);
            if (fault != null && fault.kind() == FaultKind.DROP_AFTER) {
                return Responses.drop();
            }
            trace.status = 200;
            return Responses.json(200, result);
        } catch (VoxApiException e) {
            if (fault != null && fault.kind() == FaultKind.DROP_AFTER) {
                trace.error = String.valueOf(e.code);
                return Responses.drop();
            }
            return apiError(trace, e);
        }
    }

    private static Reply apiError(Trace trace, VoxApiException e) {
        trace.status = 200;
        trace.error = String.valueOf(e.code);
        return Responses.json(200, errorBody(e.code, e.getMessage()));
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

    private static Reply faultReply(Trace trace, Fault fault, HttpExchange exchange, SimRequest request) {
        switch (fault.kind()) {
            case API_ERROR -> {
                return apiError(trace, new VoxApiException(Integer.parseInt(fault.code()), fault.description()));
            }
            case HTTP_500 -> {
                trace.status = 500;
                return Responses.html(500, "<html><body><h1>500 Internal Server Error</h1></body></html>");
            }
            case QUERY_LIMIT_EXCEEDED, OPERATION_TIME_LIMIT -> {
                trace.status = 429;
                return Responses.html(429, "<html><body><h1>429 Too Many Requests</h1></body></html>");
            }
            case OVERLOAD_LIMIT -> {
                trace.status = 503;
                return Responses.html(503, "<html><body><h1>503 Service Unavailable</h1></body></html>");
            }
            case HTML_ERROR -> {
                trace.status = fault.status() == 0 ? 502 : fault.status();
                return Responses.html(
                        trace.status, "<html><body><h1>" + trace.status + " Bad Gateway</h1></body></html>");
            }
            case REDIRECT -> {
                trace.status = 302;
                return Responses.redirect(fault.location()
                        + exchange.getRequestURI().getRawPath()
                        + (request.rawQuery() == null ? "" : "?" + request.rawQuery()));
            }
            default -> {
                return Responses.drop();
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
