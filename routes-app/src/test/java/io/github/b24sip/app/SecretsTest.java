package io.github.b24sip.app;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret leaves the app. Every secret option has a value unique to the run: the webhook tokens, the OAuth portal's
 * client secret and its access and refresh tokens (and those the refresh rotates in mid-run), the trust store and JMS
 * passwords, the API token, and line passwords in CSV rows and commands. After CSV files, Kafka commands (one of them
 * invalid), an OAuth token refresh, status polling and a portal added through the API, none of them (nor the secrets
 * key) is in the log (from start-up, at DEBUG for the app and the component), the reports and reasons, the results
 * and dead letters, metrics, /api/lines, /api/portals, the page, or the files left at rest (the portal file, the
 * token file).
 */
@QuarkusTest
class SecretsTest extends AppTestSupport {

    /** Every record logged in this JVM (the app runs in it) while the test runs, as it would be printed. */
    private static final class CapturedLog extends Handler {
        private final StringBuffer text = new StringBuffer();
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            text.append(format.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @Test
    void noSecretAppearsAnywhere() throws Exception {
        CapturedLog captured = new CapturedLog();
        captured.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(captured);
        try {
            runAndCheck(captured);
        } finally {
            Logger.getLogger("").removeHandler(captured);
        }
    }

    private void runAndCheck(CapturedLog captured) throws Exception {
        String prefix = unique("secret");
        String csvPassword = "csv-pw-" + prefix;
        String commandPassword = "cmd-pw-" + prefix;
        String name = prefix + ".csv";
        drop(
                name,
                "portal,title,type,server,login,password\n"
                        + "alpha," + prefix + "-cloud,cloud,sip.example.com,acc-9," + csvPassword + "\n"
                        + "alpha," + prefix + "-long,office,pbx.example.com,1," + "x".repeat(101) + csvPassword + "\n");
        awaitMoved(name, "done");

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(
                    "sip-line-commands",
                    "beta",
                    KafkaCommandsTest.command(prefix + "-ok", "upsert", "beta", prefix + "-cmd", "pbx.example.com")
                            .replace("kafka-secret-" + prefix + "-ok", commandPassword)));
            producer.send(new ProducerRecord<>(
                    "sip-line-commands",
                    "beta",
                    "{\"id\":\"" + prefix + "-bad\",\"line\":{\"password\":\"" + commandPassword + "\"")); // not JSON
        }
        var results = KafkaCommandsTest.readUntil(
                "sip-line-results", r -> r.stream().anyMatch(x -> x.value().contains(prefix + "-ok")));
        var dead = KafkaCommandsTest.readUntil(
                "sip-line-commands-dlq", r -> r.stream().anyMatch(x -> x.value().contains(prefix + "-bad")));

        // a Voximplant account: a registrations file and a registration command, each with a password
        String registrationPassword = "reg-pw-" + prefix;
        String registrationCommandPassword = "regcmd-pw-" + prefix;
        String registrationsFile = prefix + "-registrations.csv";
        drop(
                registrationsFile,
                "account,sip_username,proxy,password\n" + SimulatorResource.VOX + "," + prefix
                        + "-reg,sip.carrier.example," + registrationPassword + "\n");
        awaitMoved(registrationsFile, "done");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(
                    "sip-line-commands",
                    SimulatorResource.VOX,
                    "{\"id\":\"" + prefix + "-regcmd\",\"kind\":\"registration\",\"action\":\"upsert\",\"account\":\""
                            + SimulatorResource.VOX + "\",\"registration\":{\"sip_username\":\"" + prefix
                            + "-regcmd\",\"proxy\":\"sip.carrier.example\",\"password\":\""
                            + registrationCommandPassword
                            + "\"}}"));
        }
        var registrationResults = KafkaCommandsTest.readUntil(
                "sip-line-results", r -> r.stream().anyMatch(x -> x.value().contains(prefix + "-regcmd")));
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> api().get("/api/registrations")
                        .then()
                        .extract()
                        .asString()
                        .contains(prefix + "-reg"));

        // the OAuth portal: a line, then its access token expires, and the next file makes the app refresh it
        String oauth = SimulatorResource.OAUTH_PORTAL;
        var tokens = SimulatorResource.simulator().oauth().tokens();
        String first = prefix + "-oauth1.csv";
        drop(
                first,
                "portal,title,type,server,login,password\n" + oauth + "," + prefix + "-o1,cloud,sip.example.com,o1,"
                        + csvPassword + "\n");
        awaitMoved(first, "done");
        long refreshes = tokens.refreshCount();
        SimulatorResource.portal(oauth).expireAccessTokens();
        String second = prefix + "-oauth2.csv";
        drop(
                second,
                "portal,title,type,server,login,password\n" + oauth + "," + prefix + "-o2,office,pbx.example.com,o2,"
                        + csvPassword + "\n");
        awaitMoved(second, "done");
        assertThat(tokens.refreshCount())
                .as("the app refreshed the OAuth token")
                .isGreaterThan(refreshes);
        assertThat(linesStartingWith(oauth, prefix)).hasSize(2);
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> api().get("/api/lines").then().extract().asString().contains(prefix + "-cloud"));

        // a portal added through the API: its webhook code and trust store password are write-only and sealed at rest
        var epsilon = SimulatorResource.portal(SimulatorResource.API_PORTAL);
        String apiPortal = "secrets-api";
        String body = JSON.writeValueAsString(Map.of(
                "url", epsilon.baseUrl(),
                "user-id", String.valueOf(epsilon.webhook().userId()),
                "token", epsilon.webhook().code(),
                "trust-store-file", SimulatorResource.trustStore().toString(),
                "trust-store-password", SimulatorResource.TRUST_STORE_PASSWORD,
                "rate-limit-plan", "none"));
        String portalAnswers;
        String portalFile;
        try {
            portalAnswers = api().contentType("application/json")
                            .body(body)
                            .put("/api/portals/" + apiPortal)
                            .asString()
                    + api().get("/api/portals").asString()
                    + api().get("/api/portals/" + apiPortal).asString();
            portalFile = Files.readString(
                    SimulatorResource.workDir().resolve("portals").resolve(apiPortal + ".json"));
        } finally {
            api().delete("/api/portals/" + apiPortal);
        }
        assertThat(portalAnswers).contains(apiPortal);
        assertThat(portalFile).contains("sealed:v1:");

        // the service account's private key: its PEM body, a line of it, as it would appear in any text
        String privateKey = SimulatorResource.voxKey().privateKeyPem();
        String privateKeyLine = privateKey
                .lines()
                .filter(l -> !l.startsWith("-----") && l.length() > 40)
                .findFirst()
                .orElseThrow();
        List<String> secrets = new ArrayList<>(List.of(
                privateKeyLine,
                registrationPassword,
                registrationCommandPassword,
                SimulatorResource.SECRETS_KEY,
                csvPassword,
                commandPassword,
                SimulatorResource.API_TOKEN,
                SimulatorResource.CLIENT_SECRET,
                SimulatorResource.TRUST_STORE_PASSWORD,
                SimulatorResource.JMS_PASSWORD));
        for (String portal : SimulatorResource.PORTALS) {
            secrets.add(SimulatorResource.portal(portal).webhook().code());
        }
        List<String> oauthTokens = tokens.issuedTokens(oauth);
        assertThat(oauthTokens)
                .as("the configured pair and at least one rotated pair")
                .hasSizeGreaterThanOrEqualTo(4);
        secrets.addAll(oauthTokens);
        StringBuilder exposed = new StringBuilder();
        String log = captured.text.toString();
        assertThat(log)
                .as("the live log, at DEBUG for the app and the component")
                .contains(name)
                .contains("Kafka command dead-lettered");
        exposed.append(log);
        String logFile = Files.readString(SimulatorResource.logFile());
        assertThat(logFile)
                .as("the log file, from start-up on")
                .contains("Apache Camel")
                .contains(first);
        exposed.append(logFile);
        // what the app writes: the reports, and the reasons beside refused files (the files themselves are the input)
        try (Stream<Path> files = Stream.concat(
                Files.list(inbox().resolve("reports")),
                Files.isDirectory(inbox().resolve("error")) ? Files.list(inbox().resolve("error")) : Stream.empty())) {
            for (Path file : files.filter(f ->
                            f.toString().contains(".report.") || f.toString().endsWith(".reason.txt"))
                    .toList()) {
                exposed.append(Files.readString(file));
            }
        }
        results.forEach(r -> exposed.append(r.value()));
        registrationResults.forEach(r -> exposed.append(r.value()));
        exposed.append(api().get("/api/registrations").then().extract().asString());
        dead.forEach(r -> r.headers().forEach(h -> exposed.append(new String(h.value(), StandardCharsets.UTF_8))));
        exposed.append(api().get("/q/metrics").then().extract().asString());
        exposed.append(api().get("/api/lines").then().extract().asString());
        exposed.append(api().get("/").then().extract().asString());
        // and what the app leaves at rest: the portal file, the OAuth portal's token file
        exposed.append(portalAnswers).append(portalFile);
        String tokenFile =
                Files.readString(SimulatorResource.workDir().resolve("tokens").resolve(oauth + ".json"));
        assertThat(tokenFile).contains("sealed:v1:");
        exposed.append(tokenFile);

        assertThat(exposed)
                .contains(prefix + "-reg@sip.carrier.example")
                .contains(prefix + "-regcmd")
                .contains(prefix + "-cloud")
                .contains(prefix + "-cmd")
                .contains(prefix + "-o2");
        for (String secret : secrets) {
            assertThat(exposed.toString()).doesNotContain(secret);
        }
    }
}
