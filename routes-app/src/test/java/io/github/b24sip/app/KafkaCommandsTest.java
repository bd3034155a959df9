package io.github.b24sip.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Kafka commands against a real broker: results, dead letters with reasons, and redelivery without double effects. */
@QuarkusTest
class KafkaCommandsTest extends AppTestSupport {

    static String command(String id, String action, String portal, String title, String server) {
        return "{\"id\":\"" + id + "\",\"action\":\"" + action + "\",\"portal\":\"" + portal
                + "\",\"line\":{\"title\":\""
                + title + "\",\"type\":\"office\",\"server\":" + (server == null ? "null" : "\"" + server + "\"")
                + ",\"login\":\"100\",\"password\":\"kafka-secret-" + id + "\"}}";
    }

    static void send(List<String[]> keyAndValue) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            keyAndValue.forEach(kv -> producer.send(new ProducerRecord<>("sip-line-commands", kv[0], kv[1])));
            producer.flush();
        }
    }

    /** Reads a topic from the start until the condition holds on what was read. */
    static List<ConsumerRecord<String, String>> readUntil(
            String topic, Predicate<List<ConsumerRecord<String, String>>> done) {
        return readUntil(topic, KafkaResource.bootstrapServers(), done);
    }

    static List<ConsumerRecord<String, String>> readUntil(
            String topic, String bootstrapServers, Predicate<List<ConsumerRecord<String, String>>> done) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return done.test(records);
            });
        }
        return records;
    }

    @Test
    void hundredCommandsWithThreePoisonMessagesApplyNinetySevenAndDeadLetterThree() throws Exception {
        String prefix = unique("kafka");
        List<String[]> commands = new ArrayList<>();
        for (int i = 0; i < 97; i++) {
            String portal = i % 2 == 0 ? "alpha" : "beta";
            commands.add(new String[] {
                portal, command(prefix + "-" + i, "upsert", portal, prefix + " line " + i, "pbx.example.com")
            });
        }
        commands.add(30, new String[] {"alpha", "{\"id\":\"" + prefix + "-broken\", \"action\": "});
        commands.add(60, new String[] {
            "zeta", command(prefix + "-zeta", "upsert", "zeta", prefix + " nowhere", "pbx.example.com")
        });
        commands.add(
                90,
                new String[] {"beta", command(prefix + "-noserver", "upsert", "beta", prefix + " no server", null)});
        send(commands);

        List<ConsumerRecord<String, String>> results = readUntil(
                "sip-line-results",
                r -> r.stream().filter(x -> x.value().contains(prefix)).count() >= 97);
        List<ConsumerRecord<String, String>> dead = readUntil(
                "sip-line-commands-dlq",
                r -> r.stream().filter(x -> x.value().contains(prefix)).count() >= 3);

        List<JsonNode> ours = results.stream()
                .filter(x -> x.value().contains(prefix))
                .map(x -> json(x.value()))
                .toList();
        assertThat(ours).hasSize(97);
        assertThat(ours)
                .allMatch(r -> r.path("outcome").asText().equals("created")
                        && r.path("configId").isInt());
        assertThat(linesStartingWith("alpha", prefix)).hasSize(49);
        assertThat(linesStartingWith("beta", prefix)).hasSize(48);

        Map<String, String> reasons = new HashMap<>();
        dead.stream()
                .filter(x -> x.value().contains(prefix))
                .forEach(x -> reasons.put(
                        x.value(),
                        new String(x.headers().lastHeader("b24sip-reason").value(), StandardCharsets.UTF_8)));
        assertThat(reasons).hasSize(3);
        assertThat(reasons)
                .containsKey(commands.get(30)[1])
                .containsKey(commands.get(60)[1])
                .containsKey(commands.get(90)[1]);
        assertThat(reasons.get(commands.get(30)[1])).contains("not a valid JSON command");
        assertThat(reasons.get(commands.get(60)[1])).contains("portal 'zeta' is an unknown portal");
        assertThat(reasons.get(commands.get(90)[1])).contains("server is required");
        assertThat(String.join(" ", reasons.values())).doesNotContain("kafka-secret");
        assertThat(results.stream().map(ConsumerRecord::value)).noneMatch(v -> v.contains("kafka-secret"));
    }

    @Test
    void aCommandDeliveredTwiceMakesOneLine() {
        String prefix = unique("twice");
        String once = command(prefix, "upsert", "alpha", prefix + " line", "pbx.example.com");
        send(List.of(new String[] {"alpha", once}, new String[] {"alpha", once}));

        List<ConsumerRecord<String, String>> results = readUntil(
                "sip-line-results",
                r -> r.stream().filter(x -> x.value().contains(prefix)).count() >= 2);
        assertThat(results.stream()
                        .filter(x -> x.value().contains(prefix))
                        .map(x -> json(x.value()).path("outcome").asText()))
                .containsExactly("created", "unchanged");
        assertThat(linesStartingWith("alpha", prefix)).hasSize(1);

        String delete = "{\"id\":\"" + prefix + "-d\",\"action\":\"delete\",\"portal\":\"alpha\",\"line\":{\"title\":\""
                + prefix + " line\"}}";
        send(List.of(new String[] {"alpha", delete}, new String[] {"alpha", delete}));
        List<ConsumerRecord<String, String>> deletes = readUntil(
                "sip-line-results",
                r -> r.stream().filter(x -> x.value().contains(prefix + "-d")).count() >= 2);
        assertThat(deletes.stream()
                        .filter(x -> x.value().contains(prefix + "-d"))
                        .map(x -> json(x.value()).path("outcome").asText()))
                .containsExactly("deleted", "unchanged");
        assertThat(linesStartingWith("alpha", prefix)).isEmpty();
    }

    @Test
    void aCommandWithOutgoingMakesItsLineThePortalsDefaultOutgoingLine() {
        String prefix = unique("outgoing");
        String upsert = command(prefix, "upsert", "beta", prefix + " line", "pbx.example.com");
        String withOutgoing = upsert.substring(0, upsert.length() - 1) + ",\"outgoing\":true}";
        send(List.<String[]>of(new String[] {"beta", withOutgoing}));

        JsonNode result =
                json(readUntil(
                                "sip-line-results",
                                r -> r.stream().anyMatch(x -> x.value().contains(prefix)))
                        .stream()
                        .filter(x -> x.value().contains(prefix))
                        .findFirst()
                        .orElseThrow()
                        .value());
        assertThat(result.path("outcome").asText()).isEqualTo("created");
        var portal = SimulatorResource.portal("beta");
        assertThat(portal.outgoingLine())
                .isEqualTo(portal.lineIdOf(result.path("configId").asInt()));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
