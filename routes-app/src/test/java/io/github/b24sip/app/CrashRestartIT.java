package io.github.b24sip.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.SipLineView;
import io.github.b24sip.simulator.journal.JournalEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app killed hard (SIGKILL) in the middle of a 2,000-row CSV, then started again: the file is applied to
 * the end with no duplicate line, reported, moved to done/; started a third time, it sends the portal nothing for the
 * same file dropped again.
 */
class CrashRestartIT {

    @TempDir
    Path work;

    private Process start(BitrixPortal portal, Path trustStore, String... more) throws Exception {
        return PackagedApp.start(work, "crash", portal, trustStore, more);
    }

    @Test
    void aCsvInterruptedByAKillIsFinishedOnceAfterTheRestart() throws Exception {
        // 5 ms per inner call: each chunk of 50 rows takes a quarter second, so the kill lands in the middle of the
        // file
        try (Simulator sim = Simulator.start(SimulatorConfig.create()
                .portal(PortalConfig.portal("crash").rateLimit(null).processingTime(Duration.ofMillis(5))))) {
            BitrixPortal portal = sim.portal("crash");
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            StringBuilder csv = new StringBuilder("title,type,server,login,password\n");
            for (int i = 0; i < 2000; i++) {
                csv.append("crash-")
                        .append(i)
                        .append(",office,pbx.example.com,")
                        .append(i)
                        .append(",pw")
                        .append(i)
                        .append('\n');
            }
            Path inbox = Files.createDirectories(work.resolve("inbox"));
            Path staged = work.resolve("lines.csv");
            Files.writeString(staged, csv);

            Process first = start(portal, trustStore);
            Files.copy(staged, inbox.resolve(".lines.part"));
            Files.move(inbox.resolve(".lines.part"), inbox.resolve("lines.csv"), StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(90)).until(() -> portal.lines().size() >= 300);
            first.destroyForcibly().waitFor();
            int beforeRestart = portal.lines().size();
            assertThat(beforeRestart).as("killed in the middle").isBetween(300, 1999);
            assertThat(Files.exists(inbox.resolve("lines.csv")))
                    .as("the file is still in the inbox")
                    .isTrue();

            Process second = start(portal, trustStore);
            try {
                Path done = inbox.resolve("done/lines.csv");
                await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(done));
                List<SipLineView> lines = portal.lines();
                assertThat(lines).hasSize(2000);
                assertThat(lines.stream().map(SipLineView::title).distinct()).hasSize(2000);
                // a batch already on the wire when the app died may still have landed after the kill: counted from the
                // report
                var totals = new ObjectMapper()
                        .readTree(inbox.resolve("reports/lines.csv.report.json").toFile())
                        .path("totals");
                assertThat(totals.path("failed").asInt()).isZero();
                assertThat(totals.path("unchanged").asInt()).isGreaterThanOrEqualTo(beforeRestart);
                assertThat(totals.path("created").asInt()
                                + totals.path("unchanged").asInt())
                        .isEqualTo(2000);
            } finally {
                PackagedApp.stop(second);
            }

            // a third start: the record of applied files survives it, and the same file dropped again sends nothing
            long lastSeq = sim.journal().entries("crash").stream()
                    .mapToLong(JournalEntry::seq)
                    .max()
                    .orElse(0);
            Process third = start(portal, trustStore);
            try {
                // its status poller polls once, a second after start; after that poll, nothing else asks the portal
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> sim.journal().entries("crash").stream()
                                .anyMatch(e -> e.seq() > lastSeq
                                        && "voximplant.sip.get".equals(e.method())
                                        && String.valueOf(e.params().get("FILTER"))
                                                .contains("TYPE")));
                long requests = sim.journal().entries("crash").size();
                Files.copy(staged, inbox.resolve(".again.part"));
                Files.move(inbox.resolve(".again.part"), inbox.resolve("lines.csv"), StandardCopyOption.ATOMIC_MOVE);
                Path log = work.resolve("app.log");
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> Files.readString(log).contains("lines.csv: already applied"));
                await().atMost(Duration.ofSeconds(60)).until(() -> !Files.exists(inbox.resolve("lines.csv")));
                assertThat(sim.journal().entries("crash"))
                        .as("no request to the portal for the file dropped again")
                        .hasSize((int) requests);
            } finally {
                PackagedApp.stop(third);
            }
        }
    }

    @Test
    void aKafkaCommandStreamInterruptedByAKillLosesNoCommandAndMakesNoDuplicate() throws Exception {
        try (var kafka = KafkaResource.startCluster();
                Simulator sim = Simulator.start(SimulatorConfig.create()
                        .portal(PortalConfig.portal("crash").rateLimit(null).processingTime(Duration.ofMillis(5))))) {
            BitrixPortal portal = sim.portal("crash");
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            Properties props = new Properties();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            try (var producer =
                    new KafkaProducer<String, String>(props, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 1000; i++) {
                    producer.send(new ProducerRecord<>(
                            "sip-line-commands",
                            "crash",
                            KafkaCommandsTest.command("k" + i, "upsert", "crash", "kafka-" + i, "pbx.example.com")));
                }
            }
            // the killed consumer's partitions go to the restarted one once its session times out: 6 s, not the default
            // 45 s
            String bootstrap = kafka.bootstrapServers();
            String[] kafkaOn = {
                "-Db24sip.kafka.enabled=true",
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dcamel.component.kafka.sessionTimeoutMs=6000",
                "-Dcamel.component.kafka.heartbeatIntervalMs=2000"
            };

            Process first = start(portal, trustStore, kafkaOn);
            await().atMost(Duration.ofSeconds(90)).until(() -> portal.lines().size() >= 200);
            first.destroyForcibly().waitFor();
            assertThat(portal.lines().size()).as("killed in the middle").isLessThan(1000);

            Process second = start(portal, trustStore, kafkaOn);
            try {
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> portal.lines().size() >= 1000);
                var results = KafkaCommandsTest.readUntil(
                        "sip-line-results",
                        bootstrap,
                        r -> r.stream()
                                        .map(x -> KafkaCommandsTest.json(x.value())
                                                .path("id")
                                                .asText())
                                        .distinct()
                                        .count()
                                >= 1000);
                List<SipLineView> lines = portal.lines();
                assertThat(lines).hasSize(1000);
                assertThat(lines.stream().map(SipLineView::title).distinct())
                        .as("no duplicate")
                        .hasSize(1000);
                assertThat(results.stream()
                                .map(x -> KafkaCommandsTest.json(x.value())
                                        .path("id")
                                        .asText())
                                .distinct())
                        .as("a result for every command")
                        .hasSize(1000);
            } finally {
                PackagedApp.stop(second);
            }
        }
    }
}
