package io.github.b24sip.app.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.csv.CsvSyncService;
import io.github.b24sip.app.csv.FileReport;
import io.github.b24sip.app.csv.UnreadableCsvException;
import io.github.b24sip.app.status.LineBoard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;

/** The HTTP API: last known lines, CSV upload (apply or plan), and the status page. */
@ApplicationScoped
public class ApiRoutes extends RouteBuilder {

    @Inject
    LineBoard board;

    @Inject
    CsvSyncService csvSync;

    @Inject
    OperatorPage operatorPage;

    @Inject
    RecentActivity activity;

    @Inject
    AppConfig config;

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

        onException(ApiUnauthorizedException.class).handled(true).process(e -> {
            e.getMessage().removeHeaders("*");
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 401);
            e.getMessage().setHeader("WWW-Authenticate", "Bearer");
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            e.getMessage().setBody(jsonError("this API requires Authorization: Bearer <b24sip.api.token>"));
        });

        rest("/api")
                .get("/lines")
                .produces("application/json")
                .to("direct:api-lines")
                .post("/sync")
                .consumes("text/csv")
                .produces("application/json")
                .to("direct:api-sync");
        rest().get("/")
                .produces("text/html")
                .to("direct:status-page")
                .get("/reports/{name}")
                .to("direct:report");

        // Last known lines and registration statuses per portal.
        from("direct:api-lines")
                .routeId("api-lines")
                .process(this::authorize)
                .process(e -> e.getMessage().setBody(board.snapshot()))
                .marshal()
                .json()
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));

        // A CSV upload applied like a dropped file; dryRun=true returns the plan, mirror=true prunes.
        from("direct:api-sync").routeId("api-sync").process(this::authorize).process(e -> {
            boolean dryRun = "true".equalsIgnoreCase(e.getMessage().getHeader("dryRun", String.class));
            boolean mirror = "true".equalsIgnoreCase(e.getMessage().getHeader("mirror", String.class));
            byte[] upload = e.getMessage().getBody(byte[].class);
            byte[] content = upload == null ? new byte[0] : upload;
            // the report is written to a private temporary folder as rows complete and streamed back from there
            Path reports = Files.createTempDirectory("b24sip-upload-");
            FileReport report = null;
            try {
                report = csvSync.apply("upload", () -> new ByteArrayInputStream(content), mirror, dryRun, reports);
            } catch (RuntimeException failure) {
                Files.deleteIfExists(reports.resolve("upload.report.json"));
                throw failure;
            } finally {
                Files.deleteIfExists(reports.resolve("upload.report.csv"));
                if (report == null) {
                    Files.deleteIfExists(reports);
                }
            }
            e.getMessage().removeHeaders("*");
            e.getMessage().setBody(new DeletingInputStream(report.reportJson(), reports));
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        });

        from("direct:status-page").routeId("status-page").process(e -> {
            e.getMessage().removeHeaders("*");
            e.getMessage().setBody(operatorPage.render());
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        });

        // The reports of the files the page lists, and nothing else: the name must be one the app wrote lately.
        from("direct:report").routeId("report").process(e -> {
            String name = e.getMessage().getHeader("name", String.class);
            e.getMessage().removeHeaders("*");
            Path file = activity.reportName(name == null ? "" : name)
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
        });
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
