package io.github.b24sip.simulator.bitrix;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.b24sip.simulator.Webhook;
import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.fault.FaultKind;
import io.github.b24sip.simulator.http.PhpParams;
import io.github.b24sip.simulator.http.Responses;
import io.github.b24sip.simulator.http.Responses.Reply;
import io.github.b24sip.simulator.http.SimRequest;
import io.github.b24sip.simulator.journal.Journal;
import io.github.b24sip.simulator.journal.JournalEntry;
import io.github.b24sip.simulator.journal.JournalEntry.InnerCall;
import io.github.b24sip.simulator.journal.Redaction;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP side of one portal: {@code /rest/{userId}/{code}/{method}} and {@code /rest/{method}}, in the order a
 * request meets the real thing: front-end faults, HTTPS check, the leaky bucket, auth, then the method.
 */
final class PortalServer implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(PortalServer.class.getName());
    private static final Set<String> NO_SCOPES = Set.of();

    private final BitrixPortal portal;
    private final Journal journal;
    private final RestDispatcher dispatcher;
    private final BatchMethod batch;

    PortalServer(BitrixPortal portal, Journal journal) {
        this.portal = portal;
        this.journal = journal;
        this.dispatcher = new RestDispatcher(portal);
        this.batch = new BatchMethod(portal, dispatcher);
    }

    /** The parts of a REST path: a webhook's user and code, or neither for OAuth. */
    private record Target(boolean webhook, int userId, String code, String method, boolean xml) {}

    /** What the journal will say of this request, filled in as it is handled. */
    private static final class Trace {
        String method = "";
        String credential = "none";
        int status;
        String errorCode;
        String fault;
        Map<String, Object> params = Map.of();
        final List<InnerCall> inner = new ArrayList<>();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant at = portal.clock.instant();
        long startNanos = System.nanoTime();
        Trace trace = new Trace();
        try {
            Reply reply;
            try {
                reply = serve(exchange, trace);
            } catch (IOException | RuntimeException e) {
                // a simulator bug or a client that went away: answer 500, never a stack trace
                LOG.log(Level.FINE, "request to " + portal.name() + " failed", e);
                trace.status = 500;
                trace.errorCode = "INTERNAL_SERVER_ERROR";
                reply = Responses.json(
                        500, Map.of("error", "INTERNAL_SERVER_ERROR", "error_description", "Internal server error"));
            }
            // journal first, so a client holding its answer always finds the request in the journal
            journal.add(new JournalEntry(
                    journal.nextSeq(),
                    at,
                    portal.name(),
                    exchange.getRequestMethod(),
                    Redaction.webhookPath(exchange.getRequestURI().getPath()),
                    trace.method,
                    trace.credential,
                    trace.status,
                    trace.errorCode,
                    trace.fault,
                    trace.params,
                    List.copyOf(trace.inner),
                    Duration.ofNanos(System.nanoTime() - startNanos)));
            reply.send(exchange);
        } finally {
            exchange.close();
        }
    }

    private Reply serve(HttpExchange exchange, Trace trace) throws IOException {
        SimRequest request;
        try {
            request = SimRequest.read(exchange);
        } catch (SimRequest.BadRequestException e) {
            return error(trace, new RestException("INVALID_REQUEST", e.getMessage(), 400));
        }
        Map<String, Object> params = request.params();
        trace.params = Redaction.params(params);
        if (request.path().startsWith(AdminHooks.PREFIX)) {
            trace.method = "admin:" + request.path().substring(AdminHooks.PREFIX.length());
            Reply reply = AdminHooks.serve(portal, exchange.getRequestMethod(), request);
            trace.status = 200;
            return reply;
        }
        Target target = parse(request.path());
        if (target == null || target.method().isEmpty()) {
            return error(trace, new RestException("ERROR_METHOD_NOT_FOUND", "Method not found!"));
        }
        trace.method = target.method();
        List<String> innerMethods = "batch".equals(target.method()) ? BatchMethod.methods(params) : List.of();
        Fault fault = portal.faults().pick(target.method(), innerMethods);
        if (fault != null) {
            trace.fault = fault.toString();
            if (FaultResponder.replacesCall(fault)) {
                trace.errorCode = FaultResponder.code(fault);
                trace.status = FaultResponder.status(fault);
                String raw = exchange.getRequestURI().getRawPath()
                        + (request.rawQuery() == null ? "" : "?" + request.rawQuery());
                return FaultResponder.reply(fault, raw);
            }
            if (fault.kind() == FaultKind.DELAY) {
                RestDispatcher.simulateServerTime(fault.delay());
            }
            if (fault.kind() == FaultKind.EXPIRE_TOKENS) {
                portal.expireAccessTokens();
            }
        }
        boolean dropAfter = fault != null && fault.kind() == FaultKind.DROP_AFTER;
        try {
            Map<String, Object> envelope = execute(exchange, request, target, params, trace);
            if (dropAfter) {
                trace.status = 0;
                return Responses.drop();
            }
            trace.status = 200;
            return Responses.json(200, PhpParams.toJsonTree(envelope));
        } catch (RestException e) {
            if (dropAfter) {
                trace.errorCode = e.code();
                trace.status = 0;
                return Responses.drop();
            }
            return error(trace, e);
        }
    }

    private Map<String, Object> execute(
            HttpExchange exchange, SimRequest request, Target target, Map<String, Object> params, Trace trace) {
        if (target.xml()) {
            throw new RestException("INVALID_REQUEST", "The simulator answers JSON only; drop the .xml suffix", 400);
        }
        if (target.webhook() && !request.secure() && portal.settings.requireHttps()) {
            throw new RestException("INVALID_REQUEST", "Https required");
        }
        if (portal.bucket != null && !portal.bucket.tryAdd()) {
            throw new RestException("QUERY_LIMIT_EXCEEDED", "Too many requests");
        }
        Caller caller = authenticate(target, request, params);
        trace.credential = caller.label();
        if (caller.kind() == Caller.Kind.OAUTH) {
            exchange.getResponseHeaders().set("X-Bitrix-Rest-Application", caller.appId());
        }
        if (!portal.restAvailable()) {
            throw new RestException("ACCESS_DENIED", "REST is available only on commercial plans");
        }
        if (!RestDispatcher.exists(target.method())) {
            throw new RestException("ERROR_METHOD_NOT_FOUND", "Method not found!");
        }
        if ("batch".equals(target.method())) {
            return batch.run(caller, params, trace.inner);
        }
        RestDispatcher.CallResult result = dispatcher.call(caller, target.method(), params, true);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("result", result.data());
        if (result.total() != null) {
            envelope.put("total", result.total());
        }
        if (result.next() != null) {
            envelope.put("next", result.next());
        }
        envelope.put("time", result.time());
        return envelope;
    }

    private Caller authenticate(Target target, SimRequest request, Map<String, Object> params) {
        if (target.webhook()) {
            List<Webhook> webhooks = portal.settings.webhooks();
            for (int i = 0; i < webhooks.size(); i++) {
                Webhook w = webhooks.get(i);
                if (w.userId() == target.userId() && w.code().equals(target.code())) {
                    return new Caller(
                            Caller.Kind.WEBHOOK, w.userId(), "", w.scopes(), "webhook#" + i, "webhook:" + w.userId());
                }
            }
            throw new RestException("INVALID_CREDENTIALS", "Invalid request credentials");
        }
        String token = bearer(request.header("Authorization"));
        if (token == null) {
            token = PhpParams.string(params.get("auth"));
        }
        if (token == null || token.isEmpty()) {
            token = PhpParams.string(params.get("access_token"));
        }
        if (token == null || token.isEmpty()) {
            throw new RestException("NO_AUTH_FOUND", "Wrong authorization data");
        }
        OAuthTokens.Grant grant = portal.tokens.access(token);
        if (grant == null || !grant.portal().equals(portal.name())) {
            throw new RestException("invalid_token", "Unable to get application by token");
        }
        if (portal.tokens.expired(grant)) {
            throw new RestException("expired_token", "The access token provided has expired");
        }
        return new Caller(
                Caller.Kind.OAUTH,
                grant.app().userId(),
                grant.app().clientId(),
                grant.app().scopes() == null ? NO_SCOPES : grant.app().scopes(),
                "app:" + grant.app().clientId(),
                "oauth:" + grant.app().clientId());
    }

    private static String bearer(String header) {
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    /** /rest/{userId}/{code}/{method}[.json] or /rest/{method}[.json]; null for anything else. */
    private static Target parse(String path) {
        if (!path.startsWith("/rest/")) {
            return null;
        }
        String[] parts = path.substring("/rest/".length()).split("/", -1);
        if (parts.length == 3 && !parts[0].isEmpty() && parts[0].chars().allMatch(Character::isDigit)) {
            String method = parts[2];
            return new Target(true, Integer.parseInt(parts[0]), parts[1], methodName(method), method.endsWith(".xml"));
        }
        if (parts.length == 1) {
            return new Target(false, 0, null, methodName(parts[0]), parts[0].endsWith(".xml"));
        }
        return null;
    }

    private static String methodName(String segment) {
        String m = segment.toLowerCase(Locale.ROOT);
        if (m.endsWith(".json")) {
            return m.substring(0, m.length() - 5);
        }
        if (m.endsWith(".xml")) {
            return m.substring(0, m.length() - 4);
        }
        return m;
    }

    private Reply error(Trace trace, RestException e) {
        int status = portal.statuses.statusOf(e);
        trace.status = status;
        trace.errorCode = e.code();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code());
        body.put("error_description", e.description());
        return Responses.json(status, body);
    }
}
