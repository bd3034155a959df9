package io.github.b24sip.app;

import io.github.b24sip.simulator.fault.Fault;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import static io.github.b24sip.app.KafkaCommandsTest.command;
import static io.github.b24sip.app.KafkaCommandsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** JMS commands against an embedded Artemis broker: transacted, with rollback, redelivery and a dead-letter queue. */
@QuarkusTest
class JmsCommandsTest extends AppTestSupport {

    /** What each test has read off a queue, by text; kept across reads since a received message is gone. */
    private static final Map<String, Map<String, String>> RECEIVED = new ConcurrentHashMap<>();

    @AfterEach
    void clearFaults() {
        SimulatorResource.portal("beta").faults().clear();
    }

    private static void send(List<String> texts) {
        try (var factory = new ActiveMQConnectionFactory(ArtemisResource.url());
                JMSContext jms = factory.createContext()) {
            texts.forEach(t -> jms.createProducer().send(jms.createQueue("sip.line.commands"), t));
        }
    }

    /** Texts (and their reason property) received from a queue, waiting until the condition holds. */
    private static Map<String, String> receiveUntil(String queue, Predicate<Map<String, String>> done) {
        Map<String, String> got = RECEIVED.computeIfAbsent(queue, q -> new ConcurrentHashMap<>());
        try (var factory = new ActiveMQConnectionFactory(ArtemisResource.url());
                JMSContext jms = factory.createContext();
                JMSConsumer consumer = jms.createConsumer(jms.createQueue(queue))) {
            await().atMost(WAIT).until(() -> {
                Message m = consumer.receive(200);
                if (m instanceof TextMessage text) {
                    String reason = m.getStringProperty("b24sipReason");
                    got.put(text.getText(), reason == null ? "" : reason);
                }
                return done.test(got);
            });
        }
        return got;
    }

    private static long containing(Map<String, String> texts, String part) {
        return texts.keySet().stream().filter(t -> t.contains(part)).count();
    }

    @Test
    void commandsWithPoisonAmongThemAreAppliedOrDeadLettered() {
        String prefix = unique("jms");
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            commands.add(command(
                    prefix + "-" + i,
                    "upsert",
                    i % 2 == 0 ? "alpha" : "beta",
                    prefix + " line " + i,
                    "pbx.example.com"));
        }
        String notJson = "<command id='" + prefix + "-xml'/>";
        String badType = command(prefix + "-fax", "upsert", "alpha", prefix + " fax", "pbx.example.com")
                .replace("office", "fax");
        commands.add(5, notJson);
        commands.add(12, badType);
        send(commands);

        Map<String, String> results = receiveUntil("sip.line.results", r -> containing(r, prefix) >= 18);
        Map<String, String> dead = receiveUntil("sip.line.commands.dlq", r -> containing(r, prefix) >= 2);

        assertThat(containing(results, prefix)).isEqualTo(18);
        results.keySet().stream()
                .filter(t -> t.contains(prefix))
                .forEach(t -> assertThat(json(t).path("outcome").asText()).isEqualTo("created"));
        assertThat(linesStartingWith("alpha", prefix).size()
                        + linesStartingWith("beta", prefix).size())
                .isEqualTo(18);
        assertThat(dead.get(notJson)).contains("not a valid JSON command");
        assertThat(dead.get(badType)).contains("type must be cloud or office, not 'fax'");
    }

    @Test
    void aRegistrationCommandIsAppliedToItsAccountAndAnsweredInTheAccountsGroup() throws Exception {
        String prefix = unique("jmsreg");
        send(List.of("{\"id\":\"" + prefix + "\",\"kind\":\"registration\",\"action\":\"upsert\",\"account\":\""
                + SimulatorResource.VOX + "\",\"registration\":{\"sip_username\":\"" + prefix
                + "\",\"proxy\":\"sip.carrier.example\",\"password\":\"pw\"}}"));
        Map<String, String> results = receiveUntil("sip.line.results", r -> containing(r, prefix) >= 1);
        String result = results.keySet().stream()
                .filter(t -> t.contains(prefix))
                .findFirst()
                .orElseThrow();
        var json = JSON.readTree(result);
        assertThat(json.path("kind").asText()).isEqualTo("registration");
        assertThat(json.path("account").asText()).isEqualTo(SimulatorResource.VOX);
        assertThat(json.path("outcome").asText()).isEqualTo("created");
        assertThat(SimulatorResource.voximplant().registrations())
                .anySatisfy(r -> assertThat(r.get("sip_username")).isEqualTo(prefix));
    }

    @Test
    void aTransientFailureRollsBackAndTheRedeliveryAppliesTheCommandOnce() {
        String prefix = unique("rollback");
        var beta = SimulatorResource.portal("beta");
        long injected = beta.faults().injectedCount();
        double rolledBack = metric("b24sip_commands_total", "outcome=\"rolled_back\"", "source=\"jms\"");
        // more failures than the component's own retries of one delivery: the first delivery fails as a whole
        beta.faults().next(4, "voximplant.sip.add", Fault.http500());
        send(List.of(command(prefix, "upsert", "beta", prefix + " line", "pbx.example.com")));

        Map<String, String> results = receiveUntil("sip.line.results", r -> containing(r, prefix) >= 1);

        assertThat(beta.faults().injectedCount() - injected).isEqualTo(4);
        assertThat(linesStartingWith("beta", prefix)).hasSize(1);
        String result = results.keySet().stream()
                .filter(t -> t.contains(prefix))
                .findFirst()
                .orElseThrow();
        assertThat(json(result).path("outcome").asText()).isEqualTo("created");
        assertThat(metric("b24sip_commands_total", "outcome=\"rolled_back\"", "source=\"jms\"") - rolledBack)
                .as("this command's first delivery, rolled back once")
                .isEqualTo(1.0);
    }

    @Test
    void aCommandStillFailingAfterTheConfiguredDeliveriesIsDeadLettered() {
        String prefix = unique("exhausted");
        SimulatorResource.portal("beta").faults().next(1000, "voximplant.sip.add", Fault.http500());
        String cmd = command(prefix, "upsert", "beta", prefix + " line", "pbx.example.com");
        send(List.of(cmd));

        Map<String, String> dead = receiveUntil("sip.line.commands.dlq", r -> r.containsKey(cmd));

        assertThat(dead.get(cmd)).contains("INTERNAL_SERVER_ERROR");
        assertThat(linesStartingWith("beta", prefix)).isEmpty();
    }

    static double metric(String name, String... labels) {
        String body = api().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines()
                .filter(l -> l.startsWith(name + "{") && Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
