package io.github.b24sip.camel.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.b24sip.camel.TrustStores;
import io.github.b24sip.camel.bitrix24.Bitrix24SipComponent;
import io.github.b24sip.camel.bitrix24.Bitrix24SipConfiguration;
import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.github.b24sip.simulator.OAuthApp;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.RateLimit;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.TokenPair;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A plain Camel application (no Quarkus) on two nodes: two CamelContexts, each with its own bitrix24-sip component,
 * sharing one PostgreSQL (a real one, started by the test, migrated with the module's Flyway schema) through this
 * module's stores. One refresh rotates the OAuth pair for both, one poller polls the portal, one bucket paces both.
 */
class TwoNodesOnOneDatabaseTest {

    private static final String CLIENT_ID = "app.nodes";
    private static final String CLIENT_SECRET = "nodes-secret";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @RegisterExtension
    static final MigratedDatabase DATABASE = new MigratedDatabase();

    @TempDir
    static Path dir;

    private Simulator sim;
    private BitrixPortal portal;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<CamelContext> nodes = new ArrayList<>();

    @BeforeEach
    void startPortal() {
        sim = Simulator.start(SimulatorConfig.create()
                .portal(PortalConfig.portal("demo")
                        .app(new OAuthApp(CLIENT_ID, CLIENT_SECRET))
                        .registrationDelays(Duration.ZERO, Duration.ZERO)
                        // a small bucket: two nodes pacing apart would together overflow it
                        .rateLimit(RateLimit.custom(10, 5))));
        portal = sim.portal("demo");
    }

    @AfterEach
    void stopAll() throws Exception {
        for (CamelContext node : nodes) {
            node.stop();
        }
        sim.close();
    }

    /** One node: its own CamelContext and component, the module's stores on the shared database. */
    private CamelContext node(String name, TokenPair issued) throws Exception {
        return node(name, issued, true);
    }

    private CamelContext node(String name, TokenPair issued, boolean poller) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addService(new PgClusterService(
                () -> DATABASE.dataSource(),
                name,
                Duration.ofMillis(200),
                Duration.ofSeconds(3),
                Duration.ofSeconds(2)));
        Bitrix24SipComponent component = new Bitrix24SipComponent();
        Bitrix24SipConfiguration c = component.getConfiguration();
        c.setPortalUrl(portal.baseUrl());
        c.setClientId(CLIENT_ID);
        c.setClientSecret(CLIENT_SECRET);
        c.setAccessToken(issued.accessToken());
        c.setRefreshToken(issued.refreshToken());
        c.setOauthServerUrl(sim.oauthServerUrl());
        c.setSslContextParameters(TrustStores.pkcs12(trustStore(), "changeit"));
        c.setTokenStore(new JdbcTokenStore(DATABASE.dataSource(), () -> TokenSealing.NONE));
        c.setStatusStore(new JdbcStatusStore(DATABASE.dataSource(), "demo", JSON));
        c.setSharedRateBucket(new JdbcRateBucket(DATABASE.dataSource()));
        c.setBurstLimit(10);
        c.setDrainRate(5.0);
        c.setMaxConcurrentRequests(4);
        camel.addComponent("bitrix24-sip", component);
        if (poller) {
            camel.addRoutes(statusRoute(name));
        }
        camel.start();
        nodes.add(camel);
        return camel;
    }

    /** The portal's status poller on every node, run by the leader of its namespace alone. */
    private RouteBuilder statusRoute(String name) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("master:demo-status:bitrix24-sip:status?delay=100&initialDelay=0")
                        .routeId("status")
                        .process(e -> {
                            SipLineStatusEvent event = e.getMessage().getBody(SipLineStatusEvent.class);
                            events.add(name + " " + event.title() + " "
                                    + (event.removed() ? "removed" : event.statusResult()));
                        });
            }
        };
    }

    private Path trustStore() throws Exception {
        Path file = dir.resolve("trust-" + System.identityHashCode(sim) + ".p12");
        sim.tls().writeTrustStore(file, "changeit".toCharArray());
        return file;
    }

    @Test
    void anExpiredPairIsRefreshedOnceForBothNodes() throws Exception {
        TokenPair issued = portal.issueTokens(CLIENT_ID);
        List<ProducerTemplate> both = List.of(
                node("node-a", issued).createProducerTemplate(),
                node("node-b", issued).createProducerTemplate());
        both.forEach(t -> t.requestBody("bitrix24-sip:connectorStatus", (Object) null));
        long before = sim.oauth().tokens().refreshCount();

        portal.expireAccessTokens();
        fire(both, 8);

        assertThat(sim.oauth().tokens().refreshCount()).as("refreshes").isEqualTo(before + 1);
        assertThat(sim.journal().countError("demo", "invalid_grant"))
                .as("a spent refresh token sent again")
                .isZero();
    }

    /** An application sees only the lines it made (voximplant.sip.get filters by APP_ID): these are the test's. */
    @Test
    void oneNodePollsAndTheOtherTakesOverWithoutRepeatingAnEvent() throws Exception {
        TokenPair issued = portal.issueTokens(CLIENT_ID);
        CamelContext a = node("node-a", issued);
        CamelContext b = node("node-b", issued);
        portal.addLine(CLIENT_ID, "cloud", "first", "sip.example.com", "l", "p");
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().anyMatch(e -> e.endsWith("first success")));
        String leader = events.get(0).split(" ")[0];
        assertThat(events).as("events of the first line").allMatch(e -> e.startsWith(leader + " "));
        assertThat(events.stream().filter(e -> e.endsWith("first success"))).hasSize(1);

        (leader.equals("node-a") ? a : b).stop();
        int second = portal.addLine(CLIENT_ID, "cloud", "second", "sip.example.com", "l", "p");
        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().anyMatch(e -> e.endsWith("second success")));
        portal.removeLine(second);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.endsWith("second removed")));

        String follower = leader.equals("node-a") ? "node-b" : "node-a";
        assertThat(events.stream().filter(e -> e.contains(" second ")))
                .as("the second line, polled by the node that took over")
                .allMatch(e -> e.startsWith(follower + " "));
        assertThat(events.stream().filter(e -> e.contains(" first ") && e.startsWith(follower)))
                .as("the first line's unchanged status, repeated after the take-over")
                .isEmpty();
    }

    @Test
    void bothNodesPaceToOneBucket() throws Exception {
        TokenPair issued = portal.issueTokens(CLIENT_ID);
        List<ProducerTemplate> both = List.of(
                node("node-a", issued, false).createProducerTemplate(),
                node("node-b", issued, false).createProducerTemplate());
        // each node's connection made first: a cold start's TLS handshakes delay requests past their reservations
        both.forEach(t -> t.requestBody("bitrix24-sip:connectorStatus", (Object) null));
        fire(both, 40);

        // each node pacing to a bucket of its own drew 22 to 51 refusals here; sharing one, 0 or 1 (a request can still
        // reach the portal later than its reservation said: the pacer's margin covers most of that, and the policy
        // waits out what it does not)
        assertThat(sim.journal().countError("demo", "QUERY_LIMIT_EXCEEDED"))
                .as("refusals of a bucket of 10 filled by both nodes")
                .isLessThanOrEqualTo(2);
        try (Connection c = DATABASE.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM b24sip_rate_buckets")) {
            r.next();
            assertThat(r.getInt(1)).as("bucket rows").isEqualTo(1);
        }
    }

    /** {@code calls} connectorStatus requests, spread over the nodes, four threads each. */
    private static void fire(List<ProducerTemplate> nodes, int calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4 * nodes.size());
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                ProducerTemplate t = nodes.get(i % nodes.size());
                results.add(threads.submit(() -> t.requestBody("bitrix24-sip:connectorStatus", (Object) null)));
            }
            for (Future<Object> r : results) {
                assertThat(r.get()).isNotNull();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
