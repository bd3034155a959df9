package io.github.b24sip.camel.voximplant;

import io.github.b24sip.camel.CapturedLogs;
import io.github.b24sip.camel.SimulatorTrust;
import io.github.b24sip.camel.voximplant.model.CreateSipRegistrationResult;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.VoximplantConfig;
import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.voximplant.ServiceAccountKey;
import io.github.b24sip.simulator.voximplant.VoximplantAccount;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.URISupport;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A voximplant-sip run with every secret option set (inline service-account credentials with their private key, the
 * legacy API key) and registration passwords, through successes, API errors, network faults, a revoked key and broken
 * credentials: none of the secret values reaches the logs at DEBUG, exception messages, endpoints or logged URIs.
 */
class VoximplantSipSecretsTest {

    private static final long ACCOUNT = 1000001;
    private static final String API_KEY = "apikey-secret-4711";
    private static final String SIP_PASSWORD = "sippassword4711";

    @TempDir
    Path dir;

    /** The messages of what the call throws, with its causes, or "" when it does not throw. */
    private static String message(ThrowingCallable call) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = catchThrowable(call); t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    private static Map<String, Object> registration(String username, String password) {
        return Map.of("sip_username", username, "proxy", "sip.example.com", "password", password);
    }

    @Test
    void noSecretValueAppearsAnywhere() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.create()
                        .voximplant(VoximplantConfig.account(ACCOUNT).apiKey(API_KEY)));
                CapturedLogs logs = CapturedLogs.capture()) {
            VoximplantAccount account = sim.voximplant(ACCOUNT);
            ServiceAccountKey key = account.newServiceAccountKey();
            ServiceAccountKey revoked = account.newServiceAccountKey();
            String pem = key.privateKeyPem();
            List<String> secrets = new ArrayList<>(List.of(API_KEY, SIP_PASSWORD, revoked.privateKeyPem()));
            // the key in any of its forms: the PEM, its base64 body whole, and each of its lines
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            secrets.add(base64);
            Arrays.stream(pem.split("\n"))
                    .filter(l -> !l.startsWith("-----") && l.length() > 16)
                    .forEach(secrets::add);

            CamelContext context = new DefaultCamelContext();
            VoximplantSipComponent component = new VoximplantSipComponent();
            component.getConfiguration().setApiUrl(sim.voximplantApiUrl());
            component.getConfiguration().setCredentials(key.credentialsJson());
            component.getConfiguration().setSslContextParameters(SimulatorTrust.sslContextParameters(sim, dir));
            context.addComponent("voximplant-sip", component);
            // a second instance with no credentials of its own, whose endpoints name theirs: the legacy API key in the
            // URI
            // (a name Camel masks), and credentials files; the key's JSON itself never goes into a URI, because Camel
            // 4.14 masks only its fixed list of names in the URIs it logs, and "credentials" is not on it
            VoximplantSipComponent bare = new VoximplantSipComponent();
            bare.getConfiguration().setApiUrl(sim.voximplantApiUrl());
            bare.getConfiguration()
                    .setSslContextParameters(component.getConfiguration().getSslContextParameters());
            context.addComponent("voximplant-bare", bare);
            Path brokenFile = Files.writeString(
                    dir.resolve("broken.json"), key.credentialsJson().replace(base64.substring(0, 40), ""));
            String legacyUri =
                    "voximplant-bare:getSipRegistrations?accountId=" + ACCOUNT + "&apiKey=RAW(" + API_KEY + ")";
            String revokedUri = "voximplant-bare:createSipRegistration?credentialsFile="
                    + revoked.writeCredentials(dir.resolve("revoked.json"));
            String brokenUri = "voximplant-bare:createSipRegistration?credentialsFile=" + brokenFile;
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:create").routeId("create").to("voximplant-sip:createSipRegistration");
                    from("direct:update").routeId("update").to("voximplant-sip:updateSipRegistration");
                    from("direct:legacy").routeId("legacy").to(legacyUri);
                    from("direct:revoked").routeId("revoked").to(revokedUri);
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            List<String> messages = new ArrayList<>();

            Object created = template.requestBody("direct:create", registration("alice", SIP_PASSWORD));
            messages.add(String.valueOf(created));
            long id = ((CreateSipRegistrationResult) created).sipRegistrationId();
            template.requestBody("direct:update", Map.of("sip_registration_id", id, "password", SIP_PASSWORD + "-2"));
            messages.add(String.valueOf(template.requestBody("direct:legacy", (Object) null)));
            account.faults().next(1, "CreateSipRegistration", Fault.htmlError());
            messages.add(message(() -> template.requestBody("direct:create", registration("bob", SIP_PASSWORD))));
            account.faults().next(1, "CreateSipRegistration", Fault.dropBefore());
            messages.add(message(() -> template.requestBody("direct:create", registration("carol", SIP_PASSWORD))));
            messages.add(message(() -> template.requestBody(
                    "direct:update", Map.of("sip_registration_id", 999999, "password", SIP_PASSWORD))));
            account.revokeKey(revoked.keyId());
            messages.add(message(() -> template.requestBody("direct:revoked", registration("dave", SIP_PASSWORD))));
            // broken credentials stop the route from starting, with a message of their own
            messages.add(message(() -> context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:broken").routeId("broken").to(brokenUri);
                }
            })));
            for (Endpoint e : context.getEndpoints()) {
                messages.add(e.toString());
                messages.add(URISupport.sanitizeUri(e.getEndpointUri()));
                if (e instanceof VoximplantSipEndpoint v) {
                    messages.add(v.getConfiguration().toString());
                }
            }
            messages.add(component.getConfiguration().toString());
            messages.add(sim.journal().entries("voximplant").toString());
            context.stop();

            String everything = logs.all() + "\n" + String.join("\n", messages);
            assertThat(logs.count()).as("the run did log").isPositive();
            assertThat(everything)
                    .as("the calls and failures happened")
                    .contains("alice")
                    .contains("unexpected answer (HTTP 5")
                    .contains("no answer")
                    .contains("private_key is not a PKCS#8 RSA key");
            assertThat(account.registrations())
                    .as("the legacy and JWT routes both reached the account")
                    .isNotEmpty();
            for (String secret : secrets) {
                assertThat(everything).as("a secret leaked").doesNotContain(secret);
            }
            // nor the signed tokens made from the key: no JWT header anywhere
            assertThat(everything).doesNotContain("eyJhbGciOi");
        }
    }
}
