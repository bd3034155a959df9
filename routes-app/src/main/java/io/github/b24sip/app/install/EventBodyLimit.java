package io.github.b24sip.app.install;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * {@code POST /bitrix24/events} faces the internet, so its body limit holds while the body is read, not after: a
 * Vert.x body handler with the events' own limit ({@value ApplicationEventRoutes#MAX_BODY} bytes) runs before the
 * route's, and answers 413 as soon as a declared length or the bytes received pass it; the route's body handler then
 * finds the body read. Without it, every post was buffered up to the server's limit for uploads (10 MB) first.
 */
@ApplicationScoped
public class EventBodyLimit {

    /** Before the routes that Camel's platform-http adds, which come in the order they are added. */
    static final int ORDER = -1000;

    @Inject
    RefusalLog refusals;

    void limit(@Observes Router router) {
        router.post(ApplicationEventRoutes.PATH)
                .order(ORDER)
                .handler(BodyHandler.create(false).setBodyLimit(ApplicationEventRoutes.MAX_BODY))
                // a body over the limit, or a form the decoder refuses (too many or too long fields): a short answer
                // and a rate-limited line, not the server's error page and a stack trace per post
                .failureHandler(ctx -> {
                    int status = ctx.statusCode() == 413 ? 413 : 400;
                    String reason = status == 413
                            ? "body: larger than " + ApplicationEventRoutes.MAX_BODY + " bytes"
                            : "body: not a form this endpoint reads ("
                                    + (ctx.failure() == null
                                            ? "malformed"
                                            : ctx.failure().getClass().getSimpleName())
                                    + ")";
                    refusals.refused(status, reason);
                    ctx.response()
                            .setStatusCode(status)
                            .putHeader("Content-Type", "application/json")
                            .end("{\"error\":\"" + reason + "\"}");
                });
    }
}
