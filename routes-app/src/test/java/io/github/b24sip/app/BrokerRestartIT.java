package io.github.b24sip.app;

import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.SipLineView;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import kafka.server.BrokerServer;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker restarted in the middle of 1,000 commands, Artemis (persistent journal, as a production broker has) and
 * Kafka (the broker of a KRaft node stopped and started again on its log directories): the packaged app reconnects,
 * every command is applied once in effect, and the poison ones are dead-lettered.
 */
class BrokerRestartIT {

    @TempDir
    Path work;

    private static EmbeddedActiveMQ broker(String url, Path data) throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(true);
        config.setSecurityEnabled(false);
        config.setJournalDirectory(data.resolve("journal").toString());
        config.setBindingsDirectory(data.resolve("bindings").toString());
        config.setLargeMessagesDirectory(data.resolve("large").toString());
        config.setPagingDirectory(data.resolve("paging").toString());
        config.addAcceptorConfiguration("tcp", url);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.start();
        return broker;
    }

    @Test
    void anArtemisRestartMidStreamLosesNoCommandAndAppliesNoneTwice() throws Exception {
        String url;
        try (ServerSocket socket = new ServerSocket(0)) {
            url = "tcp://127.0.0.1:" + socket.getLocalPort();
        }
        EmbeddedActiveMQ broker = broker(url, work.resolve("artemis"));
        try (Simulator sim = Simulator.start(SimulatorConfig.create()
                .portal(PortalConfig.portal("jms").rateLimit(null).processingTime(Duration.ofMillis(5))))) {
            BitrixPortal portal = sim.portal("jms");
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            List<String> poison = List.of(
                    "not json", "{\"id\":\"p2\",\"action\":\"remove\",\"portal\":\"jms\",\"line\":{\"title\":\"x\"}}");
            try (var factory = new ActiveMQConnectionFactory(url);
                    JMSContext jms = factory.createContext()) {
                var queue = jms.createQueue("sip.line.commands");
                for (int i = 0; i < 1000; i++) {
                    jms.createProducer()
                            .send(
                                    queue,
                                    KafkaCommandsTest.command("j" + i, "upsert", "jms", "jms-" + i, "pbx.example.com"));
                    if (i == 100 || i == 600) {
                        jms.createProducer().send(queue, poison.get(i == 100 ? 0 : 1));
                    }
                }
            }
            // the client reconnects on its own for as long as it takes the broker to come back
            Process app = PackagedApp.start(
                    work,
                    "jms",
                    portal,
                    trustStore,
                    "-Db24sip.jms.enabled=true",
                    "-Db24sip.jms.url=" + url + "?reconnectAttempts=-1");
            try {
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> portal.lines().size() >= 200);
                broker.stop();
                int atStop = portal.lines().size();
                broker = broker(url, work.resolve("artemis"));
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> portal.lines().size() >= 1000);

                List<SipLineView> lines = portal.lines();
                assertThat(atStop).as("restarted in the middle").isLessThan(1000);
                assertThat(lines).hasSize(1000);
                assertThat(lines.stream().map(SipLineView::title).distinct())
                        .as("no duplicate")
                        .hasSize(1000);
                List<String> dead = new ArrayList<>();
                try (var factory = new ActiveMQConnectionFactory(url);
                        JMSContext jms = factory.createContext();
                        JMSConsumer dlq = jms.createConsumer(jms.createQueue("sip.line.commands.dlq"))) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> {
                        Message m = dlq.receive(200);
                        if (m != null) {
                            dead.add(m.getBody(String.class));
                        }
                        return dead.containsAll(poison);
                    });
                }
            } finally {
                PackagedApp.stop(app);
            }
        } finally {
            broker.stop();
        }
    }

    @Test
    void aKafkaBrokerRestartMidStreamLosesNoCommandAndAppliesNoneTwice() throws Exception {
        try (var kafka = KafkaResource.startRestartableCluster();
                Simulator sim = Simulator.start(SimulatorConfig.create()
                        .portal(PortalConfig.portal("kafka").rateLimit(null).processingTime(Duration.ofMillis(5))))) {
            BitrixPortal portal = sim.portal("kafka");
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            String bootstrap = kafka.bootstrapServers();
            List<String> poison = List.of(
                    "not json",
                    "{\"id\":\"p2\",\"action\":\"remove\",\"portal\":\"kafka\",\"line\":{\"title\":\"x\"}}");
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrap);
            try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 1000; i++) {
                    producer.send(new ProducerRecord<>(
                            "sip-line-commands",
                            "kafka",
                            KafkaCommandsTest.command("k" + i, "upsert", "kafka", "kafka-" + i, "pbx.example.com")));
                    if (i == 100 || i == 600) {
                        producer.send(new ProducerRecord<>("sip-line-commands", "kafka", poison.get(i == 100 ? 0 : 1)));
                    }
                }
            }
            Process app = PackagedApp.start(
                    work,
                    "kafka",
                    portal,
                    trustStore,
                    "-Db24sip.kafka.enabled=true",
                    "-Dkafka.bootstrap.servers=" + bootstrap,
                    // status events to Kafka, and a send that gives up after 2 s while the broker is down: the event
                    // fails, and the poller must offer it again once the broker is back
                    "-Db24sip.status.delay=300",
                    "-Db24sip.status.kafka-topic=sip-line-status?deliveryTimeoutMs=2000&requestTimeoutMs=1000"
                            + "&lingerMs=0&maxBlockMs=1000");
            try {
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> portal.lines().size() >= 200);
                BrokerServer broker = kafka.brokers().values().iterator().next();
                broker.shutdown();
                broker.awaitShutdown();
                int atStop = portal.lines().size();
                // a status change while the broker is down: its event cannot reach the topic now
                int changed = portal.addLine("", "cloud", "status-across-restart", "sip.example.com", "l", "pw");
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> Files.readString(work.resolve("app.log"))
                                .contains("were not taken by the route; they are offered again on the next poll"));
                broker.startup();
                kafka.waitForReadyBrokers();
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> portal.lines().stream()
                                        .filter(l -> l.title().startsWith("kafka-"))
                                        .count()
                                >= 1000);

                // the commands' lines, not the cloud line added for the status event
                List<SipLineView> lines = portal.lines().stream()
                        .filter(l -> l.title().startsWith("kafka-"))
                        .toList();
                assertThat(atStop).as("restarted in the middle").isLessThan(1000);
                assertThat(lines).hasSize(1000);
                assertThat(lines.stream().map(SipLineView::title).distinct())
                        .as("no duplicate")
                        .hasSize(1000);
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
                assertThat(results.stream()
                                .map(x -> KafkaCommandsTest.json(x.value())
                                        .path("id")
                                        .asText())
                                .distinct())
                        .as("a result for every command")
                        .hasSize(1000);
                var dead = KafkaCommandsTest.readUntil(
                        "sip-line-commands-dlq",
                        bootstrap,
                        r -> r.stream().map(ConsumerRecord::value).toList().containsAll(poison));
                assertThat(dead.stream().map(ConsumerRecord::value)).containsAll(poison);
                var statuses = KafkaCommandsTest.readUntil(
                        "sip-line-status",
                        bootstrap,
                        r -> r.stream()
                                .anyMatch(x -> KafkaCommandsTest.json(x.value())
                                                .path("configId")
                                                .asInt()
                                        == changed));
                assertThat(statuses.stream()
                                .map(x -> KafkaCommandsTest.json(x.value()))
                                .filter(j -> j.path("configId").asInt() == changed)
                                .map(j -> j.path("status").asText()))
                        .as("the change made while the broker was down is on the topic, first in its chain")
                        .first()
                        .isEqualTo("wait");
            } finally {
                PackagedApp.stop(app);
            }
        }
    }
}
