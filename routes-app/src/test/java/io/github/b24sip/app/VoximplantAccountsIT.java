package io.github.b24sip.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.cluster.PollerShards;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.VoximplantConfig;
import io.github.b24sip.simulator.voximplant.VoximplantAccount;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two copies of the packaged app sharing PostgreSQL, managing one Voximplant account: a registrations CSV applied,
 * the registrations' states on the log, Kafka and a webhook; 100 registration commands applied with a result each;
 * and the copy polling the account killed: the other takes the account over and repeats no event of a registration
 * that did not change meanwhile.
 */
class VoximplantAccountsIT {

    private static final long ACCOUNT = 4_300_001;
    private static final Duration LONG = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final Process[] copies = new Process[2];
    private final Path[] dirs = new Path[2];

    @Test
    void twoCopiesKeepAnAccountInStepAndHandItsPollerOverWithoutRepeats() throws Exception {
        WebhookReceiverResource hook = new WebhookReceiverResource();
        try (Simulator sim = Simulator.start(SimulatorConfig.create()
                        .voximplant(VoximplantConfig.account(ACCOUNT)
                                .maxRegistrations(400)
                                .registrationDelays(Duration.ofMillis(500), Duration.ofMillis(500))));
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                var kafka = KafkaResource.startCluster()) {
            Map<String, String> hookSettings = hook.start();
            VoximplantAccount account = sim.voximplant(ACCOUNT);
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            Path credentials = account.newServiceAccountKey().writeCredentials(work.resolve("credentials.json"));
            Path inbox = Files.createDirectories(work.resolve("inbox"));
            List<String> settings = new ArrayList<>(List.of(
                    "-Db24sip.voximplant.accounts.trunks.credentials-file=" + credentials,
                    "-Db24sip.voximplant.accounts.trunks.api-url=" + sim.voximplantApiUrl(),
                    "-Db24sip.voximplant.accounts.trunks.trust-store-file=" + trustStore,
                    "-Db24sip.voximplant.accounts.trunks.trust-store-password=changeit",
                    // no portal: the app runs for the account alone, and takes portals at run time
                    "-Db24sip.secrets.key=" + PackagedApp.SECRETS_KEY,
                    "-Dquarkus.datasource.jdbc.url=" + pg.getJdbcUrl("postgres", "postgres"),
                    "-Dquarkus.datasource.username=postgres",
                    "-Dquarkus.datasource.password=postgres",
                    "-Db24sip.csv.dir=" + inbox,
                    "-Db24sip.status.delay=300",
                    "-Db24sip.kafka.enabled=true",
                    "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                    "-Db24sip.status.kafka-topic=sip-line-status",
                    "-Db24sip.status.http-url=" + hookSettings.get("b24sip.status.http-url"),
                    "-Db24sip.commands.retry-delay=200"));
            for (int i = 0; i < 2; i++) {
                start(i, settings);
            }
            try {
                awaitReady();

                // a registrations file: applied once, by one copy, each row reported
                Files.writeString(
                        inbox.resolve("trunks.csv"),
                        "account,sip_username,proxy,password\n"
                                + "trunks,csv-1,sip.carrier.example,pw-1\n"
                                + "trunks,csv-2,sip.carrier.example,pw-2\n"
                                + "trunks,csv-3,pbx.carrier.invalid,pw-3\n");
                await().atMost(LONG).until(() -> Files.exists(inbox.resolve("done/trunks.csv")));
                assertThat(account.registrations()).hasSize(3);

                // 100 commands, each with its result
                Properties p = new Properties();
                p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
                try (KafkaProducer<String, String> producer =
                        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                    for (int i = 0; i < 100; i++) {
                        producer.send(new ProducerRecord<>("sip-line-commands", "trunks", command("cmd-" + i)));
                    }
                }
                List<ConsumerRecord<String, String>> results = KafkaCommandsTest.readUntil(
                        "sip-line-results",
                        kafka.bootstrapServers(),
                        r -> r.stream()
                                        .map(ConsumerRecord::value)
                                        .filter(v -> v.contains("\"kind\":\"registration\""))
                                        .count()
                                >= 100);
                assertThat(results.stream()
                                .map(r -> json(r.value()))
                                .filter(r -> r.path("kind").asText().equals("registration"))
                                .map(r -> r.path("outcome").asText())
                                .collect(Collectors.toSet()))
                        .containsExactly("created");
                assertThat(account.registrations()).hasSize(103);

                // every registration's settled state reaches Kafka, the webhook and the log, once
                await().atMost(LONG).until(() -> settled(events(kafka.bootstrapServers())) >= 103);
                await().atMost(LONG)
                        .until(() -> WebhookReceiverResource.bodies().stream()
                                        .filter(b -> b.contains("\"kind\":\"registration\""))
                                        .map(b -> json(b))
                                        .filter(b -> !b.path("status").asText().equals("in-progress"))
                                        .count()
                                >= 103);
                assertThat(logs()).contains("registration csv-3@pbx.carrier.invalid fails");

                // the copy polling the account is killed; the other takes over and repeats nothing unchanged
                int leader = leaderOf();
                long settledPolls = pollsOf(sim);
                // a few more polls: nothing is on its way to a sink when the leader dies
                await().atMost(LONG).until(() -> pollsOf(sim) >= settledPolls + 3);
                List<String> before = events(kafka.bootstrapServers());
                copies[leader].destroyForcibly().waitFor();
                int other = 1 - leader;
                await().atMost(LONG)
                        .until(() -> (log(other) + " ")
                                .replace("\n", " \n")
                                .contains("Instance copy-" + other + " leads " + PollerShards.namespaceOf("trunks", 64)
                                        + " "));
                long polls = pollsOf(sim);
                await().atMost(LONG).until(() -> pollsOf(sim) >= polls + 5);
                account.setDeactivated(
                        ((Number) account.registrations().get(0).get("sip_registration_id")).longValue(), true);
                await().atMost(LONG)
                        .until(() -> events(kafka.bootstrapServers()).stream()
                                .anyMatch(e -> e.contains("\"status\":\"deactivated\"")));
                List<String> after = events(kafka.bootstrapServers());
                List<String> added = after.subList(before.size(), after.size());
                assertThat(added)
                        .as("after the take-over: the one change, and no repeat of an unchanged registration")
                        .hasSize(1)
                        .allMatch(e -> e.contains("\"status\":\"deactivated\""));
            } finally {
                for (Process copy : copies) {
                    if (copy != null && copy.isAlive()) {
                        PackagedApp.stop(copy);
                    }
                }
                hook.stop();
            }
        }
    }

    private static String command(String user) {
        return "{\"id\":\"" + user + "\",\"kind\":\"registration\",\"action\":\"upsert\",\"account\":\"trunks\","
                + "\"registration\":{\"sip_username\":\"" + user + "\",\"proxy\":\"sip.carrier.example\","
                + "\"password\":\"pw\"}}";
    }

    /** Every registration event on the status topic so far, in order (the topic has one partition). */
    private static List<String> events(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<String> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("sip-line-status").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value().contains("\"kind\":\"registration\"")) {
                        events.add(r.value());
                    }
                });
            }
        }
        return events;
    }

    /** Registrations whose latest event is a settled state. */
    private static long settled(List<String> events) {
        Map<Long, String> latest = new HashMap<>();
        for (String e : events) {
            JsonNode n = json(e);
            latest.put(n.path("sipRegistrationId").asLong(), n.path("status").asText());
        }
        return latest.values().stream().filter(s -> !s.equals("in-progress")).count();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long pollsOf(Simulator sim) {
        return sim.journal().entries("voximplant").stream()
                .filter(e -> "GetSipRegistrations".equals(e.method()))
                .count();
    }

    /** The copy leading the account's poller now, from the copies' logs. */
    private int leaderOf() {
        String namespace = PollerShards.namespaceOf("trunks", 64);
        return await().atMost(LONG)
                .until(
                        () -> {
                            List<Integer> leaders = new ArrayList<>();
                            for (int i = 0; i < 2; i++) {
                                boolean leads = false;
                                for (String line : log(i).lines().toList()) {
                                    if ((line + " ").contains("Instance copy-" + i + " leads " + namespace + " ")) {
                                        leads = true;
                                    } else if ((line + " ").contains("Instance copy-" + i + " hands " + namespace + " ")
                                            || (line + " ")
                                                    .contains("Instance copy-" + i + " no longer leads " + namespace
                                                            + " ")) {
                                        leads = false;
                                    }
                                }
                                if (leads) {
                                    leaders.add(i);
                                }
                            }
                            return leaders.size() == 1 ? leaders.get(0) : -1;
                        },
                        leader -> leader >= 0);
    }

    private String log(int i) {
        try {
            return Files.readString(dirs[i].resolve("app.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private String logs() {
        return log(0) + log(1);
    }

    private void start(int i, List<String> settings) throws Exception {
        dirs[i] = Files.createDirectories(work.resolve("copy-" + i));
        List<String> all = new ArrayList<>(settings);
        all.add("-Db24sip.instance=copy-" + i);
        copies[i] = PackagedApp.start(dirs[i], all);
    }

    private void awaitReady() {
        await().atMost(LONG).until(() -> {
            for (Path dir : dirs) {
                if (!Files.readString(dir.resolve("app.log")).contains("Listening on")) {
                    return false;
                }
            }
            return true;
        });
    }
}
