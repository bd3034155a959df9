package io.github.b24sip.app.install;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.SourceThrottle;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * A per-source limit of forged installs: each costs a call to the OAuth server with the client secret, so an address
 * whose installs the OAuth server refused {@code b24sip.application.refused-installs} times in a minute is answered
 * 429 on {@code /bitrix24/events} for the rest of it, before anything is read or called. Only refusals by the OAuth
 * server count: Bitrix24's cloud sends many portals' events from shared addresses, and an event for a portal that
 * uninstalled meanwhile must not hold back another portal's install.
 */
@ApplicationScoped
public class ForgedInstallThrottle {

    /** The route answers through this header that the OAuth server refused the install; it never leaves the app. */
    static final String MARK = "b24sip-oauth-refused";

    /** After the closed-by-default filter, before the events' body limit. */
    static final int ORDER = -1500;

    @Inject
    AppConfig config;

    private final RefusalLog log = new RefusalLog(ApplicationEventRoutes.PATH, Duration.ofSeconds(10));

    void limit(@Observes Router router) {
        SourceThrottle refused = new SourceThrottle(config.application().refusedInstalls());
        router.post(ApplicationEventRoutes.PATH).order(ORDER).handler(ctx -> {
            String source = ctx.request().remoteAddress() == null
                    ? "unknown"
                    : ctx.request().remoteAddress().hostAddress();
            long now = System.nanoTime();
            if (refused.throttled(source, now)) {
                ctx.response()
                        .setStatusCode(429)
                        .putHeader("Retry-After", String.valueOf(refused.retryAfterSeconds(source, now)))
                        .putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"too many installs the OAuth server refused from this address: send again "
                                + "later\"}");
                return;
            }
            ctx.addHeadersEndHandler(done -> {
                if (ctx.response().headers().contains(MARK)) {
                    ctx.response().headers().remove(MARK);
                    if (refused.failed(source, System.nanoTime())) {
                        log.refused(
                                429,
                                config.application().refusedInstalls() + " installs the OAuth server refused from "
                                        + source + " within a minute: its posts answered 429 for the rest of it");
                    }
                }
            });
            ctx.next();
        });
    }
}
