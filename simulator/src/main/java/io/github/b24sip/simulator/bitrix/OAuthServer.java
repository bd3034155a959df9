package io.github.b24sip.simulator.bitrix;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.fault.FaultKind;
import io.github.b24sip.simulator.fault.Faults;
import io.github.b24sip.simulator.http.Listeners;
import io.github.b24sip.simulator.http.PhpParams;
import io.github.b24sip.simulator.http.Responses;
import io.github.b24sip.simulator.http.Responses.Reply;
import io.github.b24sip.simulator.http.ServerContext;
import io.github.b24sip.simulator.http.SimRequest;
import io.github.b24sip.simulator.journal.JournalEntry;
import io.github.b24sip.simulator.journal.Redaction;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The OAuth server (oauth.bitrix.info) at its own origin: {@code /oauth/token/} with the {@code refresh_token} and
 * {@code authorization_code} grants, by GET (as documented) or POST form (as the JS SDK sends it).
 */
public final class OAuthServer implements HttpHandler, AutoCloseable {

    public static final String TARGET = "oauth";

    private final OAuthTokens tokens;
    private final ServerContext context;
    private final Function<String, BitrixPortal> portals;
    private final Faults faults = new Faults();
    private final HttpServer https;
    private final HttpServer plain;
    private final String baseUrl;

    public OAuthServer(OAuthTokens tokens, ServerContext context, int port, Function<String, BitrixPortal> portals) {
        this.tokens = tokens;
        this.context = context;
        this.portals = portals;
        this.https = Listeners.https(context.host(), port, context.tls().serverContext(), this, context.executor());
        this.plain = Listeners.plain(context.host(), 0, this, context.executor());
        this.baseUrl = Listeners.baseUrl(https, context.host());
    }

    /** e.g. https://127.0.0.1:40000: the value for a client's oauthServerUrl. */
    public String baseUrl() {
        return baseUrl;
    }

    public String plainBaseUrl() {
        return Listeners.baseUrl(plain, context.host());
    }

    public Faults faults() {
        return faults;
    }

    public OAuthTokens tokens() {
        return tokens;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant at = context.clock().instant();
        long startNanos = System.nanoTime();
        String grant = "";
        String client = "none";
        int status;
        String error = null;
        String faultName = null;
        Map<String, Object> logged = Map.of();
        Reply reply;
        try {
            SimRequest request = SimRequest.read(exchange);
            Map<String, Object> params = request.params();
            logged = Redaction.params(params);
            grant = String.valueOf(PhpParams.string(params.get("grant_type")));
            String clientId = PhpParams.string(params.get("client_id"));
            client = clientId == null ? "none" : "client:" + clientId;
            Fault fault = faults.pick(grant, List.of());
            if (fault != null && fault.kind() == FaultKind.DELAY) {
                // a slow OAuth server: the call waits out the delay, then runs as usual
                RestDispatcher.simulateServerTime(fault.delay());
            }
            String path = exchange.getRequestURI().getPath();
            if (fault != null && FaultResponder.replacesCall(fault)) {
                faultName = fault.toString();
                status = FaultResponder.status(fault);
                error = FaultResponder.code(fault);
                reply = FaultResponder.reply(fault, exchange.getRequestURI().getRawPath());
            } else if (!path.equals("/oauth/token/") && !path.equals("/oauth/token")) {
                error = "invalid_request";
                status = 404;
                reply = error(error, "Unknown endpoint " + path, status);
            } else {
                OAuthTokens.Grant granted = switch (grant) {
                    case "refresh_token" ->
                        tokens.refresh(
                                clientId,
                                PhpParams.string(params.get("client_secret")),
                                PhpParams.string(params.get("refresh_token")));
                    case "authorization_code" ->
                        tokens.exchangeCode(
                                clientId,
                                PhpParams.string(params.get("client_secret")),
                                PhpParams.string(params.get("code")));
                    default -> throw new OAuthTokens.OAuthError("invalid_request", "Unsupported grant_type", 400);
                };
                TokenPair pair = tokens.issue(granted.portal(), granted.app());
                status = 200;
                reply = Responses.json(200, tokenResponse(granted, pair));
            }
        } catch (OAuthTokens.OAuthError e) {
            error = e.code;
            status = e.status;
            reply = error(e.code, e.getMessage(), e.status);
        } catch (SimRequest.BadRequestException e) {
            error = "invalid_request";
            status = 400;
            reply = error(error, e.getMessage(), status);
        }
        try {
            context.journal()
                    .add(new JournalEntry(
                            context.journal().nextSeq(),
                            at,
                            TARGET,
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getPath(),
                            grant,
                            client,
                            status,
                            error,
                            faultName,
                            logged,
                            List.of(),
                            Duration.ofNanos(System.nanoTime() - startNanos)));
            reply.send(exchange);
        } finally {
            exchange.close();
        }
    }

    private Map<String, Object> tokenResponse(OAuthTokens.Grant grant, TokenPair pair) {
        BitrixPortal portal = portals.apply(grant.portal());
        Instant now = context.clock().instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", pair.accessToken());
        body.put("expires", now.getEpochSecond() + pair.expiresIn());
        body.put("expires_in", pair.expiresIn());
        body.put("scope", String.join(",", grant.app().scopes()));
        body.put("domain", URI.create(baseUrl).getAuthority());
        body.put("server_endpoint", baseUrl + "/rest/");
        body.put("status", "L");
        body.put("client_endpoint", portal.baseUrl() + "/rest/");
        body.put("member_id", portal.memberId());
        body.put("user_id", grant.app().userId());
        body.put("refresh_token", pair.refreshToken());
        return body;
    }

    private static Reply error(String code, String description, int status) {
        return Responses.json(status, Map.of("error", code, "error_description", description));
    }

    @Override
    public void close() {
        https.stop(0);
        plain.stop(0);
    }
}
