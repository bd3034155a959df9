package io.github.b24sip.app;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** The operations surface: health, metrics, /api/lines, /api/sync and the status page. */
@QuarkusTest
class OperationsTest extends AppTestSupport {

    @Test
    void readinessIsEachPortalsLastPollAndAProbeNeverCallsAPortal() {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        // the operator page's inventory reads every portal (an unfiltered get, then connector.status) every 500 ms
        // here; a probe that asked the portals would add connector.status calls without those gets: 20 probes, 80 calls
        long before = connectorCallsBeyondInventory();
        for (int i = 0; i < 20; i++) {
            given().get("/q/health/ready").then().statusCode(200);
        }
        assertThat(connectorCallsBeyondInventory() - before)
                .as("a readiness probe asks no portal")
                .isLessThan(10);

        SimulatorResource.portal("gamma").setRestAvailable(false);
        try {
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> given().get("/q/health/ready")
                            .then()
                            .statusCode(503)
                            .body("checks.find { it.name == 'camel-consumers' }.status", equalTo("DOWN"))
                            .body(
                                    "checks.find { it.name == 'camel-consumers' }.data.toString()",
                                    containsString("status-poll-gamma"))
                            .body(
                                    "checks.find { it.name == 'camel-consumers' }.data.toString()",
                                    not(containsString("status-poll-alpha"))));
        } finally {
            SimulatorResource.portal("gamma").setRestAvailable(true);
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void eachCheckAppearsOnceInTheWholeHealthReport() {
        List<String> names =
                given().get("/q/health").then().extract().jsonPath().getList("checks.name", String.class);
        assertThat(names).doesNotHaveDuplicates().contains("camel-context", "camel-consumers", "camel-routes");
    }

    private static long connectorCallsBeyondInventory() {
        var journal = SimulatorResource.simulator().journal();
        long connector = journal.count(e -> "voximplant.sip.connector.status".equals(e.method()));
        long inventoryGets = journal.count(
                e -> "voximplant.sip.get".equals(e.method()) && e.params().get("FILTER") == null);
        return connector - inventoryGets;
    }

    @Test
    void apiSyncAppliesAnUploadOrReturnsThePlan() {
        String prefix = unique("api");
        String csv =
                "portal,title,type,server,login,password\nbeta," + prefix + "-1,office,pbx.example.com,1,api-secret\n";

        api().contentType("text/csv")
                .body(csv)
                .queryParam("dryRun", "true")
                .post("/api/sync")
                .then()
                .statusCode(200)
                .body("dryRun", equalTo(true))
                .body("outcomes[0].result", equalTo("planned"))
                .body("outcomes[0].plan", equalTo("create"));
        assertThat(linesStartingWith("beta", prefix)).isEmpty();

        String applied = api().contentType("text/csv")
                .body(csv)
                .post("/api/sync")
                .then()
                .statusCode(200)
                .body("totals.created", equalTo(1))
                .extract()
                .asString();
        assertThat(linesStartingWith("beta", prefix)).hasSize(1);
        assertThat(applied).doesNotContain("api-secret");

        api().contentType("text/csv")
                .body("name,colour\nx,y\n")
                .post("/api/sync")
                .then()
                .statusCode(400)
                .body("error", containsString("unknown columns 1, 2 (by position)"));
    }

    /**
     * The upload forms people use, each applied and named as its client named it (in the answer, the log and the
     * page, with its reports downloadable); any other type is answered 415 naming the types taken.
     */
    @Test
    void uploadsAsMultipartOrOctetStreamAreAppliedUnderTheirNameAndOtherTypesAreRefusedNamingTheTypes()
            throws Exception {
        String prefix = unique("upl");
        Path file = Files.createTempFile("b24sip-", ".csv");
        Files.writeString(
                file,
                "portal,title,type,server,login,password\nbeta," + prefix + "-m,office,pbx.example.com,1,up-pw\n");
        Path named = file.resolveSibling(prefix + "-lines.csv");
        Files.move(file, named);
        try {
            // curl -F file=@<prefix>-lines.csv
            api().multiPart("file", named.toFile(), "text/csv")
                    .post("/api/sync")
                    .then()
                    .statusCode(200)
                    .body("file", equalTo(prefix + "-lines.csv"))
                    .body("totals.created", equalTo(1));
        } finally {
            Files.deleteIfExists(named);
        }
        api().contentType("application/octet-stream")
                .queryParam("name", prefix + "-octet.csv")
                .body(("portal,title,type,server,login,password\nbeta," + prefix
                                + "-o,office,pbx.example.com,1,up-pw\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/sync")
                .then()
                .statusCode(200)
                .body("file", equalTo(prefix + "-octet.csv"))
                .body("totals.created", equalTo(1));
        assertThat(linesStartingWith("beta", prefix)).hasSize(2);
        assertThat(Files.readString(SimulatorResource.logFile()))
                .contains("upload " + prefix + "-lines.csv: done", "upload " + prefix + "-octet.csv: done");

        // on the page, from an upload, with a report that downloads
        String page = api().get("/").asString();
        Matcher link = Pattern.compile("href=\"(reports/uploads/[^\"]*" + prefix + "-octet\\.csv\\.report\\.json)\"")
                .matcher(page);
        assertThat(link.find())
                .as("the upload's report is linked from the page")
                .isTrue();
        assertThat(page).contains(prefix + "-lines.csv");
        api().get("/" + link.group(1))
                .then()
                .statusCode(200)
                .body("file", equalTo(prefix + "-octet.csv"))
                .body("outcomes[0].title", equalTo(prefix + "-o"));

        for (String type : List.of("text/plain", "application/csv", "application/json")) {
            api().contentType(type)
                    .body("portal,title\nbeta,x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .post("/api/sync")
                    .then()
                    .statusCode(415)
                    .body("error", containsString(type))
                    .body("error", containsString("text/csv, application/octet-stream, or multipart/form-data"));
        }
    }

    /** A file sent to error/ is on the page with its reason and counted; one with invalid rows is not counted clean. */
    @Test
    void aFileSentToErrorIsOnThePageWithItsReasonAndCountedAndInvalidRowsAreNotClean() {
        String name = unique("badhead") + ".csv";
        double errorsBefore = counter("b24sip_csv_files_total{outcome=\"error\"}");
        double invalidBefore = counter("b24sip_csv_files_total{outcome=\"with-invalid-rows\"}");
        drop(name, "colour,shape\nred,round\n");
        awaitMoved(name, "error");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(counter("b24sip_csv_files_total{outcome=\"error\"}"))
                        .isEqualTo(errorsBefore + 1));
        String page = api().get("/").asString();
        assertThat(page).contains(name).contains("unknown columns 1, 2 (by position)");

        String invalid = unique("halfrow") + ".csv";
        drop(invalid, "portal,title,type,server,login,password\nbeta," + invalid + ",office,,,\n");
        awaitMoved(invalid, "done");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(counter("b24sip_csv_files_total{outcome=\"with-invalid-rows\"}"))
                        .isEqualTo(invalidBefore + 1));
        assertThat(Files.exists(inbox().resolve("reports").resolve(invalid + ".report.csv")))
                .isTrue();
    }

    /** The page says what a browser may do with it: no framing, no caching, nothing loaded or run from elsewhere. */
    @Test
    void thePageCarriesSecurityHeaders() {
        api().get("/")
                .then()
                .statusCode(200)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    /** Without a datasource there is no database check (Quarkus's own reported UP for a database never configured). */
    @Test
    void withoutADatabaseThereIsNoDatabaseHealthCheck() {
        String health = given().get("/q/health").then().extract().asString();
        assertThat(health).contains("camel-context").doesNotContain("Database", "Shared store");
    }

    private static double counter(String series) {
        String metrics = api().get("/q/metrics").then().extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith(series + " "))
                // the value, before any exemplar ("1.0 # {span_id=...}")
                .mapToDouble(
                        l -> Double.parseDouble(l.substring(series.length() + 1).split(" ")[0]))
                .findFirst()
                .orElse(0);
    }

    /**
     * Guesses of the token are throttled per source (#35, Build 7): from 127.0.0.2 (a raw socket bound to it), 40
     * refused tokens in a minute, then 429 with Retry-After even for the right one; 127.0.0.1 is not affected.
     */
    @Test
    void guessesOfTheTokenAreThrottledPerSource() throws Exception {
        for (int i = 0; i < 40; i++) {
            assertThat(statusFrom127002("/api/lines", "wrong-" + i))
                    .as("guess %d", i)
                    .startsWith("HTTP/1.1 401");
        }
        assertThat(statusFrom127002("/api/lines", SimulatorResource.API_TOKEN))
                .as("the right token too, from that source, for the rest of the minute")
                .startsWith("HTTP/1.1 429");
        api().get("/api/lines").then().statusCode(200);
    }

    /** The status line of a GET sent from 127.0.0.2 with {@code Authorization: Bearer <token>}. */
    private static String statusFrom127002(String path, String token) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    @Test
    void theApiRequiresTheConfiguredBearerToken() {
        given().get("/api/lines").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        // the metrics name every portal: behind the same token (Prometheus sends it as a bearer)
        given().get("/q/metrics").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer wrong")
                .contentType("text/csv")
                .body("title\nx\n")
                .post("/api/sync")
                .then()
                .statusCode(401);
        api().get("/api/lines").then().statusCode(200);
    }

    @Test
    void linesPageAndMetricsShowWhatThePollerSaw() {
        String title = unique("ops");
        drop(
                title + ".csv",
                "portal,title,type,server,login,password\nbeta," + title + ",cloud,sip.example.com,acc-2,ops-secret\n");
        await().atMost(WAIT)
                .until(() -> api().get("/api/lines").then().extract().asString().contains(title));

        api().get("/api/lines")
                .then()
                .statusCode(200)
                .body("$", hasKey("alpha"))
                .body("$", hasKey("beta"))
                .body("beta.find { it.title == '" + title + "' }.portal", equalTo("beta"));
        assertThat(api().get("/").asString())
                .as("the overview: a line per portal, linking to its page")
                .contains("id=\"row-beta\"")
                .contains("href=\"portals/beta\"");
        assertThat(api().get("/?q=bet").asString()).contains("id=\"row-beta\"").doesNotContain("id=\"row-alpha\"");
        String page = api().get("/portals/beta")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
        assertThat(page)
                .contains("<h2>beta</h2>")
                .contains(title)
                .containsPattern("<span class=\"state (wait|in_progress|success)\">");

        // a title held by another application's line: the portal refuses the add with TITLE_EXISTS
        SimulatorResource.portal("beta").addLine("other.app", "office", title + "-taken", "pbx.example.com", "1", "pw");
        api().contentType("text/csv")
                .body("portal,title,type,server,login,password\nbeta," + title + "-taken,office,pbx.example.com,1,pw\n")
                .post("/api/sync")
                .then()
                .statusCode(200)
                .body("outcomes[0].errorCode", equalTo("TITLE_EXISTS"));

        String metrics =
                api().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("b24sip_lines_synced_total{")
                .contains("result=\"created\"")
                .contains("b24sip_status_events_total{")
                .contains("b24sip_rate_limit_waits_total{portal=\"alpha\"}")
                .contains("b24sip_api_errors_total{code=\"TITLE_EXISTS\",portal=\"beta\"}");
    }

    /**
     * Every metric the alert rules and the Grafana dashboard read (deploy/) is one the app serves: a gauge on
     * /q/metrics now, a counter (made on its first increment) under its Micrometer name in the app's code. A renamed
     * meter would otherwise leave an alert that never fires.
     */
    @Test
    void theAlertsAndTheDashboardReadMetricsTheAppServes() throws Exception {
        String metrics =
                api().get("/q/metrics").then().statusCode(200).extract().asString();
        String code;
        try (var files = Files.walk(Path.of("src/main/java"))) {
            code = files.filter(f -> f.toString().endsWith(".java"))
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .collect(Collectors.joining("\n"));
        }
        Set<String> read = new TreeSet<>();
        for (String file :
                List.of("../deploy/prometheus/b24sip-alerts.yml", "../deploy/grafana/b24sip-dashboard.json")) {
            Matcher m = Pattern.compile("b24sip_[a-z_]+").matcher(Files.readString(Path.of(file)));
            while (m.find()) {
                read.add(m.group());
            }
        }
        assertThat(read).contains("b24sip_lines", "b24sip_portal_last_poll_seconds", "b24sip_portal_up");
        for (String name : read) {
            if (name.endsWith("_total")) {
                String meter =
                        name.substring(0, name.length() - "_total".length()).replace('_', '.');
                assertThat(code).as("a counter named " + meter).contains("\"" + meter + "\"");
            } else {
                assertThat(metrics).as("the gauge " + name + " on /q/metrics").containsPattern("(?m)^" + name + "\\{");
            }
        }
    }

    /**
     * The page lists every portal's lines: with b24sip.api.token set, it and its reports answer 401 with a sign-in
     * form until the request carries the token (Bearer, or Basic's password) or the cookie of a browser that signed
     * in with it; the cookie is not the token, and does not open the API.
     */
    @Test
    void thePageAsksForTheApiTokenAndABrowserSignsInWithIt() {
        var refused = given().get("/");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.asString()).contains("name=\"token\"").doesNotContain("row-alpha");
        var portalPage = given().get("/portals/alpha");
        assertThat(portalPage.statusCode()).isEqualTo(401);
        assertThat(portalPage.asString()).contains("action=\"../sign-in\"").doesNotContain("<h2>alpha</h2>");
        assertThat(given().get("/reports/anything.report.json").statusCode()).isEqualTo(401);
        assertThat(given().auth()
                        .preemptive()
                        .basic("operator", SimulatorResource.API_TOKEN)
                        .get("/")
                        .statusCode())
                .isEqualTo(200);
        assertThat(given().formParam("token", "not-it").post("/sign-in").statusCode())
                .isEqualTo(401);

        var signedIn = given().redirects()
                .follow(false)
                .formParam("token", SimulatorResource.API_TOKEN)
                .post("/sign-in");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String cookie = signedIn.getHeader("Set-Cookie");
        assertThat(cookie)
                .startsWith("b24sip_session=")
                .contains("HttpOnly")
                .doesNotContain(SimulatorResource.API_TOKEN);
        String session = cookie.substring(0, cookie.indexOf(';'));
        assertThat(given().header("Cookie", session).get("/").asString()).contains("row-alpha");
        assertThat(given().header("Cookie", session).get("/portals/alpha").asString())
                .contains("<h2>alpha</h2>");
        assertThat(given().header("Cookie", session).get("/api/lines").statusCode())
                .as("the page's cookie does not open the API")
                .isEqualTo(401);

        // a random session per sign-in, that expires, and that a sign-out ends (#35, Build 7)
        assertThat(cookie).contains("SameSite=Strict").containsPattern("Max-Age=\\d+");
        String second = given().redirects()
                .follow(false)
                .formParam("token", SimulatorResource.API_TOKEN)
                .post("/sign-in")
                .getHeader("Set-Cookie");
        assertThat(second.substring(0, second.indexOf(';'))).isNotEqualTo(session);
        assertThat(given().header("Cookie", session).get("/").asString()).contains("id=\"sign-out\"");
        var signedOut =
                given().redirects().follow(false).header("Cookie", session).post("/sign-out");
        assertThat(signedOut.statusCode()).isEqualTo(303);
        assertThat(signedOut.getHeader("Set-Cookie")).contains("Max-Age=0");
        assertThat(given().header("Cookie", session).get("/").statusCode())
                .as("signed out: the old cookie opens nothing")
                .isEqualTo(401);
        assertThat(given().header("Cookie", second.substring(0, second.indexOf(';')))
                        .get("/")
                        .statusCode())
                .as("the other sign-in stays")
                .isEqualTo(200);
        // the token is taken from the posted form only, never from a URL
        assertThat(given().redirects()
                        .follow(false)
                        .queryParam("token", SimulatorResource.API_TOKEN)
                        .post("/sign-in")
                        .statusCode())
                .isEqualTo(401);
    }
}
