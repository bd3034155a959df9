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
        List<String> lines = Files.readAllLines(file).stream()
                .filter(l -> l.contains(title) && !isDrift(l))
                .toList();
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
                .until(() -> Files.exists(file)
                        && Files.readAllLines(file).stream().anyMatch(l -> settled(l, vanishing))
                        && errorEvent(Files.readAllLines(file), never) != null);
        // the board (and the gauges) take an event before the sinks do: both lines are counted by now
        double success = JmsCommandsTest.metric("b24sip_lines", "portal=\"alpha\"", "state=\"success\"");
        double error = JmsCommandsTest.metric("b24sip_lines", "portal=\"alpha\"", "state=\"error\"");
        assertThat(error).as("the line without a registration, in error").isPositive();
        assertThat(JmsCommandsTest.metric("b24sip_portal_up", "portal=\"alpha\""))
                .isEqualTo(1.0);
        assertThat(JmsCommandsTest.metric("b24sip_portal_last_poll_seconds", "portal=\"alpha\""))
                .as("seconds since alpha's last poll")
                .isBetween(0.0, 60.0);
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
        // the vanished registration moved one line from success to error
        assertThat(JmsCommandsTest.metric("b24sip_lines", "portal=\"alpha\"", "state=\"success\""))
                .isEqualTo(success - 1);
        assertThat(JmsCommandsTest.metric("b24sip_lines", "portal=\"alpha\"", "state=\"error\""))
                .isEqualTo(error + 1);
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

    /**
     * Nothing lost (issue 23): the webhook answers 503 while a new line's registration moves through its states, then
     * 200. Every change of that time reaches it afterwards, in order (each event's previous status is the one before
     * it, from none to success) and none twice.
     */
    @Test
    void aWebhookDownForAWhileGetsEveryChangeOfThatTimeInOrderOnceItIsBack() throws Exception {
        String title = unique("outage");
        WebhookReceiverResource.down(true);
        try {
            drop(
                    title + ".csv",
                    "portal,title,type,server,login,password\nalpha," + title + ",cloud,sip.example.com,acc-1,pw\n");
            // refused on three polls: each poll offers it again, and meanwhile the registration (300 ms a step in the
            // simulator) moves on to success behind it
            await().atMost(WAIT)
                    .until(() -> WebhookReceiverResource.refusedBodies().stream()
                                    .filter(e -> e.contains("\"title\":\"" + title + "\"") && !isDrift(e))
                                    .count()
                            >= 3);
        } finally {
            WebhookReceiverResource.down(false);
        }
        await().atMost(WAIT)
                .until(() -> WebhookReceiverResource.bodies().stream().anyMatch(e -> settled(e, title)));
        long polls = SimulatorResource.simulator().journal().count(e -> e.ran("voximplant.sip.get"));
        await().atMost(WAIT)
                .until(() ->
                        SimulatorResource.simulator().journal().count(e -> e.ran("voximplant.sip.get")) >= polls + 10);
        List<com.fasterxml.jackson.databind.JsonNode> received = WebhookReceiverResource.bodies().stream()
                .filter(e -> e.contains("\"title\":\"" + title + "\"") && !isDrift(e))
                .map(KafkaCommandsTest::json)
                .toList();
        String firstRefused = WebhookReceiverResource.refusedBodies().stream()
                .filter(e -> e.contains("\"title\":\"" + title + "\"") && !isDrift(e))
                .map(e -> KafkaCommandsTest.json(e).path("status").asText())
                .findFirst()
                .orElseThrow();
        assertThat(received).hasSizeGreaterThanOrEqualTo(2);
        assertThat(received.get(0).path("status").asText())
                .as("the change first refused is the first one received")
                .isEqualTo(firstRefused);
        assertThat(received.get(0).path("previousStatus").isNull()
                        || received.get(0).path("previousStatus").isMissingNode())
                .as("the first event of a new line has no previous status: %s", received)
                .isTrue();
        for (int i = 1; i < received.size(); i++) {
            assertThat(received.get(i).path("previousStatus").asText())
                    .as("event %d follows event %d: %s", i, i - 1, received)
                    .isEqualTo(received.get(i - 1).path("status").asText());
        }
        assertThat(received.get(received.size() - 1).path("status").asText()).isEqualTo("success");
        assertThat(received.stream().map(e -> e.path("status").asText()))
                .as("none twice once it went through")
                .doesNotHaveDuplicates();
    }

    /** Drift events share the sinks (DriftTest's subject): the status events are the rest. */
    private static boolean isDrift(String event) {
        return event.contains("\"kind\":\"drift\"");
    }
}
