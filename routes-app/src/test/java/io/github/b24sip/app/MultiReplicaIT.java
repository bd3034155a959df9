package io.github.b24sip.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.app.cluster.PollerShards;
import io.github.b24sip.simulator.OAuthApp;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.RateLimit;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.SipLineView;
import io.github.b24sip.simulator.bitrix.TokenPair;
import io.github.b24sip.simulator.journal.JournalEntry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three copies of the packaged app on one PostgreSQL (a real server, started here), one Kafka cluster with a
 * 6-partition commands topic, one Artemis broker and the simulator, as a user runs several replicas. The copy leading
 * a portal's status poller is killed (SIGKILL) in the middle of the Kafka command stream and started again.
 */
class MultiReplicaIT {

    private static final List<String> PORTALS = List.of("alpha", "beta", "oauth", "paced", "held");
    private static final int COPIES = 3;
    private static final Duration LONG = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    private final Process[] copies = new Process[COPIES];
    private final int[] ports = new int[COPIES];
    private List<String> settings;

    @Test
    void threeCopiesShareOneViewOnePollerPerPortalOneRefreshAndOneBucket() throws Exception {
        SimulatorConfig simConfig = SimulatorConfig.create();
        for (String name : PORTALS) {
            PortalConfig portal = PortalConfig.portal(name)
                    .maxCloudPbx(100)
                    .registrationDelays(Duration.ofMillis(1500), Duration.ofMillis(1500))
                    // the standard bucket's size; its drain of 2/s would make 300 commands a five-minute run alone
                    .rateLimit(name.equals("paced") ? RateLimit.custom(50, 10) : null);
            simConfig.portal(
                    name.equals("oauth") ? portal.app(new OAuthApp("app.replicas", "replica-secret")) : portal);
        }
        try (Simulator sim = Simulator.start(simConfig);
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                var kafka = KafkaResource.startCluster();
                Broker artemis = Broker.start()) {
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("sip-line-commands", 6, (short) 1)))
                        .all()
                        .get();
            }
            for (String name : PORTALS) {
                for (int i = 0; i < 3; i++) {
                    sim.portal(name).addLine("", "cloud", name + "-cloud-" + i, "sip.example.com", "acc-" + i, "pw");
                }
            }
            TokenPair tokens = sim.portal("oauth").issueTokens("app.replicas");
            settings = settings(sim, pg, kafka.bootstrapServers(), artemis.url, trustStore, tokens);
            Path inbox = Files.createDirectories(work.resolve("inbox"));
            for (int i = 0; i < COPIES; i++) {
                start(i);
            }
            try {
                awaitAllReady();
                awaitLeadershipsSettled(sim);
                everyRegistrationChangeIsOneEventAndEachPortalIsPolledOncePerInterval(sim, kafka.bootstrapServers());
                fiveFilesDroppedAtOnceAreEachAppliedByOneCopy(sim, inbox);
                kafkaCommandsKeepTheirOrderThroughAKillAndTheTokensRotateOnce(sim, kafka.bootstrapServers());
                jmsCommandsKeepTheirOrderPerPortal(sim, artemis.url);
                thePacedPortalsBucketHeldForAllCopiesTogether(sim);
                everyCopyShowsTheSameLines();
                aDriftIsReportedOnceAndRepairedOnceAcrossTheCopies(sim, inbox, kafka.bootstrapServers());
                long copiesMb = 0;
                for (Process copy : copies) {
                    copiesMb += residentMegabytes(copy.toHandle());
                }
                long allMb = residentMegabytes(ProcessHandle.current())
                        + ProcessHandle.current()
                                .descendants()
                                .mapToLong(MultiReplicaIT::residentMegabytes)
                                .sum();
                System.out.printf(
                        "MultiReplicaIT: resident memory: the three copies %d MB; with the test JVM (Kafka, Artemis, "
                                + "simulator) and PostgreSQL %d MB%n",
                        copiesMb, allMb);
            } finally {
                for (Process copy : copies) {
                    if (copy != null) {
                        PackagedApp.stop(copy);
                    }
                }
                // kept for a failure's post-mortem (a fail-over that never polls is issue #36's): the temporary
                // directory goes with the test
                for (int i = 0; i < copies.length; i++) {
                    Path log = work.resolve("copy-" + i + ".log");
                    if (Files.exists(log)) {
                        Files.copy(
                                log,
                                Path.of("target/MultiReplicaIT-copy-" + i + ".log"),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    // ---- status

    private void everyRegistrationChangeIsOneEventAndEachPortalIsPolledOncePerInterval(Simulator sim, String bootstrap)
            throws Exception {
        int configId = sim.portal("alpha").addLine("", "cloud", "alpha-new", "sip.example.com", "acc-new", "pw");
        List<ConsumerRecord<String, String>> events = KafkaCommandsTest.readUntil(
                "sip-line-status",
                bootstrap,
                r -> statuses(r, "alpha", configId).contains("success"));
        List<String> alphaLeadership = logLines(PollerShards.namespaceOf("alpha", 64));
        alphaLeadership.addAll(logLines("were not taken by the route"));
        assertThat(statuses(events, "alpha", configId))
                .as(
                        "one event per registration change, whichever copy polls; alpha's leadership and refusals: %s",
                        alphaLeadership)
                .containsExactly("wait", "in_progress", "success");

        sim.journal().clear();
        long start = System.nanoTime();
        await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
        double seconds = (System.nanoTime() - start) / 1e9;
        for (String portal : PORTALS) {
            long polls = sim.journal().count(statusPoll(portal));
            // one poller polls once a second; three would poll three times as often
            assertThat(polls)
                    .as("status polls of " + portal + " in %.1f s", seconds)
                    .isBetween(5L, (long) seconds + 2);
        }
    }

    private static Predicate<JournalEntry> statusPoll(String portal) {
        return e -> portal.equals(e.target())
                && "voximplant.sip.get".equalsIgnoreCase(e.method())
                && String.valueOf(e.params().get("FILTER")).contains("TYPE");
    }

    private static List<String> statuses(List<ConsumerRecord<String, String>> records, String portal, int configId) {
        return records.stream()
                .map(r -> KafkaCommandsTest.json(r.value()))
                .filter(j -> portal.equals(j.path("portal").asText())
                        && j.path("configId").asInt() == configId)
                .map(j -> j.path("removed").asBoolean()
                        ? "removed"
                        : j.path("status").asText())
                .toList();
    }

    // ---- drift

    /**
     * A line declared by a file on the shared inbox, then edited by the portal's administrator: the copy leading the
     * portal's shard reports it once and repairs it once (the declaration is in PostgreSQL, seen by every copy).
     */
    private void aDriftIsReportedOnceAndRepairedOnceAcrossTheCopies(Simulator sim, Path inbox, String bootstrap)
            throws Exception {
        BitrixPortal held = sim.portal("held");
        Files.writeString(
                inbox.resolve(".held.part"),
                "portal,title,type,server,login,password\nheld,held-line,cloud,sip.example.com,acc-h,held-pw\n");
        Files.move(inbox.resolve(".held.part"), inbox.resolve("held.csv"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(LONG).until(() -> !held.linesTitled("held-line").isEmpty());
        int configId = held.linesTitled("held-line").get(0).configId();
        long edited = sim.journal().entries("held").stream()
                .mapToLong(JournalEntry::seq)
                .max()
                .orElse(0);
        held.editLine(configId, Map.of("SERVER", "pbx.admin.example"));

        await().atMost(LONG)
                .until(() -> "sip.example.com"
                        .equals(held.linesTitled("held-line").get(0).server()));
        // three more polls of the portal after the repair: nothing more is written or reported
        long repaired = sim.journal().count(statusPoll("held"));
        await().atMost(LONG).until(() -> sim.journal().count(statusPoll("held")) >= repaired + 3);
        List<String> drift = KafkaCommandsTest.readUntil(
                        "sip-line-status",
                        bootstrap,
                        r -> r.stream()
                                .anyMatch(x -> x.value().contains("\"drift\":\"resolved\"")
                                        && x.value().contains("held-line")))
                .stream()
                .map(r -> KafkaCommandsTest.json(r.value()))
                .filter(j -> "drift".equals(j.path("kind").asText())
                        && "held-line".equals(j.path("title").asText()))
                .map(j -> j.path("drift").asText())
                .toList();
        assertThat(drift).as("one report across three copies").containsExactly("changed", "resolved");
        // a sync writes in batches: the updates are counted alone or inside a batch
        assertThat(sim.journal().entries("held").stream()
                        .filter(e -> e.seq() > edited)
                        .mapToLong(e -> ("voximplant.sip.update".equals(e.method()) ? 1 : 0)
                                + e.inner().stream()
                                        .filter(c -> "voximplant.sip.update".equals(c.method()))
                                        .count())
                        .sum())
                .as("one repair across three copies")
                .isEqualTo(1);
    }

    // ---- CSV

    private void fiveFilesDroppedAtOnceAreEachAppliedByOneCopy(Simulator sim, Path inbox) throws Exception {
        long addsBefore = sim.journal().countCalls("beta", "voximplant.sip.add");
        List<Path> staged = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            StringBuilder csv = new StringBuilder("portal,title,type,server,login,password\n");
            for (int r = 0; r < 20; r++) {
                csv.append("beta,file-")
                        .append(f)
                        .append("-row-")
                        .append(r)
                        .append(",office,pbx.example.com,")
                        .append(r)
                        .append(",pw\n");
            }
            staged.add(Files.writeString(work.resolve("file-" + f + ".csv"), csv));
        }
        for (Path file : staged) {
            Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        await().atMost(LONG)
                .until(() -> staged.stream()
                        .allMatch(f -> Files.exists(inbox.resolve("done").resolve(f.getFileName()))));
        assertThat(sim.journal().countCalls("beta", "voximplant.sip.add"))
                .as("one add per row")
                .isEqualTo(addsBefore + 100);
        for (Path file : staged) {
            assertThat(logLines("report written to").stream()
                            .filter(l -> l.contains(file.getFileName() + ":"))
                            .count())
                    .as(file.getFileName() + " reported once")
                    .isEqualTo(1);
        }
    }

    // ---- Kafka, OAuth, the kill

    private void kafkaCommandsKeepTheirOrderThroughAKillAndTheTokensRotateOnce(Simulator sim, String bootstrap)
            throws Exception {
        Chains chains = new Chains("k");
        long refreshesBefore = sim.oauth().tokens().refreshCount();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            chains.commands.forEach(c -> producer.send(new ProducerRecord<>("sip-line-commands", c[0], c[1])));
            producer.flush();
        }
        // mid-stream: expire the OAuth tokens, kill the copy leading alpha's poller, delete a line in the gap
        await().atMost(LONG).until(() -> linesWithPrefix(sim, "k-").size() >= 40);
        sim.oauth().tokens().expireAccessTokens("oauth");
        int leader = leaderOf("alpha");
        SipLineView gone = sim.portal("alpha").lines().stream()
                .filter(l -> l.title().equals("alpha-cloud-0"))
                .findFirst()
                .orElseThrow();
        copies[leader].destroyForcibly().waitFor();
        long killedAt = System.currentTimeMillis();
        sim.portal("alpha").removeLine(gone.configId());
        await().atMost(LONG).until(() -> sim.oauth().tokens().refreshCount() >= refreshesBefore + 1);
        sim.oauth().tokens().expireAccessTokens("oauth");
        await().atMost(LONG).until(() -> sim.oauth().tokens().refreshCount() >= refreshesBefore + 2);
        start(leader);
        sim.oauth().tokens().expireAccessTokens("oauth");
        await().atMost(LONG).until(() -> sim.oauth().tokens().refreshCount() >= refreshesBefore + 3);

        List<ConsumerRecord<String, String>> results = KafkaCommandsTest.readUntil(
                "sip-line-results", bootstrap, r -> ids(r).size() >= chains.commands.size());
        assertThat(ids(results)).as("a result for every command").hasSize(chains.commands.size());
        assertThat(results.size())
                .as("one result per command id (at most one repeated by the kill)")
                .isBetween(chains.commands.size(), chains.commands.size() + 1);
        chains.assertFinalLines(sim);
        assertThat(deadLetters(bootstrap)).as("no good command dead-lettered").isEmpty();
        assertThat(sim.oauth().tokens().refreshCount())
                .as("three expiries, three refreshes, whichever copy noticed")
                .isEqualTo(refreshesBefore + 3);
        assertThat(sim.journal().countError("oauth", "invalid_grant")).isZero();

        // after the fail-over: the line deleted in the gap is one removal; the unchanged lines are no event
        awaitAllReady();
        List<ConsumerRecord<String, String>> after = KafkaCommandsTest.readUntil(
                "sip-line-status",
                bootstrap,
                r -> statuses(r, "alpha", gone.configId()).contains("removed"));
        List<JsonNode> sinceKill = after.stream()
                .filter(r -> r.timestamp() >= killedAt)
                .map(r -> KafkaCommandsTest.json(r.value()))
                .filter(j -> j.path("portal").asText().equals("alpha"))
                .toList();
        assertThat(sinceKill)
                .as("alpha's events since the kill")
                .singleElement()
                .satisfies(j -> assertThat(j.path("removed").asBoolean()).isTrue())
                .satisfies(j -> assertThat(j.path("configId").asInt()).isEqualTo(gone.configId()));
    }

    private static Set<String> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .map(r -> KafkaCommandsTest.json(r.value()).path("id").asText())
                .collect(Collectors.toSet());
    }

    private static List<String> deadLetters(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "dlq-check");
        p.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<String, String>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("sip-line-commands-dlq"));
            List<String> out = new ArrayList<>();
            consumer.poll(Duration.ofSeconds(3)).forEach(r -> out.add(r.value()));
            return out;
        }
    }

    // ---- JMS

    private void jmsCommandsKeepTheirOrderPerPortal(Simulator sim, String url) throws Exception {
        Chains chains = new Chains("j");
        try (var factory = new ActiveMQConnectionFactory(url);
                JMSContext jms = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue commands = jms.createQueue("sip.line.commands");
            for (String[] c : chains.commands) {
                JMSProducer producer = jms.createProducer().setProperty("JMSXGroupID", c[0]);
                producer.send(commands, c[1]);
            }
            jms.commit();
        }
        Set<String> ids = new HashSet<>();
        int received = 0;
        try (var factory = new ActiveMQConnectionFactory(url);
                JMSContext jms = factory.createContext()) {
            var results = jms.createConsumer(jms.createQueue("sip.line.results"));
            long deadline = System.nanoTime() + LONG.toNanos();
            while (ids.size() < chains.commands.size() && System.nanoTime() < deadline) {
                Message m = results.receive(1000);
                if (m != null) {
                    received++;
                    ids.add(KafkaCommandsTest.json(m.getBody(String.class))
                            .path("id")
                            .asText());
                }
            }
            assertThat(ids).as("a JMS result for every command").hasSize(chains.commands.size());
            assertThat(received).as("one JMS result per command").isEqualTo(chains.commands.size());
            assertThat(jms.createConsumer(jms.createQueue("sip.line.commands.dlq"))
                            .receive(500))
                    .as("nothing dead-lettered")
                    .isNull();
        }
        chains.assertFinalLines(sim);
    }

    // ---- the shared bucket

    private void thePacedPortalsBucketHeldForAllCopiesTogether(Simulator sim) {
        long requests = sim.journal().count(e -> "paced".equals(e.target()));
        long refused = sim.journal().countError("paced", "QUERY_LIMIT_EXCEEDED");
        System.out.printf(
                "MultiReplicaIT: paced portal, 300 commands through three copies: %d requests, %d x 503%n",
                requests, refused);
        assertThat(requests).isGreaterThanOrEqualTo(600);
        // under 5 % is the aim; without the shared bucket the copies drew 40 x 503 in 793 calls (5.0 %) here, with it
        // none: 2 % keeps the test telling the two apart
        assertThat(refused * 100.0 / requests)
                .as("503s in %% of %d calls", requests)
                .isLessThan(2.0);
    }

    // ---- one view

    private void everyCopyShowsTheSameLines() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int port : ports) {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/lines"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            bodies.add(r.body());
        }
        assertThat(bodies.get(0)).contains("alpha-new");
        assertThat(bodies).as("GET /api/lines on every copy").containsOnly(bodies.get(0));
        HttpResponse<String> metrics = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[0] + "/q/metrics"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("instance=\"copy-0\"");
    }

    // ---- the command chains

    /**
     * 150 commands per portal: 25 titles, each with a chain upsert, delete, upsert, upsert, delete, upsert (or a chain
     * ending in a delete for every third title), interleaved across titles. The final lines equal applying each
     * portal's
     * commands in order.
     */
    private static final class Chains {
        final List<String[]> commands = new ArrayList<>();
        final Map<String, Map<String, String>> expected = new TreeMap<>();
        final String prefix;

        Chains(String prefix) {
            this.prefix = prefix;
            String[] steps = {"upsert", "delete", "upsert", "upsert", "delete", "upsert"};
            for (String portal : PORTALS) {
                Map<String, String> finalServers = new TreeMap<>();
                for (int step = 0; step < steps.length; step++) {
                    for (int t = 0; t < 25; t++) {
                        String title = prefix + "-" + portal + "-" + t;
                        boolean endsDeleted = t % 3 == 0 && step == steps.length - 1;
                        String action = endsDeleted ? "delete" : steps[step];
                        String server = "s" + step + ".example.com";
                        String id = prefix + "-" + portal + "-" + t + "-" + step;
                        commands.add(
                                new String[] {portal, KafkaCommandsTest.command(id, action, portal, title, server)});
                        if (action.equals("upsert")) {
                            finalServers.put(title, server);
                        } else {
                            finalServers.remove(title);
                        }
                    }
                }
                expected.put(portal, finalServers);
            }
        }

        void assertFinalLines(Simulator sim) {
            for (String portal : PORTALS) {
                Map<String, String> actual = new TreeMap<>();
                linesWithPrefix(sim, prefix + "-" + portal + "-").stream()
                        .filter(l -> l.configId() > 0)
                        .forEach(l -> actual.merge(l.title(), l.server(), (a, b) -> a + "+" + b));
                assertThat(actual)
                        .as(portal + " after applying its commands in order")
                        .isEqualTo(expected.get(portal));
            }
        }
    }

    private static List<SipLineView> linesWithPrefix(Simulator sim, String prefix) {
        List<SipLineView> lines = new ArrayList<>();
        for (String portal : PORTALS) {
            sim.portal(portal).lines().stream()
                    .filter(l -> l.title().startsWith(prefix))
                    .forEach(lines::add);
        }
        return lines;
    }

    // ---- the copies

    private List<String> settings(
            Simulator sim, EmbeddedPostgres pg, String bootstrap, String jmsUrl, Path trustStore, TokenPair tokens) {
        List<String> s = new ArrayList<>();
        for (String name : PORTALS) {
            BitrixPortal portal = sim.portal(name);
            String p = "-Db24sip.portals." + name + ".";
            s.addAll(List.of(
                    p + "url=" + portal.baseUrl(),
                    p + "trust-store-file=" + trustStore,
                    p + "trust-store-password=changeit"));
            if (name.equals("oauth")) {
                s.addAll(List.of(
                        p + "client-id=app.replicas",
                        p + "client-secret=replica-secret",
                        p + "access-token=" + tokens.accessToken(),
                        p + "refresh-token=" + tokens.refreshToken(),
                        p + "oauth-server-url=" + sim.oauthServerUrl(),
                        p + "rate-limit-plan=none"));
            } else {
                s.addAll(List.of(
                        p + "user-id=" + portal.webhook().userId(),
                        p + "token=" + portal.webhook().code()));
                s.add(name.equals("paced") ? p + "rate-limit-plan=standard" : p + "rate-limit-plan=none");
            }
        }
        // the simulator's paced bucket drains 10 per second
        s.add("-Db24sip.portals.paced.drain-rate=10");
        s.add("-Db24sip.portals.held.drift-policy=repair");
        s.add("-Db24sip.drift.settle=1s");
        s.addAll(List.of(
                "-Db24sip.secrets.key=" + PackagedApp.SECRETS_KEY,
                "-Dquarkus.datasource.jdbc.url=" + pg.getJdbcUrl("postgres", "postgres"),
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=postgres",
                "-Db24sip.csv.dir=" + work.resolve("inbox"),
                "-Db24sip.csv.delay=200",
                "-Db24sip.status.delay=1000",
                "-Db24sip.kafka.enabled=true",
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dcamel.component.kafka.sessionTimeoutMs=6000",
                "-Dcamel.component.kafka.heartbeatIntervalMs=2000",
                "-Db24sip.status.kafka-topic=sip-line-status",
                "-Db24sip.jms.enabled=true",
                "-Db24sip.jms.url=" + jmsUrl,
                "-Db24sip.commands.retry-delay=200"));
        return s;
    }

    private void start(int i) throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            ports[i] = socket.getLocalPort();
        }
        List<String> command =
                new ArrayList<>(List.of("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(settings);
        command.addAll(List.of(
                "-Db24sip.instance=copy-" + i,
                "-Dquarkus.http.port=" + ports[i],
                "-jar",
                Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        copies[i] = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        work.resolve("copy-" + i + ".log").toFile()))
                .start();
    }

    private void awaitAllReady() {
        await().atMost(LONG).until(() -> {
            for (int port : ports) {
                try {
                    HttpResponse<String> r = HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        return false;
                    }
                } catch (IOException e) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Ready means able to serve, not that every poller has started: copies that start one after another hand leaderships
     * over until each has its share. Waits until the copies' logs show no leadership change for 3 s.
     */
    /**
     * Until no copy has taken or given a leadership for 3 s and every portal is being polled again since then: a
     * registration that moves before its portal's poller runs would never show its first status.
     */
    private void awaitLeadershipsSettled(Simulator sim) {
        long[] last = {-1, System.nanoTime()};
        await().atMost(LONG).pollInterval(Duration.ofMillis(250)).until(() -> {
            long changes = logLines("leads b24sip-shard-").size();
            if (changes != last[0]) {
                last[0] = changes;
                last[1] = System.nanoTime();
            }
            return System.nanoTime() - last[1] > Duration.ofSeconds(3).toNanos();
        });
        sim.journal().clear();
        await().atMost(LONG)
                .until(() -> PORTALS.stream().allMatch(p -> sim.journal().count(statusPoll(p)) >= 2));
    }

    /** The copy that leads the portal's status poller now, from the copies' logs. */
    private int leaderOf(String portal) {
        String namespace = PollerShards.namespaceOf(portal, 64);
        return await().atMost(LONG)
                .until(
                        () -> {
                            Map<Integer, Boolean> leads = new HashMap<>();
                            for (int i = 0; i < COPIES; i++) {
                                for (String line : Files.readAllLines(work.resolve("copy-" + i + ".log"))) {
                                    if ((line + " ").contains("Instance copy-" + i + " leads " + namespace + " ")) {
                                        leads.put(i, true);
                                    } else if ((line + " ")
                                            .contains("Instance copy-" + i + " hands " + namespace + " over")) {
                                        leads.put(i, false);
                                    }
                                }
                            }
                            List<Integer> leaders = leads.entrySet().stream()
                                    .filter(Map.Entry::getValue)
                                    .map(Map.Entry::getKey)
                                    .toList();
                            return leaders.size() == 1 ? leaders.get(0) : -1;
                        },
                        leader -> leader >= 0);
    }

    private List<String> logLines(String containing) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < COPIES; i++) {
            Files.readAllLines(work.resolve("copy-" + i + ".log")).stream()
                    .filter(l -> l.contains(containing))
                    .forEach(lines::add);
        }
        return lines;
    }

    /** A process's resident set (VmRSS), 0 when it has gone. */
    private static long residentMegabytes(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // gone
        }
        return 0;
    }

    /** An embedded Artemis broker on a free port, as the Quarkus tests' resource starts it. */
    private record Broker(EmbeddedActiveMQ broker, String url) implements AutoCloseable {
        static Broker start() throws Exception {
            String url;
            try (ServerSocket socket = new ServerSocket(0)) {
                url = "tcp://127.0.0.1:" + socket.getLocalPort();
            }
            return new Broker(ArtemisResource.startBroker(url), url);
        }

        @Override
        public void close() throws Exception {
            broker.stop();
        }
    }
}
