package io.github.b24sip.app.web;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.SourceThrottle;
import io.github.b24sip.app.install.ApplicationEventRoutes;
import io.github.b24sip.app.install.RefusalLog;
import io.github.b24sip.camel.SecureUris;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Closed by default. Only {@code POST /bitrix24/events} (portals call it) and {@code /q/health} (probes) must be
 * reachable from elsewhere; the API, the operator page, its reports and {@code /q/metrics} list every portal's lines
 * and change them. Without {@code b24sip.api.token} they answer only requests from a loopback address, unless
 * {@code b24sip.api.open=true} says the network in front is trusted; with a token, the token guards them
 * ({@link OperatorAccess}: the API's and the page's routes check it, this filter checks it for {@code /q/metrics}, which
 * Prometheus reads with {@code authorization: {credentials: ...}}). The start log says which.
 */
@ApplicationScoped
public class OperatorNetwork {

    /** Before every other route, the events' body limit included. */
    static final int ORDER = -2000;

    private static final Logger LOG = Logger.getLogger(OperatorNetwork.class);

    @Inject
    AppConfig config;

    @Inject
    OperatorAccess access;

    private final RefusalLog refusals = new RefusalLog("an operator path", Duration.ofSeconds(10));
    private final RefusalLog guessLog = new RefusalLog("the API or the page", Duration.ofSeconds(10));

    void onStart(@Observes StartupEvent start) {
        if (access.required()) {
            LOG.info("The API, the page and /q/metrics ask for b24sip.api.token");
        } else if (open()) {
            LOG.warn("The API, the page and /q/metrics answer anyone who reaches them, without a token "
                    + "(b24sip.api.open=true): keep them behind a network or proxy that only operators reach");
        } else {
            LOG.info("The API, the page and /q/metrics answer only on loopback (no b24sip.api.token; set it, or "
                    + "b24sip.api.open=true behind a trusted network)");
        }
    }

    void close(@Observes Router router) {
        SourceThrottle guesses = new SourceThrottle(config.api().guessLimit());
        router.route().order(ORDER).handler(ctx -> {
            // the path as the router matches it: /q/health/../api/lines is /api/lines, not a health check
            String path = ctx.normalizedPath();
            String source = ctx.request().remoteAddress() == null
                    ? "unknown"
                    : ctx.request().remoteAddress().hostAddress();
            if (access.required() && !facesTheInternet(path)) {
                long now = System.nanoTime();
                if (guesses.throttled(source, now)) {
                    ctx.response()
                            .setStatusCode(429)
                            .putHeader("Retry-After", String.valueOf(guesses.retryAfterSeconds(source, now)))
                            .putHeader("Content-Type", "application/json")
                            .end("{\"error\":\"too many failed sign-ins or tokens from this address: try again "
                                    + "later\"}");
                    return;
                }
                // a refused token (401) counts against its source, when the request carried one (a page asked for
                // without signing in is answered 401 with the sign-in form: not a guess); the guess is never logged
                boolean guess = ctx.request().getHeader("Authorization") != null || path.equals("/sign-in");
                ctx.addHeadersEndHandler(done -> {
                    if (guess && ctx.response().getStatusCode() == 401 && guesses.failed(source, System.nanoTime())) {
                        guessLog.refused(
                                429,
                                config.api().guessLimit() + " failed sign-ins or tokens from " + source
                                        + " within a minute: answered 429 for the rest of it");
                    }
                });
            }
            if (access.required() && isMetrics(path)) {
                // the API and the page check the token in their routes; the metrics are Quarkus', so here
                if (access.allows(
                        ctx.request().getHeader("Authorization"), ctx.request().getHeader("Cookie"))) {
                    ctx.next();
                } else {
                    ctx.response()
                            .setStatusCode(401)
                            .putHeader("WWW-Authenticate", "Bearer")
                            .putHeader("Content-Type", "application/json")
                            .end("{\"error\":\"/q/metrics asks for b24sip.api.token (Authorization: Bearer)\"}");
                }
                return;
            }
            if (allows(open() || access.required(), path, ctx.request().remoteAddress())) {
                ctx.next();
                return;
            }
            refusals.refused(403, "from a non-loopback address, and b24sip.api.token is not set");
            ctx.response()
                    .setStatusCode(403)
                    .putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"only on loopback: this app has no b24sip.api.token (set it, or "
                            + "b24sip.api.open=true behind a trusted network)\"}");
        });
    }

    /**
     * Whether a request may go on: always to the paths that face the internet; to the others when a token guards them
     * or the network is declared open, or from a loopback address.
     */
    static boolean allows(boolean guardedOrOpen, String path, SocketAddress remote) {
        if (guardedOrOpen || facesTheInternet(path)) {
            return true;
        }
        return remote != null && remote.hostAddress() != null && SecureUris.isLoopbackAddress(remote.hostAddress());
    }

    static boolean isMetrics(String path) {
        return path != null && (path.equals("/q/metrics") || path.startsWith("/q/metrics/"));
    }

    /** The paths every portal and every probe must reach. */
    static boolean facesTheInternet(String path) {
        return path != null
                && (path.equals(ApplicationEventRoutes.PATH)
                        || path.equals("/q/health")
                        || path.startsWith("/q/health/"));
    }

    private boolean open() {
        return config.api().open();
    }
}
