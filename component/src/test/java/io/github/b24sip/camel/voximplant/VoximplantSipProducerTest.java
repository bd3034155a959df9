package io.github.b24sip.camel.voximplant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.camel.SimulatorTrust;
import io.github.b24sip.camel.voximplant.client.JwtSigner;
import io.github.b24sip.camel.voximplant.client.PlatformApiClient;
import io.github.b24sip.camel.voximplant.client.ServiceAccountCredentials;
import io.github.b24sip.camel.voximplant.model.CreateSipRegistrationResult;
import io.github.b24sip.camel.voximplant.model.SipRegistration;
import io.github.b24sip.simulator.MutableClock;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.VoximplantConfig;
import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.voximplant.ServiceAccountKey;
import io.github.b24sip.simulator.voximplant.VoximplantAccount;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** voximplant-sip against the simulator's platform_api over HTTPS. */
class VoximplantSipProducerTest {

    private static final long ACCOUNT = 1000001;

    @TempDir
    Path dir;

    private Simulator sim;
    private VoximplantAccount account;
    private ServiceAccountKey key;
    private CamelContext context;
    private ProducerTemplate template;

    private void start(MutableClock clock, Consumer<VoximplantSipConfiguration> extra) throws Exception {
        start(clock, a -> {}, extra);
    }

    private void start(
            MutableClock clock, Consumer<VoximplantConfig> accountConfig, Consumer<VoximplantSipConfiguration> extra)
            throws Exception {
        VoximplantConfig voximplant =
                VoximplantConfig.account(ACCOUNT).apiKey("legacy-key").maxRegistrations(400);
        accountConfig.accept(voximplant);
        SimulatorConfig config = SimulatorConfig.create().voximplant(voximplant);
        sim = Simulator.start(clock == null ? config : config.clock(clock));
        account = sim.voximplant(ACCOUNT);
        key = account.newServiceAccountKey();
        context = new DefaultCamelContext();
        VoximplantSipComponent component = new VoximplantSipComponent();
        VoximplantSipConfiguration c = component.getConfiguration();
        c.setApiUrl(sim.voximplantApiUrl());
        c.setCredentialsFile(
                key.writeCredentials(dir.resolve("credentials.json")).toString());
        c.setSslContextParameters(SimulatorTrust.sslContextParameters(sim, dir));
        extra.accept(c);
        context.addComponent("voximplant-sip", component);
        context.start();
        template = context.createProducerTemplate();
    }

    private void start() throws Exception {
        start(null, c -> {});
    }

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.stop();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private long create(String username) {
        return template.requestBody(
                        "voximplant-sip:createSipRegistration",
                        Map.of("sip_username", username, "proxy", "sip.example.com", "password", "pw"),
                        CreateSipRegistrationResult.class)
                .sipRegistrationId();
    }

    private VoximplantSipException failure(String uri, Object body) {
        Throwable thrown = catchThrowable(() -> template.requestBody(uri, body));
        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(VoximplantSipException.class);
        return (VoximplantSipException) thrown.getCause();
    }

    @Test
    void seed003UpdateSipRegistrationThroughARoute() throws Exception {
        start();
        long id = create("alice");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:x").to("voximplant-sip:updateSipRegistration");
            }
        });
        Object result =
                template.requestBody("direct:x", Map.of("sip_registration_id", id, "proxy", "sip2.example.com"));
        assertThat(result).isEqualTo(true);
        assertThat(account.registration(id)).containsEntry("proxy", "sip2.example.com");
        var sent = sim.journal().entries("voximplant").get(1);
        assertThat(sent.method()).isEqualTo("UpdateSipRegistration");
        assertThat(sent.credential()).isEqualTo("jwt:" + ACCOUNT);
        assertThat(sent.params())
                .containsEntry("sip_registration_id", String.valueOf(id))
                .containsEntry("proxy", "sip2.example.com");
    }

    @Test
    void eachOperationOnTheWireWithTypedResults() throws Exception {
        start();
        long id = create("bob");
        assertThat(sim.journal().entries("voximplant").get(0).params())
                .containsEntry("sip_username", "bob")
                .containsEntry("password", "***");
        assertThat(template.requestBodyAndHeader(
                        "voximplant-sip:bindSipRegistration",
                        Map.of("application_id", 10, "user_id", 30, "bind", true),
                        VoximplantSipConstants.SIP_REGISTRATION_ID,
                        id))
                .isEqualTo(true);
        assertThat(sim.journal().entries("voximplant").get(1).params())
                .containsEntry("bind", "true")
                .containsEntry("sip_registration_id", String.valueOf(id));
        @SuppressWarnings("unchecked")
        List<SipRegistration> all = template.requestBody("voximplant-sip:getSipRegistrations", null, List.class);
        SipRegistration r = all.get(0);
        assertThat(r.sipRegistrationId()).isEqualTo(id);
        assertThat(r.userId()).isEqualTo(30L);
        assertThat(r.applicationName()).isEqualTo("sip.demo.voximplant.com");
        assertThat(r.purchaseDate()).isNotNull();
        assertThat(r.nextSubscriptionRenewal()).isNotNull();
        assertThat(r.isPersistent()).isTrue();
        assertThat(r.subscriptionPrice()).isNotBlank();
        assertThat(template.requestBody("voximplant-sip:deleteSipRegistration", Map.of("sip_registration_id", id)))
                .isEqualTo(true);
        assertThat(account.registrations()).isEmpty();
        assertThat(template.requestBodyAndHeader(
                        "voximplant-sip:getSipRegistrations",
                        null,
                        VoximplantSipConstants.OPERATION,
                        "getSipRegistrations"))
                .asList()
                .isEmpty();
    }

    @Test
    void getFollowsCountAndOffsetThroughAllPagesUnlessToldOtherwise() throws Exception {
        start();
        for (int i = 0; i < 250; i++) {
            create("u" + i);
        }
        sim.journal().clear();
        assertThat(template.requestBody("voximplant-sip:getSipRegistrations", null, List.class))
                .hasSize(250);
        assertThat(sim.journal().entries("voximplant"))
                .as("until a page comes back empty")
                .extracting(e -> e.params().get("offset"))
                .containsExactly("0", "100", "200", "250");
        assertThat(template.requestBody(
                        "voximplant-sip:getSipRegistrations", Map.of("count", 10, "offset", 245), List.class))
                .hasSize(5);
        assertThat(template.requestBody("voximplant-sip:getSipRegistrations", "{\"sip_username\":\"u7\"}", List.class))
                .hasSize(1);
    }

    @Test
    void getPagesUntilAnEmptyPageWhenTheServerReturnsFewerRowsThanAsked() throws Exception {
        start(null, a -> a.maxPageSize(7), c -> {});
        for (int i = 0; i < 20; i++) {
            create("u" + i);
        }
        sim.journal().clear();
        List<SipRegistration> all = template.requestBody("voximplant-sip:getSipRegistrations", null, List.class);
        assertThat(all).hasSize(20);
        assertThat(sim.journal().entries("voximplant"))
                .extracting(e -> e.params().get("offset"))
                .containsExactly("0", "7", "14", "20");
    }

    @Test
    void aUserIsUnboundEverywhereWithUserIdAndBindFalseAlone() throws Exception {
        start();
        long id = create("bound");
        template.requestBody(
                "voximplant-sip:bindSipRegistration",
                Map.of("sip_registration_id", id, "application_id", 10, "user_id", 30));
        assertThat(account.registration(id)).containsEntry("user_id", 30L);
        assertThat(template.requestBody(
                        "voximplant-sip:bindSipRegistration", Map.of("user_id", 30, "bind", false), Boolean.class))
                .isTrue();
        assertThat(account.registration(id)).doesNotContainKey("user_id");
        assertThat(failure(
                                "voximplant-sip:bindSipRegistration",
                                Map.of("user_id", 30, "bind", true, "sip_registration_id", id))
                        .getMessage())
                .as("binding a user still needs its application")
                .contains("application_id");
    }

    @Test
    void createKeepsTheAccountInfoOfTheAnswer() throws Exception {
        start();
        CreateSipRegistrationResult result = template.requestBody(
                "voximplant-sip:createSipRegistration",
                Map.of("sip_username", "info", "proxy", "sip.example.com"),
                CreateSipRegistrationResult.class);
        assertThat(result.sipRegistrationId()).isPositive();
        assertThat(result.accountInfo()).isNotNull();
        assertThat(result.accountInfo().accountId()).isEqualTo(ACCOUNT);
        assertThat(result.accountInfo().currency()).isNotBlank();
    }

    @Test
    void aDeleteWhoseAnswerWasLostSucceedsWhenTheRetryFindsTheIdGone() throws Exception {
        start();
        long id = create("gone");
        account.faults().next(1, "DeleteSipRegistration", Fault.dropAfter());
        assertThat(template.requestBody(
                        "voximplant-sip:deleteSipRegistration", Map.of("sip_registration_id", id), Boolean.class))
                .isTrue();
        assertThat(account.registrations()).isEmpty();
        assertThat(sim.journal().countRequests("voximplant", "DeleteSipRegistration"))
                .isEqualTo(2);
        assertThat(failure("voximplant-sip:deleteSipRegistration", Map.of("sip_registration_id", id))
                        .getCode())
                .as("a first attempt that finds nothing is still an error")
                .isEqualTo(275);
    }

    @Test
    void parameterRulesAreCheckedBeforeSending() throws Exception {
        start();
        assertThat(failure("voximplant-sip:updateSipRegistration", Map.of("proxy", "p"))
                        .getMessage())
                .contains("sip_registration_id is required");
        VoximplantSipException missing = failure("voximplant-sip:createSipRegistration", Map.of("sip_username", "x"));
        assertThat(missing).isInstanceOf(VoximplantSipValidationException.class);
        assertThat(((VoximplantSipValidationException) missing).getField()).isEqualTo("proxy");
        assertThat(((VoximplantSipValidationException) failure("voximplant-sip:getSipRegistrations", "[1, 2]"))
                        .getField())
                .isEqualTo("body");
        assertThat(failure("voximplant-sip:deleteSipRegistration", Map.of()).getMessage())
                .contains("sip_registration_id");
        assertThat(failure("voximplant-sip:bindSipRegistration", Map.of("application_id", 10))
                        .getMessage())
                .contains("sip_registration_id");
        assertThat(failure(
                                "voximplant-sip:updateSipRegistration",
                                Map.of("sip_registration_id", 1, "user_id", 30, "user_name", "operator"))
                        .getMessage())
                .contains("user_id and user_name: give only one of them");
        assertThat(failure("voximplant-sip:updateSipRegistration", Map.of("sip_registration_id", 1, "rule_id", 20))
                        .getMessage())
                .contains("application_id or application_name is required");
        assertThat(failure("voximplant-sip:createSipRegistration", Map.of("proxy", "p"))
                        .getMessage())
                .contains("sip_username is required");
        assertThat(failure("voximplant-sip:createSipRegistration", Map.of("sipUsername", "x", "proxy", "p"))
                        .getMessage())
                .contains("sipUsername");
        assertThat(sim.journal().entries("voximplant")).as("nothing was sent").isEmpty();
        // bind=false with only a user is allowed: it unbinds that user everywhere
        assertThat(template.requestBody(
                        "voximplant-sip:bindSipRegistration",
                        Map.of("application_id", 10, "user_id", 30, "bind", false)))
                .isEqualTo(true);
        // lists are joined with ';'
        template.requestBody(
                "voximplant-sip:getSipRegistrations",
                Map.of("proxy", List.of("a.example.com", "b.example.com")),
                List.class);
        assertThat(sim.journal().entries("voximplant").get(1).params())
                .containsEntry("proxy", "a.example.com;b.example.com");
    }

    @Test
    void apiErrorsBecomeTheExceptionWithTheirCode() throws Exception {
        start();
        VoximplantSipException unknown =
                failure("voximplant-sip:deleteSipRegistration", Map.of("sip_registration_id", 424242));
        assertThat(unknown.getCode()).isEqualTo(275);
        assertThat(unknown.getHttpResponseCode()).isEqualTo(200);
        assertThat(unknown.getMessage()).contains("275", "DeleteSipRegistration");
        VoximplantSipException badUser = failure(
                "voximplant-sip:createSipRegistration",
                Map.of("sip_username", "x", "proxy", "p", "application_id", 10, "user_id", 999));
        assertThat(badUser.getCode()).isEqualTo(117);
    }

    @Test
    void theTokenIsSignedOnceForManyCallsAndVerifiesWithThePublicKey() throws Exception {
        start();
        for (int i = 0; i < 10; i++) {
            template.requestBody("voximplant-sip:getSipRegistrations", null, List.class);
        }
        VoximplantSipEndpoint endpoint =
                context.getEndpoint("voximplant-sip:getSipRegistrations", VoximplantSipEndpoint.class);
        JwtSigner signer = endpoint.client().signer();
        assertThat(signer.signatures()).isEqualTo(1);

        String token = signer.token();
        String[] parts = token.split("\\.");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key.keyPair().getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("kid").asText()).isEqualTo(key.keyId());
        assertThat(claims.get("iss").isNumber()).isTrue();
        assertThat(claims.get("iss").asLong()).isEqualTo(ACCOUNT);
        long now = System.currentTimeMillis() / 1000;
        assertThat(claims.get("iat").asLong()).as("a few seconds in the past").isBetween(now - 70, now - 5);
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong())
                .isEqualTo(65)
                .isLessThanOrEqualTo(3600);
    }

    @Test
    void aTokenRejectedAsExpiredIsSignedAgainOnce() throws Exception {
        MutableClock server = MutableClock.startingNow();
        start(server, c -> {});
        MutableClock local = new MutableClock(server.instant());
        JwtSigner signer =
                new JwtSigner(ServiceAccountCredentials.fromJson(key.credentialsJson()), Duration.ofSeconds(60), local);
        HttpClient http =
                HttpClient.newBuilder().sslContext(sim.tls().clientSslContext()).build();
        PlatformApiClient client = new PlatformApiClient(
                URI.create(sim.voximplantApiUrl()), signer, null, null, http, Duration.ofSeconds(5), 3);
        assertThat(client.call("GetSipRegistrations", Map.of(), true).has("result"))
                .isTrue();
        // the cached token (exp = start + 60) looks fine here (start + 49) but the server is already past it
        local.advance(Duration.ofSeconds(49));
        server.advance(Duration.ofSeconds(61));
        assertThat(client.call("GetSipRegistrations", Map.of(), true).has("result"))
                .isTrue();
        assertThat(signer.signatures()).isEqualTo(2);
        assertThat(sim.journal().entries("voximplant"))
                .extracting(e -> e.errorCode())
                .containsExactly(null, "456", null);
        // the second token (signed at start + 49, exp start + 109) is renewed by the signer itself within 5 s of expiry
        local.advance(Duration.ofSeconds(56));
        server.advance(Duration.ofSeconds(56));
        client.call("GetSipRegistrations", Map.of(), true);
        assertThat(signer.signatures()).isEqualTo(3);
        assertThat(sim.journal().entries("voximplant")).hasSize(4);
    }

    @Test
    void aClockFarFromTheServersGivesTheTokenErrorAfterOneRenewal() throws Exception {
        MutableClock server = MutableClock.startingNow();
        server.advance(Duration.ofHours(1));
        start(server, c -> {});
        VoximplantSipException expired = failure("voximplant-sip:getSipRegistrations", null);
        assertThat(expired)
                .as("refused again after a renewal: the credentials' kind")
                .isInstanceOf(VoximplantSipAuthenticationException.class);
        assertThat(expired.getCode()).isEqualTo(456);
        assertThat(sim.journal().entries("voximplant")).hasSize(2);
        server.advance(Duration.ofHours(-2));
        assertThat(failure("voximplant-sip:getSipRegistrations", null).getCode())
                .isEqualTo(455);
    }

    @Test
    void legacyAccountIdAndApiKey() throws Exception {
        start(null, c -> {
            c.setCredentialsFile(null);
            c.setAccountId(String.valueOf(ACCOUNT));
            c.setApiKey("legacy-key");
        });
        create("legacy");
        assertThat(sim.journal().entries("voximplant").get(0).credential()).isEqualTo("api_key:" + ACCOUNT);
        assertThat(sim.journal().entries("voximplant").get(0).params()).containsEntry("api_key", "***");
    }

    @Test
    void readsAreRetriedButCreateIsNeverResent() throws Exception {
        start();
        account.faults().next(2, "GetSipRegistrations", Fault.http500());
        assertThat(template.requestBody("voximplant-sip:getSipRegistrations", null, List.class))
                .isEmpty();
        assertThat(sim.journal().countRequests("voximplant", "GetSipRegistrations"))
                .isEqualTo(3);
        account.faults().next(1, "CreateSipRegistration", Fault.dropAfter());
        VoximplantSipException lost =
                failure("voximplant-sip:createSipRegistration", Map.of("sip_username", "x", "proxy", "p"));
        assertThat(lost).isInstanceOf(VoximplantSipTransportException.class);
        assertThat(lost.getCode()).isEqualTo(VoximplantSipException.NOT_AN_API_ERROR);
        assertThat(sim.journal().countRequests("voximplant", "CreateSipRegistration"))
                .isEqualTo(1);
        assertThat(account.registrations())
                .as("it ran; the caller decides what to do")
                .hasSize(1);
    }

    @Test
    void credentialsAreExactlyOneKindAndNeverPrinted() throws Exception {
        start();
        assertThat(catchThrowable(() -> context.getEndpoint("voximplant-sip:getSipRegistrations?apiKey=k&accountId=1")))
                .rootCause()
                .hasMessageContaining("exactly one");
        assertThat(catchThrowable(() -> context.getEndpoint("voximplant-sip:frobnicate")))
                .rootCause()
                .hasMessageContaining("frobnicate");
        ServiceAccountCredentials credentials = ServiceAccountCredentials.fromJson(key.credentialsJson());
        assertThat(credentials.toString()).doesNotContain(key.privateKeyPem().substring(40, 80));
        assertThat(catchThrowable(() -> ServiceAccountCredentials.fromJson(
                        "{\"account_id\":1,\"key_id\":\"k\",\"private_key\":\"nope\"}")))
                .hasMessageContaining("private_key")
                .hasMessageNotContaining("nope");
    }
}
