package io.github.b24sip.app.install;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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

    void limit(@Observes Router router) {
        router.post(ApplicationEventRoutes.PATH)
                .order(ORDER)
                .handler(BodyHandler.create(false).setBodyLimit(ApplicationEventRoutes.MAX_BODY));
    }
}
