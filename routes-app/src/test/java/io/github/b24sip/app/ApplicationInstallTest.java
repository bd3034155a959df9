package io.github.b24sip.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.simulator.bitrix.ApplicationInstaller.Installation;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.SipLineView;
import io.github.b24sip.simulator.fault.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Application mode: the simulated portal installs the app's Bitrix24 application by posting ONAPPINSTALL to {@code
 * /bitrix24/events}; the portal is confirmed at the OAuth server, registered under its domain's name, polled with the
 * application's tokens, and takes rows named by its member_id (the lines it creates are the application's). A forged
 * install naming its member_id with another endpoint and a refresh token the OAuth server does not know, and a forged
 * uninstall, answer 401 and change nothing; an install without the telephony scope answers 403; a refresh token the
 * OAuth server refuses sets the portal aside until it installs again; the genuine uninstall removes it.
 */
@QuarkusTest
class ApplicationInstallTest extends AppTestSupport {

    @Inject
    CamelContext camel;

    /**
     * The events endpoint's limit holds while a body is read (#35, item 2): a post that declares 9 MB, or streams chunks
     * past 64 KB, is answered 413 before the rest is sent (so no such body is ever held whole); 16 such posts at once
     * leave the app live.
     */
    @Test
    void aBodyOverTheLimitIsRefusedWhileItIsReadAndAFloodOfThemLeavesTheAppLive() throws Exception {
        // declared: 9 MB announced, 100 KB sent, then the answer is read without sending more
        String declared = rawPost("Content-Length: 9000000\r\n", 100 * 1024, false);
        assertThat(declared).as("answered before the body was all sent").startsWith("HTTP/1.1 413");
        // chunked: no length given, 200 KB of chunks, then the answer is read without ending the body (as text: a
        // form's
        // decoder would refuse one attribute past 8 KB on its own)
        String chunked = rawPost("Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n", 200 * 1024, true);
        assertThat(chunked).as("answered once the bytes passed the limit").startsWith("HTTP/1.1 413");

        byte[] big = new byte[9 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        var http = HttpClient.newHttpClient();
        var uri = URI.create("http://localhost:" + RestAssured.port + "/bitrix24/events");
        List<CompletableFuture<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            posts.add(http.sendAsync(
                            HttpRequest.newBuilder(uri)
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode)
                    .exceptionally(e -> -1));
        }
        for (var post : posts) {
            // the server may close the connection while the client still sends: a 413 or a reset, never a 500
            assertThat(post.get(60, TimeUnit.SECONDS)).isIn(413, -1);
        }
        given().get("/q/health/live").then().statusCode(200);
        assertThat(Files.readString(SimulatorResource.logFile())).doesNotContain("OutOfMemoryError");
    }

    /**
     * A flood of forged installs against a slow OAuth server (1 s an answer) does not stall the app (#35, item 1):
     * installs are confirmed a few at a time on threads of their own, the rest answered 503 with Retry-After at once,
     * and health and the API answer while the flood is still being confirmed; a genuine install then goes through.
     */
    @Test
    void aFloodOfForgedInstallsAgainstASlowOAuthServerLeavesHealthAndTheApiAnswering() throws Exception {
        var oauthFaults = SimulatorResource.simulator().oauth().faults();
        oauthFaults.rate(1.0, "refresh_token", Fault.delay(Duration.ofMillis(1000)));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI events = URI.create("http://localhost:" + RestAssured.port + "/bitrix24/events");
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 250; i++) {
                String form = "event=ONAPPINSTALL&auth%5Bmember_id%5D=forged" + i
                        + "&auth%5Brefresh_token%5D=never-issued-" + i + "&auth%5Bapplication_token%5D=x";
                flood.add(http.sendAsync(
                        HttpRequest.newBuilder(events)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            // while the flood is confirmed, a few at a time: health and the API answer (a client limit, not a timing)
            HttpResponse<String> live = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/q/health/live"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(flood.stream().filter(f -> !f.isDone()).count())
                    .as("health answered while installs were still being confirmed")
                    .isPositive();
            api().get("/api/portals").then().statusCode(200);

            List<HttpResponse<String>> answers = new ArrayList<>();
            for (var post : flood) {
                answers.add(post.get(120, TimeUnit.SECONDS));
            }
            assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isIn(401, 503));
            assertThat(answers)
                    .filteredOn(a -> a.statusCode() == 503)
                    .isNotEmpty()
                    .allSatisfy(a ->
                            assertThat(a.headers().firstValue("Retry-After")).hasValue("5"));
        } finally {
            oauthFaults.clear();
        }
        assertThat(api().get("/api/portals").asString()).doesNotContain("forged");
    }

    /**
     * Refusals are logged as one compact line, at most one a second, with what came from outside escaped and cut: a
     * member_id with a line break cannot forge a log line, a long one costs the log 300 characters, and a form with
     * too many fields is a short answer without a stack trace (#35, item 10).
     */
    @Test
    void refusalsAreLoggedCompactlyEscapedAndAtMostOnceASecond() throws Exception {
        long logBefore = Files.size(SimulatorResource.logFile());
        long started = System.nanoTime();
        String forgedLine = "INFO  [io.git.b24.app.ins.ApplicationEvents] Portal acme uninstalled the application";
        String memberId = "m1\n2026-12-06 22:00:00,000 " + forgedLine + "x".repeat(1_500);
        for (int i = 0; i < 40; i++) {
            given().contentType("application/x-www-form-urlencoded")
                    .formParam("event", "ONAPPUNINSTALL")
                    .formParam("auth[member_id]", memberId)
                    .formParam("auth[application_token]", "forged")
                    .post("/bitrix24/events")
                    .then()
                    .statusCode(401)
                    .body("error", containsString("m1\\n2026-12-06 22:00:00,000 INFO"))
                    .body("error", containsString("(1676 characters)"));
        }
        var manyFields = given().contentType("application/x-www-form-urlencoded");
        for (int i = 0; i < 300; i++) {
            manyFields = manyFields.formParam("f" + i, "v");
        }
        manyFields.post("/bitrix24/events").then().statusCode(400);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        String log;
        try (var in = Files.newInputStream(SimulatorResource.logFile())) {
            in.skipNBytes(logBefore);
            log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> refusals = log.lines()
                .filter(l -> l.contains("Refused a request to /bitrix24/events"))
                .toList();
        assertThat(refusals)
                .hasSizeBetween(1, (int) seconds + 2)
                .hasSizeLessThan(41)
                .allSatisfy(l -> assertThat(l.length()).isLessThan(1000));
        // a line that shows the member_id shows it escaped and cut (which refusal gets the second's line is timing's)
        assertThat(refusals)
                .filteredOn(l -> l.contains("22:00:00,000"))
                .allSatisfy(l -> assertThat(l).contains("m1\\n2026-12-06 22:00:00,000 INFO", "(1676 characters)"));
        assertThat(log.lines().filter(l -> l.contains(forgedLine) && !l.contains("Refused a request")))
                .as("no forged line of its own")
                .isEmpty();
        // the refusal line may name the exception's class; no stack trace follows it
        assertThat(log)
                .doesNotContain("HttpPostRequestDecoder$TooManyFormFieldsException")
                .doesNotContain("\tat io.netty");
    }

    /** Headers and {@code bytes} of body to /bitrix24/events over a socket, then the status line it answers with. */
    private static String rawPost(String headers, int bytes, boolean chunked) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            String type = headers.contains("Content-Type") ? "" : "Content-Type: application/x-www-form-urlencoded\r\n";
            out.write(("POST /bitrix24/events HTTP/1.1\r\nHost: localhost\r\n" + type + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[8192];
            Arrays.fill(block, (byte) 'a');
            try {
                for (int sent = 0; sent < bytes; sent += block.length) {
                    if (chunked) {
                        out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(block);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                out.flush();
            } catch (IOException closedEarly) {
                // the server answered and closed while this was still sending: its answer is still there to read
            }
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }

    /**
     * #35, installs never lost: the OAuth server answers after the sender stopped waiting (install-wait is 3 s here).
     * The sender got 503; the confirmation went on, its answer was kept and the portal stored; the same event sent
     * again (its refresh token spent, so the OAuth server refuses it) is answered 200 with the same portal.
     */
    @Test
    void anInstallWhoseOAuthAnswerOutlastsTheWaitIsCompletedAndItsEventSentAgainIsAnswered200() throws Exception {
        BitrixPortal epsilon = SimulatorResource.portal(SimulatorResource.API_PORTAL);
        String handler = "http://localhost:" + RestAssured.port + "/bitrix24/events";
        var oauthFaults = SimulatorResource.simulator().oauth().faults();
        oauthFaults.rate(1.0, "refresh_token", Fault.delay(Duration.ofSeconds(5)));
        Installation first;
        try {
            first = epsilon.installApplication(SimulatorResource.APPLICATION_ID, handler);
            assertThat(first.status()).as(first.answer()).isEqualTo(503);
            await().atMost(WAIT)
                    .until(() -> JSON.readTree(api().get("/api/portals").asString())
                            .findValuesAsText("memberId")
                            .contains(epsilon.memberId()));
        } finally {
            oauthFaults.clear();
        }
        Installation again = first.sendAgain();
        String name = JSON.readTree(again.answer()).path("portal").asText();
        try {
            assertThat(again.status()).as(again.answer()).isEqualTo(200);
            assertThat(JSON.readTree(api().get("/api/portals").asString()).findValuesAsText("memberId"))
                    .containsOnlyOnce(epsilon.memberId());
            // a forger with the member_id but not the install's application_token gets nothing from the kept answer
            Map<String, String> forged = new java.util.LinkedHashMap<>(first.body());
            forged.put("auth[application_token]", "not-the-token");
            Installation refused = new Installation(null, null, 0, null, handler, forged).sendAgain();
            assertThat(refused.status()).isEqualTo(401);
        } finally {
            api().delete("/api/portals/" + name);
        }
    }

    /**
     * A per-source limit of forged installs (#35, Build 1): from 127.0.0.3, 300 installs the OAuth server refuses (the
     * limit here) are answered 401, then the address is answered 429 with Retry-After before anything is called;
     * 127.0.0.1 still gets its answers.
     */
    @Test
    void anAddressWhoseInstallsTheOAuthServerRefusesIsAnswered429() throws Exception {
        for (int i = 0; i < 300; i++) {
            assertThat(postFrom(
                            "127.0.0.3",
                            "event=ONAPPINSTALL&auth%5Bmember_id%5D=forged-src-" + i
                                    + "&auth%5Brefresh_token%5D=never-issued&auth%5Bapplication_token%5D=x"))
                    .as("forged install %d", i)
                    .startsWith("HTTP/1.1 401");
        }
        assertThat(postFrom(
                        "127.0.0.3",
                        "event=ONAPPINSTALL&auth%5Bmember_id%5D=forged-src-x"
                                + "&auth%5Brefresh_token%5D=never-issued&auth%5Bapplication_token%5D=x"))
                .startsWith("HTTP/1.1 429");
        assertThat(RestAssured.given()
                        .contentType("application/x-www-form-urlencoded")
                        .formParam("event", "ONAPPINSTALL")
                        .formParam("auth[refresh_token]", "x")
                        .post("/bitrix24/events")
                        .statusCode())
                .as("another address is answered as before")
                .isEqualTo(400);
    }

    /** The status line of a form POST to the events' path sent from {@code source} (a loopback address). */
    private static String postFrom(String source, String form) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5000);
            socket.setSoTimeout(30_000);
            byte[] body = form.getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream()
                    .write(("POST /bitrix24/events HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                                    + body.length
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    @Test
    void anInstalledPortalIsConfirmedPolledAndRemovedByItsUninstallOnly() throws Exception {
        BitrixPortal epsilon = SimulatorResource.portal(SimulatorResource.API_PORTAL);
        String handler = "http://localhost:" + RestAssured.port + "/bitrix24/events";
        String prefix = unique("inst");
        Installation installed = epsilon.installApplication(SimulatorResource.APPLICATION_ID, handler);
        assertThat(installed.status()).as(installed.answer()).isEqualTo(200);
        String name = JSON.readTree(installed.answer()).path("portal").asText();
        try {
            assertThat(name).isEqualTo(epsilon.baseUrl().replace("https://", "").replaceAll("[^a-z0-9-]", "-"));
            JsonNode view = JSON.readTree(api().get("/api/portals/" + name).asString());
            assertThat(view.path("source").asText()).isEqualTo("install");
            assertThat(view.path("memberId").asText()).isEqualTo(epsilon.memberId());
            assertThat(view.path("url").asText()).isEqualTo(epsilon.baseUrl());
            assertThat(view.path("auth").asText()).isEqualTo("oauth");
            assertThat(api().get("/api/portals/" + name).asString())
                    .doesNotContain(installed.applicationToken())
                    .doesNotContain(installed.tokens().refreshToken());

            // a row naming the portal by its member_id: the line is made with the application's tokens, so it is its
            String file = prefix + ".csv";
            drop(
                    file,
                    "portal,title,type,server,login,password\n" + epsilon.memberId() + "," + prefix
                            + "-row,office,pbx.example.com,1,pw\n");
            awaitMoved(file, "done");
            List<SipLineView> made = linesStartingWith(SimulatorResource.API_PORTAL, prefix + "-row");
            assertThat(made).hasSize(1);
            assertThat(made.get(0).appId()).isEqualTo(SimulatorResource.APPLICATION_ID);
            await().atMost(WAIT)
                    .until(() -> SimulatorResource.simulator()
                                    .journal()
                                    .count(e -> e.target().equals(SimulatorResource.API_PORTAL)
                                            && ("oauth:" + SimulatorResource.APPLICATION_ID).equals(e.credential())
                                            && "voximplant.sip.get".equalsIgnoreCase(e.method())
                                            && String.valueOf(e.params().get("FILTER"))
                                                    .contains("TYPE"))
                            > 0);

            // installed again: the same portal, its tokens rotated
            Installation again = epsilon.installApplication(SimulatorResource.APPLICATION_ID, handler);
            assertThat(again.status()).as(again.answer()).isEqualTo(200);
            assertThat(JSON.readTree(again.answer()).path("portal").asText()).isEqualTo(name);
            assertThat(JSON.readTree(api().get("/api/portals").asString()).findValuesAsText("memberId"))
                    .as("one portal per member_id")
                    .containsOnlyOnce(epsilon.memberId());

            // the OAuth server refuses the refresh token (the application removed while its uninstall was lost):
            // the portal waits for a reinstall, not polled, its rows refused; installed again, it is live again
            SimulatorResource.simulator()
                    .oauth()
                    .tokens()
                    .revokeApplication(SimulatorResource.API_PORTAL, SimulatorResource.APPLICATION_ID);
            epsilon.expireAccessTokens();
            await().atMost(WAIT)
                    .until(() -> JSON.readTree(api().get("/api/portals/" + name).asString())
                            .path("state")
                            .asText()
                            .equals("needs-reinstall"));
            await().atMost(WAIT).until(() -> camel.getRoute("status-poll-" + name) == null); // not polled meanwhile
            assertThat(api().get("/q/metrics").asString())
                    .containsPattern("b24sip_portals\\{[^}]*state=\"needs-reinstall\"[^}]*\\} 1\\.0");
            assertThat(given().get("/q/health/well").asString())
                    .as("an operator's alert, not a readiness failure")
                    .contains("b24sip-portals")
                    .contains(name);
            String waiting = prefix + "-waiting.csv";
            drop(
                    waiting,
                    "portal,title,type,server,login,password\n" + name + "," + prefix
                            + "-waiting,office,pbx.example.com,3,pw\n");
            awaitMoved(waiting, "done");
            assertThat(report(waiting).path("outcomes").get(0).path("error").asText())
                    .contains("installed again");
            Installation reinstalled = epsilon.installApplication(SimulatorResource.APPLICATION_ID, handler);
            assertThat(reinstalled.status()).as(reinstalled.answer()).isEqualTo(200);
            assertThat(JSON.readTree(api().get("/api/portals/" + name).asString())
                            .path("state")
                            .asText())
                    .isEqualTo("live");
            await().atMost(WAIT).until(() -> camel.getRoute("status-poll-" + name) != null); // polled again
            assertThat(given().get("/q/health/well").statusCode()).isEqualTo(200);

            // a forged install: the known member_id, the forger's endpoint, a refresh token nobody issued
            Response forged = RestAssured.given()
                    .contentType("application/x-www-form-urlencoded")
                    .formParam("event", "ONAPPINSTALL")
                    .formParam("auth[member_id]", epsilon.memberId())
                    .formParam("auth[domain]", "evil.example.com")
                    .formParam("auth[client_endpoint]", "https://evil.example.com/rest/")
                    .formParam("auth[access_token]", "forged-access")
                    .formParam("auth[refresh_token]", "forged-refresh")
                    .formParam("auth[application_token]", "forged-app-token")
                    .post("/bitrix24/events");
            assertThat(forged.statusCode()).as(forged.asString()).isEqualTo(401);
            assertThat(JSON.readTree(api().get("/api/portals/" + name).asString())
                            .path("url")
                            .asText())
                    .as("the portal keeps its endpoint")
                    .isEqualTo(epsilon.baseUrl());

            // a forged uninstall: the right member_id, a wrong application token
            Installation forgedUninstall =
                    epsilon.postUninstallEvent(SimulatorResource.APPLICATION_ID, handler, "not-the-token");
            assertThat(forgedUninstall.status()).isEqualTo(401);
            assertThat(api().get("/api/portals/" + name).statusCode()).isEqualTo(200);

            Response malformed = RestAssured.given()
                    .contentType("application/x-www-form-urlencoded")
                    .formParam("event", "ONAPPINSTALL")
                    .formParam("auth[refresh_token]", "x")
                    .post("/bitrix24/events");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.asString()).contains("auth[member_id]");

            Installation noScope = SimulatorResource.portal(SimulatorResource.NO_TELEPHONY_PORTAL)
                    .installApplication(SimulatorResource.APPLICATION_ID, handler);
            assertThat(noScope.status()).as(noScope.answer()).isEqualTo(403);
            assertThat(JSON.readTree(api().get("/api/portals").asString()).findValuesAsText("memberId"))
                    .doesNotContain(SimulatorResource.portal(SimulatorResource.NO_TELEPHONY_PORTAL)
                            .memberId());

            // the genuine uninstall: gone, its tokens with it; rows for it are refused
            Installation removed = epsilon.uninstallApplication(SimulatorResource.APPLICATION_ID, handler, false);
            assertThat(removed.status()).as(removed.answer()).isEqualTo(200);
            assertThat(api().get("/api/portals/" + name).statusCode()).isEqualTo(404);
            Path tokenFile = SimulatorResource.workDir().resolve("tokens").resolve(name + ".json");
            assertThat(Files.exists(tokenFile)).as("its token file removed").isFalse();
            String late = prefix + "-late.csv";
            drop(
                    late,
                    "portal,title,type,server,login,password\n" + epsilon.memberId() + "," + prefix
                            + "-late,office,pbx.example.com,2,pw\n");
            awaitMoved(late, "done");
            assertThat(report(late).path("outcomes").get(0).path("error").asText())
                    .contains("is an unknown portal");
        } finally {
            api().delete("/api/portals/" + name);
        }
    }
}
