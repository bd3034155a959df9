package io.github.b24sip.camel.jdbc;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * A join and a release wake the other instances (LISTEN/NOTIFY): with a heartbeat of ten minutes, after each
 * instance's first one, only notifications can move leases. A second instance joins and the two end with two
 * namespaces each; without the notifications the first would hand nothing over until its next heartbeat, ten minutes
 * on, and the wait below gives up long before.
 */
class LeaseNotificationsTest {

    private static final Duration HEARTBEAT = Duration.ofMinutes(10);

    @RegisterExtension
    static final MigratedDatabase DATABASE = new MigratedDatabase();

    private final List<CamelContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
    }

    @Test
    void aJoinAndTheLeasesGivenBackMoveAtOnceNotAtTheNextHeartbeat() throws Exception {
        List<CamelClusterView> first = instance("one");
        await().atMost(Duration.ofMinutes(1)).until(() -> led(first) == 4);

        List<CamelClusterView> second = instance("two");
        await().atMost(Duration.ofMinutes(1)).until(() -> led(first) == 2 && led(second) == 2);
    }

    /** An instance with four namespaces open; returns their views. */
    private List<CamelClusterView> instance(String name) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        PgClusterService cluster = new PgClusterService(
                () -> DATABASE.dataSource(), name, HEARTBEAT, HEARTBEAT.multipliedBy(3), HEARTBEAT.multipliedBy(2));
        camel.addService(cluster);
        camel.start();
        contexts.add(camel);
        List<CamelClusterView> views = new ArrayList<>();
        for (String ns : IntStream.range(0, 4).mapToObj(i -> "ns-" + i).toList()) {
            views.add(cluster.getView(ns));
        }
        return views;
    }

    private static long led(List<CamelClusterView> views) {
        return views.stream()
                .filter(v -> v.getLeader().filter(m -> m.isLocal()).isPresent())
                .count();
    }
}
