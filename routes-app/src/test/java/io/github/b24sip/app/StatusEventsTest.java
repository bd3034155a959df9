package io.github.b24sip.app;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Registration status changes reach every sink switched on: Kafka topic, JMS topic, HTTP webhook and JSONL file. */
@QuarkusTest
class StatusEventsTest extends AppTestSupport {

    private static boolean settled(String json, String title) {
        return json.contains("\"title\":\"" + title + "\"") && json.contains("\"status\":\"success\"");
    }

    @Test
    void aNewCloudLineIsSeenMovingToSuccessOnEverySink() throws Exception {
        String title = unique("status");
        // the webhook answers 503 twice first: the app retries
        WebhookReceiverResource.failNext(2);
        List<String> jmsEvents = new CopyOnWriteArrayList<>();
        try (var factory = new ActiveMQConnectionFactory(ArtemisResource.url());
                JMSContext jms = factory.createContext();
                JMSConsumer topic = jms.createConsumer(jms.createTopic(ArtemisResource.STATUS_TOPIC))) {
            topic.setMessageListener(m -> {
                try {
                    jmsEvents.add(((TextMessage) m).getText());
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            drop(
                    title + ".csv",
                    "portal,title,type,server,login,password\nalpha," + title
                            + ",cloud,sip.example.com,acc-1,status-secret\n");

            await().atMost(WAIT).until(() -> jmsEvents.stream().anyMatch(e -> settled(e, title)));
        }
        await().atMost(WAIT)
                .until(() -> WebhookReceiverResource.bodies().stream().anyMatch(e -> settled(e, title)));
        List<ConsumerRecord<String, String>> kafka = KafkaCommandsTest.readUntil(
                KafkaResource.STATUS_TOPIC, r -> r.stream().anyMatch(x -> settled(x.value(), title)));
        Path file = SimulatorResource.workDir().resolve("events/status.jsonl");
        await().atMost(WAIT)
                .until(() ->
                        Files.exists(file) && Files.readAllLines(file).stream().anyMatch(l -> settled(l, title)));

        ConsumerRecord<String, String> record = kafka.stream()
                .filter(x -> settled(x.value(), title))
                .findFirst()
                .orElseThrow();
        assertThat(record.key()).as("keyed by portal").isEqualTo("alpha");
        assertThat(KafkaCommandsTest.json(record.value()).path("previousStatus").asText())
                .isIn("wait", "in_progress");
        List<String> lines =
                Files.readAllLines(file).stream().filter(l -> l.contains(title)).toList();
        assertThat(lines)
                .allSatisfy(
                        l -> assertThat(KafkaCommandsTest.json(l).path("portal").asText())
                                .isEqualTo("alpha"));
        assertThat(WebhookReceiverResource.requests())
                .isGreaterThanOrEqualTo(WebhookReceiverResource.bodies().size() + 2);
        assertThat(String.join("\n", lines) + WebhookReceiverResource.bodies() + jmsEvents)
                .doesNotContain("status-secret");
    }

    @Test
    void aCloudLineWithoutRegistrationAndAVanishedRegistrationReachTheSinksAsErrors() throws Exception {
        String never = unique("noreg");
        String vanishing = unique("vanish");
        // a server of three characters: the portal keeps REG_ID 0, as the module does when it cannot register
        drop(
                never + ".csv",
                "portal,title,type,server,login,password\nalpha," + never + ",cloud,abc,acc-1,pw\n" + "alpha,"
                        + vanishing + ",cloud,sip.example.com,acc-2,pw\n");
        Path file = SimulatorResource.workDir().resolve("events/status.jsonl");
        await().atMost(WAIT)
                .until(() ->
                        Files.exists(file) && Files.readAllLines(file).stream().anyMatch(l -> settled(l, vanishing)));
        long regId =
                SimulatorResource.portal("alpha").linesTitled(vanishing).get(0).regId();
        SimulatorResource.portal("alpha").vanishRegistration(regId);

        await().atMost(WAIT)
                .until(() -> errorEvent(Files.readAllLines(file), vanishing) != null
                        && errorEvent(Files.readAllLines(file), never) != null);
        var noRegistration = KafkaCommandsTest.json(errorEvent(Files.readAllLines(file), never));
        assertThat(noRegistration.path("regId").asLong()).isZero();
        assertThat(noRegistration.path("errorMessage").asText()).startsWith("NO_REGISTRATION");
        var vanished = KafkaCommandsTest.json(errorEvent(Files.readAllLines(file), vanishing));
        assertThat(vanished.path("previousStatus").asText()).isEqualTo("success");
        assertThat(vanished.path("errorMessage").asText()).startsWith("REG_ID_NOT_FOUND");
        await().atMost(WAIT)
                .until(() -> errorEvent(WebhookReceiverResource.bodies(), vanishing) != null
                        && errorEvent(WebhookReceiverResource.bodies(), never) != null);
    }

    /** The first error event of this line among JSON events, or null. */
    private static String errorEvent(List<String> events, String title) {
        return events.stream()
                .filter(e -> e.contains("\"title\":\"" + title + "\"") && e.contains("\"status\":\"error\""))
                .findFirst()
                .orElse(null);
    }
}
