package io.github.b24sip.app.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /bitrix24/events}: the application's install path and event handler in one URL. Not behind the API
 * token (portals call it); what guards it is that installs are confirmed at the OAuth server and later events carry
 * the install's application_token ({@link ApplicationEvents}). No field of a request is logged: they hold tokens.
 */
@ApplicationScoped
public class ApplicationEventRoutes extends RouteBuilder {

    public static final String PATH = "/bitrix24/events";

    /** A form far larger than any install or event body is refused as it is read ({@link EventBodyLimit}). */
    static final int MAX_BODY = 64 * 1024;

    @Inject
    ApplicationEvents events;

    /** A line a second at most, however many posts are refused. */
    @Inject
    RefusalLog refusals;

    @Inject
    ObjectMapper json;

    @Override
    public void configure() {
        rest("/bitrix24").post("/events").to("direct:bitrix24-events");

        from("direct:bitrix24-events").routeId("bitrix24-events").process(e -> {
            String body = e.getMessage().getBody(String.class);
            // the install page of an application with a UI carries DOMAIN and PROTOCOL in the query
            String query = e.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
            // Camel's platform-http hands a form body's fields over as headers (and the body empty)
            Map<String, String> fromHeaders = new LinkedHashMap<>();
            e.getMessage().getHeaders().forEach((k, v) -> {
                if (v instanceof String text) {
                    fromHeaders.put(k, text);
                }
            });
            e.getMessage().removeHeaders("*");
            int status = 200;
            Object answer;
            try {
                if (body != null && body.length() > MAX_BODY) {
                    throw new InstallRefusedException(413, "body: larger than " + MAX_BODY + " bytes");
                }
                Map<String, String> form = FormBody.parse(body);
                fromHeaders.forEach(form::putIfAbsent);
                FormBody.parse(query).forEach(form::putIfAbsent);
                answer = events.handle(form);
            } catch (InstallRefusedException refused) {
                status = refused.status();
                if (refused.retryAfter() > 0) {
                    e.getMessage().setHeader("Retry-After", String.valueOf(refused.retryAfter()));
                }
                answer = Map.of("error", OutsideText.shown(refused.getMessage(), 300));
                if (refused instanceof OAuthRefusedException) {
                    e.getMessage().setHeader(ForgedInstallThrottle.MARK, "1");
                }
                refusals.refused(status, refused.getMessage());
            }
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            e.getMessage().setBody(json.writeValueAsString(answer));
        });
    }
}
