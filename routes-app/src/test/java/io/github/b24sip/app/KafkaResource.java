package io.github.b24sip.app;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/** A real single-node Kafka (KRaft, combined broker and controller) from Kafka's own test kit, in-process. */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    public static final String STATUS_TOPIC = "sip-line-status";
    private static volatile String bootstrapServers;
    private KafkaClusterTestKit cluster;

    /** The bootstrap servers of the cluster the Quarkus tests share. */
    public static String bootstrapServers() {
        return bootstrapServers;
    }

    /** A new started single-node cluster; the caller closes it. */
    public static KafkaClusterTestKit startCluster() {
        return startCluster(0);
    }

    /**
     * A new started single-node cluster whose broker listens on a fixed port, so that its broker can be shut down and
     * started again (as Kafka's own tests do) at the address clients bootstrap from. The test kit's default port 0
     * would move the restarted broker to a new port, which no client could find.
     */
    public static KafkaClusterTestKit startRestartableCluster() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.close(); // free before the broker binds it; the port number stays readable
            return startCluster(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KafkaClusterTestKit startCluster(int brokerPort) {
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            if (brokerPort != 0) {
                // the controller keeps the socket the test kit bound for it in advance (port 0 here)
                builder.setConfigProp(
                        "listeners",
                        nodes.brokerListenerName().value() + "://localhost:" + brokerPort + ","
                                + nodes.controllerListenerName().value() + "://localhost:0");
            }
            KafkaClusterTestKit cluster = builder
                    // one broker: internal topics cannot have three replicas, and nobody should wait for more members
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (Exception e) {
            throw new IllegalStateException("Kafka test cluster did not start", e);
        }
    }

    @Override
    public Map<String, String> start() {
        cluster = startCluster();
        bootstrapServers = cluster.bootstrapServers();
        return Map.of(
                "kafka.bootstrap.servers",
                cluster.bootstrapServers(),
                "b24sip.kafka.enabled",
                "true",
                "b24sip.status.kafka-topic",
                STATUS_TOPIC);
    }

    @Override
    public void stop() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
