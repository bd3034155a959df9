package io.github.b24sip.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Voximplant account beside the portals (b24sip.voximplant.accounts.vox): a registrations CSV applied to it with a
 * report naming each row, registration commands on Kafka with their results, and the registrations' states on the
 * status sinks and /api/registrations, each event naming its account.
 */
@QuarkusTest
class RegistrationsTest extends AppTestSupport {

    private static List<Map<String, Object>> registrations(String prefix) {
        return SimulatorResource.voximplant().registrations().stream()
                .filter(r -> String.valueOf(r.get("sip_username")).startsWith(prefix))
                .toList();
    }

    @Test
    void aRegistrationsFileIsAppliedRowByRowAndBadRowsAreNamed() throws Exception {
        String prefix = unique("reg");
        String name = prefix + ".csv";
        drop(
                name,
                "account,sip_username,proxy,auth_user,password,action\n"
                        + "vox," + prefix + "-1,sip.carrier.example,auth-1,pw-1,upsert\n"
                        + "vox," + prefix + "-2,sip.carrier.example,,pw-2,\n"
                        + "nowhere," + prefix + "-3,sip.carrier.example,,pw-3,upsert\n"
                        + "vox,,sip.carrier.example,,pw-4,upsert\n"
                        + "vox," + prefix + "-5,sip carrier/example,,pw-5,upsert\n");
        awaitMoved(name, "done");
        JsonNode report = report(name);
        assertThat(report.path("outcomes"))
                .extracting(o -> o.path("row").asInt() + " " + o.path("result").asText() + " "
                        + o.path("field").asText(""))
                .containsExactlyInAnyOrder(
                        "2 created ", "3 created ", "4 invalid account", "5 invalid sip_username", "6 invalid proxy");
        assertThat(registrations(prefix)).hasSize(2);

        // the same file again changes nothing; a delete row removes its registration
        String again = prefix + "-again.csv";
        drop(
                again,
                "account,sip_username,proxy,action\n" + "vox," + prefix + "-1,sip.carrier.example,\n" + "vox," + prefix
                        + "-2,SIP.CARRIER.EXAMPLE,delete\n");
        awaitMoved(again, "done");
        assertThat(report(again).path("outcomes"))
                .extracting(o -> o.path("row").asInt() + " " + o.path("result").asText())
                .containsExactlyInAnyOrder("2 unchanged", "3 deleted");
        assertThat(registrations(prefix)).extracting(r -> r.get("sip_username")).containsExactly(prefix + "-1");
    }

    /** vox's drift policy is repair (SimulatorResource). */
    @Test
    void aRegistrationWhoseProxyWasChangedOutsideTheAppIsReportedOnceAndPutBack() throws Exception {
        String user = unique("moved");
        drop(user + ".csv", "account,sip_username,proxy,password\nvox," + user + ",sip.carrier.example,moved-pw\n");
        await().atMost(WAIT).until(() -> registrations(user).size() == 1);
        long id = ((Number) registrations(user).get(0).get("sip_registration_id")).longValue();

        SimulatorResource.voximplant().editRegistration(id, Map.of("proxy", "sip.elsewhere.example"));
        Path events = SimulatorResource.workDir().resolve("events/status.jsonl");
        String key = user + "@sip.carrier.example";
        await().atMost(WAIT)
                .until(() ->
                        "sip.carrier.example".equals(registrations(user).get(0).get("proxy"))
                                && driftOf(events, key).size() == 2);
        List<JsonNode> drift = driftOf(events, key);
        assertThat(drift).extracting(j -> j.path("drift").asText()).containsExactly("changed", "resolved");
        assertThat(drift.get(0).path("account").asText()).isEqualTo("vox");
        assertThat(drift.get(0).path("fields")).extracting(JsonNode::asText).containsExactly("proxy");
        assertThat(drift.get(0).path("declaredBy").asText()).isEqualTo(user + ".csv row 2");
        assertThat(drift.toString()).doesNotContain("moved-pw").doesNotContain("sip.elsewhere.example");
        assertThat(registrations(user))
                .as("put back, not made anew")
                .singleElement()
                .satisfies(r -> assertThat(((Number) r.get("sip_registration_id")).longValue())
                        .isEqualTo(id));
    }

    private static List<JsonNode> driftOf(Path events, String title) throws Exception {
        if (!Files.exists(events)) {
            return List.of();
        }
        return Files.readAllLines(events).stream()
                .filter(l -> l.contains("\"kind\":\"drift\""))
                .map(KafkaCommandsTest::json)
                .filter(j -> "vox".equals(j.path("account").asText())
                        && title.equals(j.path("title").asText()))
                .toList();
    }

    @Test
    void registrationCommandsOnKafkaAreAppliedAndAnsweredAndTheirStatesReachTheSinks() throws Exception {
        String prefix = unique("regcmd");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("sip-line-commands", "vox", command(prefix + "-a", "vox", prefix)));
            producer.send(new ProducerRecord<>("sip-line-commands", "vox", command(prefix + "-b", "nowhere", prefix)));
        }
        var results = KafkaCommandsTest.readUntil(
                "sip-line-results", r -> r.stream().anyMatch(x -> x.value().contains(prefix + "-a")));
        JsonNode result = JSON.readTree(results.stream()
                .filter(r -> r.value().contains(prefix + "-a"))
                .findFirst()
                .orElseThrow()
                .value());
        assertThat(result.path("kind").asText()).isEqualTo("registration");
        assertThat(result.path("account").asText()).isEqualTo("vox");
        assertThat(result.path("outcome").asText()).isEqualTo("created");
        long id = result.path("regId").asLong();
        assertThat(registrations(prefix))
                .extracting(r -> ((Number) r.get("sip_registration_id")).longValue())
                .containsExactly(id);
        var dead = KafkaCommandsTest.readUntil(
                "sip-line-commands-dlq", r -> r.stream().anyMatch(x -> x.value().contains(prefix + "-b")));
        assertThat(dead).isNotEmpty();

        // its state, on the status file sink and the API, naming the account
        Path events = SimulatorResource.workDir().resolve("events/status.jsonl");
        await().atMost(WAIT)
                .until(() -> Files.readAllLines(events).stream()
                        .anyMatch(l -> l.contains("\"kind\":\"registration\"")
                                && l.contains(prefix)
                                && l.contains("\"status\":\"successful\"")));
        String line = Files.readAllLines(events).stream()
                .filter(l -> l.contains(prefix) && l.contains("successful"))
                .findFirst()
                .orElseThrow();
        assertThat(JSON.readTree(line).path("account").asText()).isEqualTo("vox");
        await().atMost(WAIT)
                .until(() -> api().get("/api/registrations")
                        .then()
                        .extract()
                        .asString()
                        .contains(prefix));
        assertThat(JSON.readTree(api().get("/api/registrations").asString()).path("vox"))
                .anySatisfy(
                        r -> assertThat(r.path("sipRegistrationId").asLong()).isEqualTo(id));
    }

    private static String command(String id, String account, String prefix) {
        return "{\"id\":\"" + id + "\",\"kind\":\"registration\",\"action\":\"upsert\",\"account\":\"" + account
                + "\",\"registration\":{\"sip_username\":\"" + prefix + "-k\",\"proxy\":\"sip.carrier.example\","
                + "\"password\":\"kafka-reg-" + id + "\"}}";
    }
}
