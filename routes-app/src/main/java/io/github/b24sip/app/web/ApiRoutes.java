package io.github.b24sip.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.account.Accounts;
import io.github.b24sip.app.account.RegistrationBoard;
import io.github.b24sip.app.csv.CsvSyncService;
import io.github.b24sip.app.csv.FileReport;
import io.github.b24sip.app.csv.UnreadableCsvException;
import io.github.b24sip.app.observe.RecentActivity;
import io.github.b24sip.app.status.LineBoard;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP API: last known lines, CSV upload (apply or plan), and the status page. */
@ApplicationScoped
public class ApiRoutes extends RouteBuilder {

    /** How many folders below / a page is, for the link of the sign-in form it may answer with. */
    private static final String PAGE_DEPTH = "b24sipPageDepth";

    @Inject
    LineBoard board;

    @Inject
    Accounts accounts;

    @Inject
    RegistrationBoard registrations;

    @Inject
    CsvSyncService csvSync;

    @Inject
    OperatorPage operatorPage;

    @Inject
    RecentActivity activity;

    @Inject
    AppConfig config;

    @Inject
    PortalApi portalApi;

    @Inject
    DeclaredLinesApi declaredLines;

    @Inject
    OperatorAccess access;

    @Inject
    @Location("sign-in.html")
    Template signIn;

    @Inject
    ObjectMapper json;

    @Override
    public void configure() {
        restConfiguration().bindingMode(RestBindingMode.off);

        onException(UnreadableCsvException.class)
                .handled(true)
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(400))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .process(e -> e.getMessage()
                        .setBody(jsonError(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)
                                .getMessage())));

        onException(CsvUpload.UnsupportedUploadException.class).handled(true).process(e -> {
            CsvUpload.UnsupportedUploadException refused =
                    e.getProperty(Exchange.EXCEPTION_CAUGHT, CsvUpload.UnsupportedUploadException.class);
            e.getMessage().removeHeaders("*");
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, refused.status());
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            e.getMessage().setBody(jsonError(refused.getMessage()));
        });

        onException(ApiUnauthorizedException.class).handled(true).process(e -> {
            e.getMessage().removeHeaders("*");
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 401);
            e.getMessage().setHeader("WWW-Authenticate", "Bearer");
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            e.getMessage().setBody(jsonError("this API requires Authorization: Bearer <b24sip.api.token>"));
        });

        rest("/api")
                .get("/portals")
                .produces("application/json")
                .to("direct:api-portals")
                .get("/portals/{name}")
                .produces("application/json")
                .to("direct:api-portal-get")
                .put("/portals/{name}")
                .consumes("application/json")
                .produces("application/json")
                .to("direct:api-portal-put")
                .delete("/portals/{name}")
                .produces("application/json")
                .to("direct:api-portal-delete")
                .get("/portals/{name}/lines")
                .produces("application/json")
                .to("direct:api-declared-get")
                .put("/portals/{name}/lines")
                .consumes("application/json")
                .produces("application/json")
                .to("direct:api-declared-put")
                .get("/portals/{name}/plan")
                .produces("application/json")
                .to("direct:api-declared-plan")
                .post("/portals/{name}/drift/resume")
                .produces("application/json")
                .to("direct:api-drift-resume")
                .get("/lines")
                .produces("application/json")
                .to("direct:api-lines")
                .get("/registrations")
                .produces("application/json")
                .to("direct:api-registrations")
                // no consumes(): Vert.x would answer another type 415 with no body; CsvUpload says what it takes
                .post("/sync")
                .produces("application/json")
                .to("direct:api-sync");
        rest().get("/")
                .produces("text/html")
                .to("direct:status-page")
                .get("/portals/{name}")
                .produces("text/html")
                .to("direct:portal-page")
                .get("/reports/{name}")
                .to("direct:report")
                .get("/reports/uploads/{name}")
                .to("direct:upload-report")
                .post("/sign-in")
                .to("direct:sign-in")
                .post("/sign-out")
                .to("direct:sign-out");

        // The page lists every portal's lines: with b24sip.api.token set, a browser signs in with the token first.
        onException(PageUnauthorizedException.class).handled(true).process(e -> {
            // the form posts to /sign-in, from / and from folders below it (/portals/x, /reports/x, /reports/uploads/x)
            String base = "../".repeat(e.getProperty(PAGE_DEPTH, 0, Integer.class));
            e.getMessage().removeHeaders("*");
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 401);
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
            e.getMessage()
                    .setBody(signIn.data("problem", null).data("base", base).render());
        });
        from("direct:sign-in").routeId("sign-in").process(e -> {
            // the token is taken from the posted form only: platform-http hands a query string's fields over as
            // headers too, and a token in a URL ends up in logs and browser histories
            String query = e.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
            boolean inQuery = query != null && formField(query, "token") != null;
            // platform-http hands a form's fields over as headers; the body is read when it has them instead
            String token = inQuery ? null : e.getMessage().getHeader("token", String.class);
            if (token == null && !inQuery) {
                String body = e.getMessage().getBody(String.class);
                token = body == null ? null : formField(body, "token");
            }
            boolean https = https(e);
            e.getMessage().removeHeaders("*");
            if (access.required() && !inQuery && access.matches(token)) {
                e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 303);
                e.getMessage().setHeader("Location", "./");
                e.getMessage().setHeader("Set-Cookie", access.signIn(https));
                e.getMessage().setBody("");
                return;
            }
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, access.required() ? 401 : 303);
            if (!access.required()) {
                e.getMessage().setHeader("Location", "./");
                e.getMessage().setBody("");
                return;
            }
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
            e.getMessage()
                    .setBody(signIn.data("problem", "That is not the API token.")
                            .data("base", "")
                            .render());
        });

        from("direct:sign-out").routeId("sign-out").process(e -> {
            String cookies = e.getMessage().getHeader("Cookie", String.class);
            boolean https = https(e);
            e.getMessage().removeHeaders("*");
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 303);
            e.getMessage().setHeader("Location", "./");
            e.getMessage().setHeader("Set-Cookie", access.signOut(cookies, https));
            e.getMessage().setBody("");
        });

        // The portals, added, replaced and removed at run time; secrets are write-only.
        from("direct:api-portals")
                .routeId("api-portals")
                .process(this::authorize)
                .process(e -> answer(e, portalApi.list()));
        from("direct:api-portal-get")
                .routeId("api-portal-get")
                .process(this::authorize)
                .process(e -> answer(e, portalApi.get(e.getMessage().getHeader("name", String.class))));
        from("direct:api-portal-put")
                .routeId("api-portal-put")
                .process(this::authorize)
                .process(e -> answer(
                        e,
                        portalApi.put(
                                e.getMessage().getHeader("name", String.class),
                                e.getMessage().getBody(byte[].class))));
        from("direct:api-portal-delete")
                .routeId("api-portal-delete")
                .process(this::authorize)
                .process(e -> answer(e, portalApi.delete(e.getMessage().getHeader("name", String.class))));

        // A portal's declared lines, the plan that would bring the portal to them, and resuming suspended repairs.
        from("direct:api-declared-get")
                .routeId("api-declared-get")
                .process(this::authorize)
                .process(e -> answer(e, declaredLines.get(e.getMessage().getHeader("name", String.class))));
        from("direct:api-declared-put")
                .routeId("api-declared-put")
                .process(this::authorize)
                .process(e -> answer(
                        e,
                        declaredLines.put(
                                e.getMessage().getHeader("name", String.class),
                                e.getMessage().getBody(byte[].class))));
        from("direct:api-declared-plan")
                .routeId("api-declared-plan")
                .process(this::authorize)
                .process(e -> answer(e, declaredLines.plan(e, e.getMessage().getHeader("name", String.class))));
        from("direct:api-drift-resume")
                .routeId("api-drift-resume")
                .process(this::authorize)
                .process(e -> answer(e, declaredLines.resume(e.getMessage().getHeader("name", String.class))));

        // Last known lines and registration statuses per portal.
        from("direct:api-lines")
                .routeId("api-lines")
                .process(this::authorize)
                .process(e -> e.getMessage().setBody(board.snapshot()))
                .marshal()
                .json()
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));

        // Last known states of the registrations of each Voximplant account this instance polls.
        from("direct:api-registrations")
                .routeId("api-registrations")
                .process(this::authorize)
                .process(e -> {
                    Map<String, Object> byAccount = new LinkedHashMap<>();
                    accounts.names().forEach(a -> byAccount.put(a, registrations.registrations(a)));
                    e.getMessage().setBody(byAccount);
                })
                .marshal()
                .json()
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));

        // A CSV upload applied like a dropped file; dryRun=true returns the plan, mirror=true prunes. Its report stays
        // in reports/uploads/ like a dropped file's, and the answer is its JSON report.
        from("direct:api-sync").routeId("api-sync").process(this::authorize).process(e -> {
            boolean dryRun = "true".equalsIgnoreCase(e.getMessage().getHeader("dryRun", String.class));
            boolean mirror = "true".equalsIgnoreCase(e.getMessage().getHeader("mirror", String.class));
            CsvUpload upload = CsvUpload.of(e);
            FileReport report = csvSync.apply(e, upload.origin(), upload.content(), mirror, dryRun);
            e.getMessage().removeHeaders("*");
            e.getMessage().setBody(Files.newInputStream(report.reportJson()));
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        });

        from("direct:status-page")
                .routeId("status-page")
                .process(this::authorizePage)
                .process(e -> {
                    String query = e.getMessage().getHeader("q", String.class);
                    String page = e.getMessage().getHeader("page", String.class);
                    e.getMessage().removeHeaders("*");
                    int pageNumber = page != null && page.matches("\\d{1,6}") ? Integer.parseInt(page) : 1;
                    e.getMessage().setBody(operatorPage.render(query, pageNumber));
                    e.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
                });

        // One portal's lines and their recent changes.
        from("direct:portal-page")
                .routeId("portal-page")
                .setProperty(PAGE_DEPTH, constant(1))
                .process(this::authorizePage)
                .process(e -> {
                    String name = e.getMessage().getHeader("name", String.class);
                    e.getMessage().removeHeaders("*");
                    e.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
                    var page = operatorPage.renderPortal(name);
                    if (page.isEmpty()) {
                        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
                        e.getMessage().setBody("<!DOCTYPE html><p>No such portal. <a href=\"../\">All portals</a></p>");
                        return;
                    }
                    e.getMessage().setBody(page.get());
                });

        // The reports of the files the page lists, and nothing else: the name must be one the app wrote lately.
        // (the REST DSL inlines each direct: route into its REST route, so the two cannot call one another)
        from("direct:report")
                .routeId("report")
                .setProperty(PAGE_DEPTH, constant(1))
                .process(this::authorizePage)
                .process(e -> serveReport(e, ""));
        from("direct:upload-report")
                .routeId("upload-report")
                .setProperty(PAGE_DEPTH, constant(2))
                .process(this::authorizePage)
                .process(e -> serveReport(e, "uploads/"));
    }

    /** A report the page lists, by its path below reports/ ({@code folder} + the request's name); else 404. */
    private void serveReport(Exchange e, String folder) throws IOException {
        String name = e.getMessage().getHeader("name", String.class);
        e.getMessage().removeHeaders("*");
        Path file = activity.reportName(folder + (name == null ? "" : name))
                .map(n -> Path.of(config.csv().dir(), "reports", n))
                .filter(Files::isRegularFile)
                .orElse(null);
        if (file == null) {
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            e.getMessage().setBody(jsonError("no such report among the latest files"));
            return;
        }
        e.getMessage()
                .setHeader(
                        Exchange.CONTENT_TYPE,
                        file.toString().endsWith(".json") ? "application/json" : "text/csv; charset=utf-8");
        e.getMessage().setBody(Files.readAllBytes(file));
    }

    /** The page and its reports: the API token, or the cookie of a browser signed in with it; no header goes on. */
    private void authorizePage(Exchange exchange) {
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        String cookies = exchange.getMessage().getHeader("Cookie", String.class);
        exchange.getMessage().removeHeader("Authorization");
        exchange.getMessage().removeHeader("Cookie");
        if (!access.allows(authorization, cookies)) {
            throw new PageUnauthorizedException();
        }
    }

    /** The request came over HTTPS, here or at the proxy in front (which says so in X-Forwarded-Proto). */
    private static boolean https(Exchange e) {
        String url = e.getMessage().getHeader(Exchange.HTTP_URL, String.class);
        String forwarded = e.getMessage().getHeader("X-Forwarded-Proto", String.class);
        return url != null && url.startsWith("https:") || "https".equalsIgnoreCase(forwarded);
    }

    private static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0
                    && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8)
                            .equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** A request for the operator page without the API token or a signed-in browser's cookie. */
    @RegisterForReflection
    public static final class PageUnauthorizedException extends RuntimeException {
        PageUnauthorizedException() {
            super("sign in with the API token");
        }
    }

    /** Writes an API answer: its status, and its body as JSON; no request header goes back. */
    private void answer(Exchange e, PortalApi.Answer answer) throws JsonProcessingException {
        e.getMessage().removeHeaders("*");
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        if (answer.body() == null) {
            e.getMessage().setBody(null);
            return;
        }
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getMessage().setBody(json.writeValueAsString(answer.body()));
    }

    /** With b24sip.api.token set, the request must carry it; the header is dropped either way, so nothing logs it. */
    private void authorize(Exchange exchange) {
        String given = exchange.getMessage().getHeader("Authorization", String.class);
        exchange.getMessage().removeHeader("Authorization");
        var token = config.api().token().filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            return;
        }
        byte[] expected = ("Bearer " + token.get()).getBytes(StandardCharsets.UTF_8);
        byte[] actual = given == null ? new byte[0] : given.trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new ApiUnauthorizedException();
        }
    }

    /** A request to /api/* without the configured bearer token. */
    @RegisterForReflection
    public static final class ApiUnauthorizedException extends RuntimeException {
        ApiUnauthorizedException() {
            super("missing or wrong bearer token");
        }
    }

    private static String jsonError(String reason) {
        try {
            return new ObjectMapper().writeValueAsString(Map.of("error", reason));
        } catch (JsonProcessingException e) {
            return "{\"error\":\"unreadable CSV\"}";
        }
    }
}
