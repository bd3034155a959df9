package io.github.b24sip.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.voximplant.ServiceAccountKey;
import io.github.b24sip.simulator.voximplant.VoximplantAccount;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Voximplant platform_api SIP registration methods, called the way the official clients call them. */
class VoximplantApiTest extends SimulatorTestSupport {

    private static final long ACCOUNT = 1000001;
    private MutableClock clock;
    private VoximplantAccount account;
    private ServiceAccountKey key;

    @BeforeEach
    void startSimulator() {
        clock = MutableClock.startingNow();
        start(SimulatorConfig.create()
                .clock(clock)
                .voximplant(
                        VoximplantConfig.account(ACCOUNT).apiKey("legacy-key").maxRegistrations(3)));
        account = sim.voximplant(ACCOUNT);
        key = account.newServiceAccountKey();
    }

    /** An RS256 JWT as the Node client makes it: iat now, exp iat + 64, kid in the header. */
    private String jwt(Object iss, long iat, long exp) throws Exception {
        String header = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", key.keyId())));
        String payload = b64(JSON.writeValueAsBytes(Map.of("iss", iss, "iat", iat, "exp", exp)));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key.keyPair().getPrivate());
        signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64(signature.sign());
    }

    private String freshJwt() throws Exception {
        long now = clock.millis() / 1000;
        return jwt(ACCOUNT, now, now + 64);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** multipart POST to /platform_api with a cmd field, as Node/Java/Go/PHP send it. */
    private Reply multipart(String token, Map<String, String> fields) {
        String boundary = "----voxBoundary42";
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append("--")
                .append(boundary)
                .append("\r\n")
                .append("Content-Disposition: form-data; name=\"")
                .append(k)
                .append("\"\r\n\r\n")
                .append(v)
                .append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.voximplantApiUrl()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private Reply pathStyle(String method, Map<String, String> params) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(sim.voximplantApiUrl() + "/" + method))
                .header("Authorization", "Bearer " + freshJwt())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)))
                .build());
    }

    private long create(String username, String proxy) throws Exception {
        Reply reply =
                pathStyle("CreateSipRegistration", Map.of("sip_username", username, "proxy", proxy, "password", "pw"));
        assertThat(reply.body().get("result").asInt()).isEqualTo(1);
        return reply.body().get("sip_registration_id").asLong();
    }

    private int errorCode(Reply reply) {
        assertThat(reply.status()).as("API errors come with HTTP 200").isEqualTo(200);
        return reply.body().get("error").get("code").asInt();
    }

    @Test
    void updateSipRegistrationAsTheOfficialClientsSendIt() throws Exception {
        long id = create("alice", "sip.example.com");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("cmd", "UpdateSipRegistration");
        fields.put("account_id", String.valueOf(ACCOUNT));
        fields.put("sip_registration_id", String.valueOf(id));
        fields.put("proxy", "sip2.example.com");
        Reply reply = multipart(freshJwt(), fields);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("result").asInt()).isEqualTo(1);
        assertThat(account.registration(id)).containsEntry("proxy", "sip2.example.com");
        assertThat(sim.journal().entries("voximplant").get(1).method()).isEqualTo("UpdateSipRegistration");
        assertThat(sim.journal().entries("voximplant").get(1).credential()).isEqualTo("jwt:" + ACCOUNT);
    }

    @Test
    void issAsAStringIsAcceptedAsTheJavaClientSendsIt() throws Exception {
        long now = clock.millis() / 1000;
        Reply reply = multipart(jwt(String.valueOf(ACCOUNT), now - 5, now + 55), Map.of("cmd", "GetSipRegistrations"));
        assertThat(reply.body().has("result")).isTrue();
    }

    @Test
    void tokenErrors() throws Exception {
        long now = clock.millis() / 1000;
        assertThat(errorCode(multipart(jwt(ACCOUNT, now, now + 3601), Map.of("cmd", "GetSipRegistrations"))))
                .isEqualTo(454);
        assertThat(errorCode(multipart(jwt(ACCOUNT, now + 30, now + 90), Map.of("cmd", "GetSipRegistrations"))))
                .isEqualTo(455);
        String token = freshJwt();
        clock.advance(Duration.ofSeconds(64));
        assertThat(errorCode(multipart(token, Map.of("cmd", "GetSipRegistrations"))))
                .isEqualTo(456);
        assertThat(errorCode(multipart(jwt(999, now + 64, now + 100), Map.of("cmd", "GetSipRegistrations"))))
                .as("wrong iss")
                .isEqualTo(100);
        assertThat(errorCode(multipart("not.a.jwt", Map.of("cmd", "GetSipRegistrations"))))
                .isEqualTo(100);
        assertThat(errorCode(multipart(null, Map.of("cmd", "GetSipRegistrations"))))
                .isEqualTo(100);
        account.revokeKey(key.keyId());
        assertThat(errorCode(multipart(freshJwt(), Map.of("cmd", "GetSipRegistrations"))))
                .as("unknown kid")
                .isEqualTo(100);
    }

    @Test
    void aTokenSignedByAnotherKeyFails() throws Exception {
        ServiceAccountKey stranger = ServiceAccountKey.generate(ACCOUNT, "x@example.com");
        String good = freshJwt();
        String[] parts = good.split("\\.");
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(stranger.keyPair().getPrivate());
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        String forged = parts[0] + "." + parts[1] + "." + b64(signature.sign());
        assertThat(errorCode(multipart(forged, Map.of("cmd", "GetSipRegistrations"))))
                .isEqualTo(100);
    }

    @Test
    void legacyAccountIdAndApiKeyInTheQuery() {
        Reply ok = get(sim.voximplantApiUrl() + "/GetSipRegistrations?account_id=" + ACCOUNT + "&api_key=legacy-key");
        assertThat(ok.body().has("result")).isTrue();
        assertThat(errorCode(
                        get(sim.voximplantApiUrl() + "/GetSipRegistrations?account_id=" + ACCOUNT + "&api_key=nope")))
                .isEqualTo(100);
    }

    @Test
    void missingAndUnknownCommands() throws Exception {
        assertThat(errorCode(multipart(freshJwt(), Map.of("foo", "bar")))).isEqualTo(102);
        assertThat(errorCode(multipart(freshJwt(), Map.of("cmd", "FrobnicateSipRegistration"))))
                .isEqualTo(103);
    }

    @Test
    void createRequiresUsernameAndProxyAndStopsAtTheLimit() throws Exception {
        assertThat(errorCode(pathStyle("CreateSipRegistration", Map.of("proxy", "p"))))
                .isEqualTo(134);
        assertThat(errorCode(pathStyle("CreateSipRegistration", Map.of("sip_username", "u"))))
                .isEqualTo(134);
        create("a", "p");
        create("b", "p");
        create("c", "p");
        assertThat(errorCode(pathStyle("CreateSipRegistration", Map.of("sip_username", "d", "proxy", "p"))))
                .isEqualTo(272);
    }

    @Test
    void parameterRulesOfPairsAndBindings() throws Exception {
        long id = create("a", "p");
        String sid = String.valueOf(id);
        assertThat(errorCode(pathStyle(
                        "UpdateSipRegistration",
                        Map.of(
                                "sip_registration_id",
                                sid,
                                "application_id",
                                "10",
                                "application_name",
                                "sip.demo.voximplant.com"))))
                .isEqualTo(458);
        assertThat(errorCode(pathStyle("UpdateSipRegistration", Map.of("sip_registration_id", sid, "user_id", "30"))))
                .isEqualTo(101);
        assertThat(errorCode(pathStyle(
                        "UpdateSipRegistration", Map.of("sip_registration_id", sid, "application_id", "999"))))
                .isEqualTo(116);
        assertThat(errorCode(pathStyle(
                        "UpdateSipRegistration",
                        Map.of("sip_registration_id", sid, "application_id", "10", "user_id", "999"))))
                .isEqualTo(117);
        account.addApplication(11, "other.app");
        assertThat(errorCode(pathStyle(
                        "UpdateSipRegistration",
                        Map.of("sip_registration_id", sid, "application_id", "11", "user_id", "30"))))
                .isEqualTo(393);
        assertThat(errorCode(pathStyle("UpdateSipRegistration", Map.of("sip_registration_id", "424242"))))
                .isEqualTo(275);
        assertThat(errorCode(pathStyle("UpdateSipRegistration", Map.of("proxy", "x"))))
                .isEqualTo(134);
        assertThat(errorCode(pathStyle("DeleteSipRegistration", Map.of()))).isEqualTo(134);
    }

    @Test
    void bindAndUnbindAUserHasOneRegistration() throws Exception {
        long first = create("a", "p");
        long second = create("b", "p");
        assertThat(pathStyle(
                                "BindSipRegistration",
                                Map.of(
                                        "sip_registration_id",
                                        String.valueOf(first),
                                        "application_id",
                                        "10",
                                        "user_id",
                                        "30"))
                        .body()
                        .get("result")
                        .asInt())
                .isEqualTo(1);
        assertThat(account.registration(first))
                .containsEntry("user_id", 30L)
                .containsEntry("application_name", "sip.demo.voximplant.com");
        pathStyle(
                "BindSipRegistration",
                Map.of(
                        "sip_registration_id",
                        String.valueOf(second),
                        "application_id",
                        "10",
                        "user_id",
                        "30",
                        "bind",
                        "true"));
        assertThat(account.registration(first)).doesNotContainKey("user_id");
        assertThat(account.registration(second)).containsEntry("user_id", 30L);
        assertThat(errorCode(pathStyle("BindSipRegistration", Map.of("application_id", "10"))))
                .as("bind=true needs an id")
                .isEqualTo(134);
        pathStyle("BindSipRegistration", Map.of("application_id", "10", "user_id", "30", "bind", "false"));
        assertThat(account.registration(second)).doesNotContainKey("user_id");
    }

    @Test
    void aUserIsUnboundFromEveryRegistrationWithUserIdAndBindFalseAloneAsTheOfficialExample() throws Exception {
        long id = create("a", "sip.example.com");
        pathStyle(
                "BindSipRegistration",
                Map.of("sip_registration_id", String.valueOf(id), "application_id", "10", "user_id", "30"));
        Reply reply = pathStyle("BindSipRegistration", Map.of("user_id", "30", "bind", "false"));
        assertThat(reply.body().has("error")).as(reply.text()).isFalse();
        assertThat(reply.body().get("result").asInt()).isEqualTo(1);
        assertThat(account.registration(id)).doesNotContainKey("user_id");
        assertThat(errorCode(pathStyle(
                        "BindSipRegistration",
                        Map.of("user_id", "30", "bind", "true", "sip_registration_id", String.valueOf(id)))))
                .as("binding still needs the application")
                .isEqualTo(101);
    }

    @Test
    void createAnswersWithTheAccountInfoTheClientsModel() throws Exception {
        JsonNode body = pathStyle("CreateSipRegistration", Map.of("sip_username", "a", "proxy", "sip.example.com"))
                .body();
        assertThat(body.get("account_info").get("account_id").asLong()).isEqualTo(ACCOUNT);
        assertThat(body.get("account_info").has("balance")).isTrue();
    }

    /** Starts the simulator again with this account, for a test that needs other settings. */
    private void restartWith(VoximplantConfig config) {
        sim.close();
        clock = MutableClock.startingNow();
        start(SimulatorConfig.create().clock(clock).voximplant(config));
        account = sim.voximplant(ACCOUNT);
        key = account.newServiceAccountKey();
    }

    @Test
    void getReturnsAtMostTheServersPageSizeWhateverCountAsks() throws Exception {
        restartWith(VoximplantConfig.account(ACCOUNT).maxPageSize(7));
        for (int i = 0; i < 10; i++) {
            create("u" + i, "sip.example.com");
        }
        assertThat(pathStyle("GetSipRegistrations", Map.of("count", "100"))
                        .body()
                        .get("result"))
                .hasSize(7);
        assertThat(pathStyle("GetSipRegistrations", Map.of("count", "100", "offset", "7"))
                        .body()
                        .get("result"))
                .hasSize(3);
    }

    @Test
    void getPagesWithCountAndOffsetAndFilters() throws Exception {
        restartWith(VoximplantConfig.account(ACCOUNT).maxRegistrations(100));
        for (int i = 0; i < 25; i++) {
            create("user" + i, i % 5 == 0 ? "pbx.example.invalid" : "sip.example.com");
        }
        Reply firstPage = pathStyle("GetSipRegistrations", Map.of());
        assertThat(firstPage.body().get("result")).hasSize(20);
        assertThat(firstPage.body().get("count").asInt()).isEqualTo(20);
        Reply rest = pathStyle("GetSipRegistrations", Map.of("count", "20", "offset", "20"));
        assertThat(rest.body().get("result")).hasSize(5);
        assertThat(pathStyle("GetSipRegistrations", Map.of("in_progress", "true", "count", "100"))
                        .body()
                        .get("result"))
                .hasSize(25);
        clock.advance(Duration.ofMinutes(1));
        assertThat(pathStyle("GetSipRegistrations", Map.of("successful", "True", "count", "100"))
                        .body()
                        .get("result"))
                .hasSize(20);
        assertThat(pathStyle("GetSipRegistrations", Map.of("status_code", "401;404:499", "count", "100"))
                        .body()
                        .get("result"))
                .hasSize(5);
        assertThat(pathStyle("GetSipRegistrations", Map.of("proxy", "pbx.example.invalid;nothing", "count", "100"))
                        .body()
                        .get("result"))
                .hasSize(5);
        JsonNode one = pathStyle("GetSipRegistrations", Map.of("sip_username", "user1"))
                .body()
                .get("result")
                .get(0);
        assertThat(one.get("successful").asBoolean()).isTrue();
        assertThat(one.get("status_code").asInt()).isEqualTo(200);
        assertThat(one.get("subscription_price").isTextual()).isTrue();
        assertThat(one.get("purchase_date").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(one.get("is_persistent").asBoolean()).isTrue();
        assertThat(one.has("password")).as("the password is never listed").isFalse();
    }

    @Test
    void deleteRemovesTheRegistration() throws Exception {
        long id = create("a", "p");
        assertThat(pathStyle("DeleteSipRegistration", Map.of("sip_registration_id", String.valueOf(id)))
                        .body()
                        .get("result")
                        .asInt())
                .isEqualTo(1);
        assertThat(account.registrations()).isEmpty();
        assertThat(errorCode(pathStyle("DeleteSipRegistration", Map.of("sip_registration_id", String.valueOf(id)))))
                .isEqualTo(275);
    }

    @Test
    void credentialsFileHelperWritesAUsablePkcs8Key(@TempDir Path dir) throws Exception {
        Path file = key.writeCredentials(dir.resolve("credentials.json"));
        JsonNode credentials = JSON.readTree(Files.readString(file));
        assertThat(credentials.get("account_id").asLong()).isEqualTo(ACCOUNT);
        assertThat(credentials.get("key_id").asText()).isEqualTo(key.keyId());
        String pem = credentials.get("private_key").asText();
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        PrivateKey loaded = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder()
                        .decode(pem.replace("-----BEGIN PRIVATE KEY-----", "")
                                .replace("-----END PRIVATE KEY-----", ""))));
        assertThat(loaded.getEncoded()).isEqualTo(key.keyPair().getPrivate().getEncoded());
        assertThat(key.toString()).doesNotContain(pem.substring(40, 80));
    }

    @Test
    void faultsApplyToTheVoximplantApiToo() throws Exception {
        account.faults().next(1, "CreateSipRegistration", Fault.dropAfter());
        assertThat(Assertions.catchThrowable(() -> create("dup", "p"))).isInstanceOf(TransportFailure.class);
        assertThat(account.registrations())
                .as("created although the answer was lost")
                .hasSize(1);
    }
}
