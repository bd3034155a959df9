package io.github.b24sip.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.TokenPair;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The portal API: a webhook portal added with PUT is polled and takes CSV rows (named by its domain) without a
 * restart, is kept in the sealed, owner-only portal file, answers GET without its secrets, and once deleted is no
 * longer polled and its rows are refused as an unknown portal. Every bad field gets 400 naming it; a configured portal
 * answers 409.
 */
@QuarkusTest
class PortalApiTest extends AppTestSupport {

    private static final String NAME = "api-epsilon";

    @Inject
    CamelContext camel;

    @Test
    void aPortalAddedAtRunTimeIsPolledTakesRowsAndLeavesWithoutARestart() throws Exception {
        BitrixPortal epsilon = SimulatorResource.portal(SimulatorResource.API_PORTAL);
        String prefix = unique("api");
        int line = epsilon.addLine("", "cloud", prefix + "-existing", "sip.example.com", "acc", "pw");
        try {
            Response created = api().contentType("application/json")
                    .body(JSON.writeValueAsString(settings(epsilon)))
                    .put("/api/portals/" + NAME);
            assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
            assertThat(created.asString())
                    .doesNotContain(epsilon.webhook().code())
                    .doesNotContain(SimulatorResource.TRUST_STORE_PASSWORD);

            JsonNode view = JSON.readTree(api().get("/api/portals/" + NAME).asString());
            assertThat(view.path("source").asText()).isEqualTo("api");
            assertThat(view.path("auth").asText()).isEqualTo("webhook");
            assertThat(view.path("state").asText()).isEqualTo("live");
            assertThat(view.has("token")).as("secrets are write-only").isFalse();

            // polled without a restart: its line reaches /api/lines under the new portal's name
            await().atMost(WAIT)
                    .until(() -> JSON.readTree(api().get("/api/lines").asString())
                            .path(NAME)
                            .findValuesAsText("configId")
                            .contains(String.valueOf(line)));
            assertThat(JSON.readTree(api().get("/api/portals/" + NAME).asString())
                            .path("lastPoll")
                            .isTextual())
                    .as("the last poll is shown")
                    .isTrue();

            // a CSV row naming the portal by its domain goes to it
            String domain = epsilon.baseUrl().replace("https://", "");
            String file = prefix + ".csv";
            drop(
                    file,
                    "portal,title,type,server,login,password\n" + domain + "," + prefix
                            + "-row,office,pbx.example.com,1,pw\n");
            awaitMoved(file, "done");
            assertThat(linesStartingWith(SimulatorResource.API_PORTAL, prefix + "-row"))
                    .hasSize(1);

            // kept in the portal file: owner-only, the webhook code sealed
            Path store = SimulatorResource.workDir().resolve("portals").resolve(NAME + ".json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store)))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(store))
                    .contains("\"api\"")
                    .contains("sealed:v1:")
                    .doesNotContain(epsilon.webhook().code())
                    .doesNotContain(SimulatorResource.TRUST_STORE_PASSWORD);

            assertThat(api().delete("/api/portals/" + NAME).statusCode()).isEqualTo(204);
            assertThat(api().get("/api/portals/" + NAME).statusCode()).isEqualTo(404);
            assertThat(store).as("its file removed").doesNotExist();
            String after = prefix + "-after.csv";
            drop(
                    after,
                    "portal,title,type,server,login,password\n" + NAME + "," + prefix
                            + "-late,office,pbx.example.com,2,pw\n");
            awaitMoved(after, "done");
            assertThat(report(after).path("outcomes").get(0).path("error").asText())
                    .contains("'" + NAME + "' is an unknown portal");
            await().atMost(WAIT).until(() -> camel.getRoute("status-poll-" + NAME) == null); // its poller is gone
            assertThat(camel.hasComponent("bitrix24-sip-" + NAME))
                    .as("its component is gone")
                    .isNull();
            assertThat(camel.getEndpoints())
                    .as("no endpoint of it is kept")
                    .noneMatch(e -> e.getEndpointUri().startsWith("bitrix24-sip-" + NAME + ":"));
        } finally {
            api().delete("/api/portals/" + NAME);
        }
    }

    /**
     * #35: a portal's trust store given as PEM certificates through the API is trusted (the simulator's TLS answers
     * it: its lines come in) and sealed at rest like the other secrets; the view tells that a PEM is set, not what.
     */
    @Test
    void aTrustStoreGivenAsPemIsTrustedAndSealedAtRest() throws Exception {
        BitrixPortal epsilon = SimulatorResource.portal(SimulatorResource.API_PORTAL);
        String name = "api-pem";
        int line = epsilon.addLine("", "cloud", unique("pem") + "-line", "sip.example.com", "acc", "pw");
        String pem = SimulatorResource.simulator().tls().pem();
        Map<String, String> settings = with(without(settings(epsilon), "trust-store-file"), "trust-store-pem", pem);
        settings.remove("trust-store-password");
        try {
            Response created = api().contentType("application/json")
                    .body(JSON.writeValueAsString(settings))
                    .put("/api/portals/" + name);
            assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
            await().atMost(WAIT)
                    .until(() -> JSON.readTree(api().get("/api/lines").asString())
                            .path(name)
                            .findValuesAsText("configId")
                            .contains(String.valueOf(line)));
            String pemLine = pem.lines()
                    .filter(l -> !l.startsWith("-----") && l.length() > 40)
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.readString(
                            SimulatorResource.workDir().resolve("portals").resolve(name + ".json")))
                    .contains("sealed:v1:")
                    .doesNotContain(pemLine);
            assertThat(api().get("/api/portals/" + name).asString()).doesNotContain(pemLine);
        } finally {
            api().delete("/api/portals/" + name);
        }
    }

    /**
     * An OAuth portal PUT again with a new token pair uses that pair, not the rotated one its token store kept: after
     * the kept pair is revoked, the new one polls. Without it, the kept pair wins and every poll fails.
     */
    @Test
    void anOAuthPortalPutWithNewTokensUsesThem() throws Exception {
        BitrixPortal epsilon = SimulatorResource.portal(SimulatorResource.API_PORTAL);
        var tokens = SimulatorResource.simulator().oauth().tokens();
        String name = "api-oauth";
        try {
            var first = epsilon.issueTokens(SimulatorResource.APPLICATION_ID);
            assertThat(putOAuth(name, epsilon, first).statusCode()).isEqualTo(201);
            // the first pair expires and is rotated: the token store keeps the rotated pair
            long refreshes = tokens.refreshCount();
            epsilon.expireAccessTokens();
            await().atMost(WAIT).until(() -> tokens.refreshCount() > refreshes);
            // then the application's pairs so far are revoked, and a new pair is PUT
            tokens.issuedTokens(SimulatorResource.API_PORTAL).forEach(tokens::revokeRefreshToken);
            epsilon.expireAccessTokens();
            var second = epsilon.issueTokens(SimulatorResource.APPLICATION_ID);
            long after = SimulatorResource.simulator().journal().entries().stream()
                    .mapToLong(e -> e.seq())
                    .max()
                    .orElse(0);
            assertThat(putOAuth(name, epsilon, second).statusCode()).isEqualTo(200);
            await().atMost(WAIT)
                    .until(() -> SimulatorResource.simulator()
                                    .journal()
                                    .count(e -> e.seq() > after
                                            && e.target().equals(SimulatorResource.API_PORTAL)
                                            && ("oauth:" + SimulatorResource.APPLICATION_ID).equals(e.credential())
                                            && "voximplant.sip.get".equalsIgnoreCase(e.method())
                                            && !e.isError())
                            > 0);
        } finally {
            api().delete("/api/portals/" + name);
        }
    }

    private static Response putOAuth(String name, BitrixPortal portal, TokenPair pair) throws Exception {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("url", portal.baseUrl());
        s.put("client-id", SimulatorResource.APPLICATION_ID);
        s.put("client-secret", SimulatorResource.APPLICATION_SECRET);
        s.put("access-token", pair.accessToken());
        s.put("refresh-token", pair.refreshToken());
        s.put("oauth-server-url", SimulatorResource.simulator().oauthServerUrl());
        s.put("trust-store-file", SimulatorResource.trustStore().toString());
        s.put("trust-store-password", SimulatorResource.TRUST_STORE_PASSWORD);
        s.put("rate-limit-plan", "none");
        return api().contentType("application/json")
                .body(JSON.writeValueAsString(s))
                .put("/api/portals/" + name);
    }

    @Test
    void eachBadFieldIsNamedAndAConfiguredPortalIsLeftAlone() throws Exception {
        BitrixPortal epsilon = SimulatorResource.portal(SimulatorResource.API_PORTAL);
        Map<String, String> good = settings(epsilon);
        assertBad("bad name", "Bad_Name", good, "name");
        assertBad("missing url", NAME, without(good, "url"), "url");
        assertBad("plain http to a remote host", NAME, with(good, "url", "http://portal.example.com"), "url");
        assertBad("not a URL", NAME, with(good, "url", "https://exa mple.com"), "url");
        assertBad("webhook without its code", NAME, without(good, "token"), "token");
        assertBad("both auth kinds", NAME, with(good, "client-id", "app.x"), "client-id");
        assertBad("unknown plan", NAME, with(good, "rate-limit-plan", "gold"), "rate-limit-plan");
        assertBad("negative burst", NAME, with(good, "burst-limit", "-3"), "burst-limit");
        assertBad("unknown setting", NAME, with(good, "colour", "blue"), "colour");
        assertBad("install field", NAME, with(good, "member-id", "abc"), "member-id");
        assertBad(
                "unreadable trust store",
                NAME,
                with(good, "trust-store-file", "/nowhere/trust.p12"),
                "trust-store-file");
        assertBad(
                "a trust store its password does not open",
                NAME,
                with(good, "trust-store-password", "not-the-password"),
                "trust-store-password");
        assertBad("a trust store that is a folder", NAME, with(good, "trust-store-file", "/tmp"), "trust-store-file");
        // #35: an API portal's trust store file lies in b24sip.trust-store-dir; a path out of it is refused as given,
        // with the same answer whether or not a file is there, and a link in the folder may not lead out
        String outOfFolder = assertBad(
                "a file out of the trust store folder",
                NAME,
                with(good, "trust-store-file", "../../../../etc/passwd"),
                "trust-store-file");
        assertThat(assertBad(
                        "a file out of the trust store folder that is not there",
                        NAME,
                        with(good, "trust-store-file", "../../../../etc/no-such-file"),
                        "trust-store-file"))
                .as("the answer does not tell whether a file exists out of the folder")
                .isEqualTo(outOfFolder);
        Path outside = Files.createTempDirectory("b24sip-elsewhere").resolve("trust.p12");
        Files.copy(SimulatorResource.trustStore(), outside);
        Path link = SimulatorResource.workDir().resolve("linked-trust.p12");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside);
        assertBad(
                "a link in the trust store folder to a store out of it",
                NAME,
                with(good, "trust-store-file", "linked-trust.p12"),
                "trust-store-file");
        String pem = SimulatorResource.simulator().tls().pem();
        assertBad("a trust store as a file and as PEM", NAME, with(good, "trust-store-pem", pem), "trust-store-pem");
        Map<String, String> asPem = with(without(good, "trust-store-file"), "trust-store-pem", "not-a-cert-PEMSECRET");
        assertThat(assertBad(
                        "PEM that holds no certificate",
                        NAME,
                        without(asPem, "trust-store-password"),
                        "trust-store-pem"))
                .doesNotContain("PEMSECRET");
        assertBad("PEM with a password", NAME, with(asPem, "trust-store-pem", pem), "trust-store-password");
        Response notJson = api().contentType("application/json").body("[1,2").put("/api/portals/" + NAME);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.asString()).path("field").asText()).isEqualTo("body");
        assertThat(api().get("/api/portals/" + NAME).statusCode())
                .as("nothing added")
                .isEqualTo(404);

        Response put = api().contentType("application/json")
                .body(JSON.writeValueAsString(good))
                .put("/api/portals/alpha");
        assertThat(put.statusCode()).isEqualTo(409);
        assertThat(put.asString()).contains("b24sip.portals.alpha");
        assertThat(api().delete("/api/portals/alpha").statusCode()).isEqualTo(409);
        JsonNode alpha = JSON.readTree(api().get("/api/portals/alpha").asString());
        assertThat(alpha.path("source").asText()).isEqualTo("config");
        assertThat(alpha.path("url").asText())
                .isEqualTo(SimulatorResource.portal("alpha").baseUrl());

        assertThat(RestAssured.given().get("/api/portals").statusCode())
                .as("behind the API token")
                .isEqualTo(401);
    }

    /** PUTs a bad portal: 400 naming the field, no secret in the answer; returns the error. */
    private String assertBad(String what, String name, Map<String, String> settings, String field) throws Exception {
        Response answer = api().contentType("application/json")
                .body(JSON.writeValueAsString(settings))
                .put("/api/portals/" + name);
        assertThat(answer.statusCode()).as(what + ": " + answer.asString()).isEqualTo(400);
        JsonNode body = JSON.readTree(answer.asString());
        assertThat(body.path("field").asText()).as(what).isEqualTo(field);
        assertThat(body.path("error").asText()).as(what).startsWith(field + ": ");
        assertThat(answer.asString())
                .as(what)
                .doesNotContain(SimulatorResource.portal(SimulatorResource.API_PORTAL)
                        .webhook()
                        .code());
        return body.path("error").asText();
    }

    private static Map<String, String> settings(BitrixPortal portal) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("url", portal.baseUrl());
        s.put("user-id", String.valueOf(portal.webhook().userId()));
        s.put("token", portal.webhook().code());
        s.put("trust-store-file", SimulatorResource.trustStore().toString());
        s.put("trust-store-password", SimulatorResource.TRUST_STORE_PASSWORD);
        s.put("rate-limit-plan", "none");
        return s;
    }

    private static Map<String, String> with(Map<String, String> s, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(s);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> s, String key) {
        Map<String, String> copy = new LinkedHashMap<>(s);
        copy.remove(key);
        return copy;
    }
}
