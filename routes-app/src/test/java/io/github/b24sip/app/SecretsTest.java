package io.github.b24sip.app;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret leaves the app: after a CSV, a Kafka command (one of them invalid) and status polling with passwords
 * and webhook tokens in play, none of them is in the log, the reports, the results, metrics, /api/lines or the page.
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
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void passwordsAndWebhookTokensAppearNowhere() throws Exception {
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
        drop(name, "portal,title,type,server,login,password\n"
                + "alpha," + prefix + "-cloud,cloud,sip.example.com,acc-9," + csvPassword + "\n"
                + "alpha," + prefix + "-long,office,pbx.example.com,1," + "x".repeat(101) + csvPassword + "\n");
        awaitMoved(name, "done");

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("sip-line-commands", "beta",
                    KafkaCommandsTest.command(prefix + "-ok", "upsert", "beta", prefix + "-cmd", "pbx.example.com")
                            .replace("kafka-secret-" + prefix + "-ok", commandPassword)));
            producer.send(new ProducerRecord<>("sip-line-commands", "beta",
                    "{\"id\":\"" + prefix + "-bad\",\"line\":{\"password\":\"" + commandPassword + "\"")); // not JSON
        }
        var results = KafkaCommandsTest.readUntil("sip-line-results", r -> r.stream().anyMatch(x -> x.value().contains(prefix + "-ok")));
        KafkaCommandsTest.readUntil("sip-line-commands-dlq", r -> r.stream().anyMatch(x -> x.value().contains(prefix + "-bad")));
        org.awaitility.Awaitility.await().atMost(WAIT)
                .until(() -> api().get("/api/lines").then().extract().asString().contains(prefix + "-cloud"));

        List<String> secrets = new ArrayList<>(List.of(csvPassword, commandPassword, SimulatorResource.API_TOKEN));
        for (String portal : SimulatorResource.PORTALS) {
            secrets.add(SimulatorResource.portal(portal).webhook().code());
        }
        StringBuilder exposed = new StringBuilder();
        String log = captured.text.toString();
        assertThat(log).as("the live log, at DEBUG for the app and the component").contains(name).contains("Kafka command dead-lettered");
        exposed.append(log);
        try (Stream<Path> reports = Files.list(inbox().resolve("reports"))) {
            for (Path report : reports.toList()) {
                exposed.append(Files.readString(report));
            }
        }
        results.forEach(r -> exposed.append(r.value()));
        exposed.append(given().get("/q/metrics").then().extract().asString());
        exposed.append(api().get("/api/lines").then().extract().asString());
        exposed.append(given().get("/").then().extract().asString());

        assertThat(exposed).contains(prefix + "-cloud").contains(prefix + "-cmd");
        for (String secret : secrets) {
            assertThat(exposed.toString()).doesNotContain(secret);
        }
    }
}
