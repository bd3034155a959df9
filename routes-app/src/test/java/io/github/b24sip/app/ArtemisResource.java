package io.github.b24sip.app;

import io.github.b24sip.app.demo.DemoBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/** A real ActiveMQ Artemis broker, embedded, without persistence, on a free loopback port. */
public class ArtemisResource implements QuarkusTestResourceLifecycleManager {

    public static final String STATUS_TOPIC = "sip.line.status";
    private static EmbeddedActiveMQ broker;
    private static String url;

    public static String url() {
        return url;
    }

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            url = "tcp://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        broker = startBroker(url);
        return Map.of(
                "b24sip.jms.enabled",
                "true",
                "b24sip.jms.url",
                url,
                "b24sip.jms.max-deliveries",
                "3",
                "b24sip.status.jms-topic",
                STATUS_TOPIC);
    }

    /** A started broker without persistence, its acceptor at {@code url}; the caller stops it. The demo's broker. */
    static EmbeddedActiveMQ startBroker(String url) {
        return DemoBroker.start(url);
    }

    @Override
    public void stop() {
        try {
            if (broker != null) {
                broker.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
