package io.github.b24sip.app;

import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.Webhook;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.journal.JournalEntry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leadership as a lease, and CSV claims kept alive (issue 23), with two packaged copies on one PostgreSQL: copy A
 * reaches it through a TCP proxy that the test makes stall, copy B directly. Each copy calls the portal with a webhook
 * of its own, so the simulator's journal tells whose requests are whose.
 */
class LeaseFailoverIT {

    private static final Duration LONG = Duration.ofSeconds(120);
    private static final Duration RENEW_DEADLINE = Duration.ofMillis(2500);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void aSlowFileOutlivesItsClaimTimeoutOnOneCopyAndAStalledLeaderStopsBeforeTheOtherPolls() throws Exception {
        SimulatorConfig config = SimulatorConfig.create()
                .portal(PortalConfig.portal("alpha")
                        .rateLimit(null)
                        .webhook(new Webhook(1, "copy-a-code"))
                        .webhook(new Webhook(2, "copy-b-code")));
        try (Simulator sim = Simulator.start(config);
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                StallingProxy proxy = new StallingProxy(pg.getPort())) {
            BitrixPortal alpha = sim.portal("alpha");
            alpha.addLine("", "cloud", "cloud-1", "sip.example.com", "l", "pw");
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            String direct = pg.getJdbcUrl("postgres", "postgres");
            String proxied = direct.replace(":" + pg.getPort() + "/", ":" + proxy.port() + "/");
            assertThat(proxied).isNotEqualTo(direct);
            int[] ports = {freePort(), freePort()};
            Process a = start("a", 1, "copy-a-code", proxied, ports[0], alpha, trustStore);
            Process b = null;
            try {
                await().atMost(LONG).until(() -> ready(ports[0]));
                await().atMost(LONG).until(() -> sim.journal().count(poll("webhook:1")) > 0);
                b = start("b", 2, "copy-b-code", direct, ports[1], alpha, trustStore);
                await().atMost(LONG).until(() -> ready(ports[1]));
                // with a database, readiness checks it (and only then: OperationsTest checks there is none without)
                for (int port : ports) {
                    assertThat(health(port))
                            .containsPattern(
                                    "\"name\" ?: ?\"Shared store \\(PostgreSQL\\)\",\\s*\"status\" ?: ?\"UP\"");
                }

                aFileLongerThanTheClaimTimeoutIsAppliedByOneCopy(sim, alpha);

                long aPollsBefore = sim.journal().count(poll("webhook:1"));
                await().atMost(LONG).until(() -> sim.journal().count(poll("webhook:1")) >= aPollsBefore + 2);
                assertThat(sim.journal().count(poll("webhook:2")))
                        .as("copy B does not poll while copy A leads")
                        .isZero();
                Instant stalled = Instant.now();
                proxy.stall();
                await().atMost(LONG).until(() -> sim.journal().count(poll("webhook:2")) > 0);
                Instant lastOfA = sim.journal().entries(poll("webhook:1")).stream()
                        .map(JournalEntry::at)
                        .max(Instant::compareTo)
                        .orElseThrow();
                Instant firstOfB = sim.journal().entries(poll("webhook:2")).stream()
                        .map(JournalEntry::at)
                        .min(Instant::compareTo)
                        .orElseThrow();
                assertThat(lastOfA)
                        .as("no poll round of the portal from two copies at once")
                        .isBefore(firstOfB);
                assertThat(lastOfA)
                        .as("copy A polled until its database stalled")
                        .isAfter(stalled.minusSeconds(1));
                // it stopped on its own deadline, not because the stalled database told it anything
                assertThat(Files.readString(work.resolve("a/app.log")))
                        .contains("could not renew its leases within PT2.5S");
            } finally {
                PackagedApp.stop(a);
                if (b != null) {
                    PackagedApp.stop(b);
                }
                // kept for a failure's post-mortem: the temporary directory goes with the test
                for (String copy : List.of("a", "b")) {
                    Path log = work.resolve(copy + "/app.log");
                    if (Files.exists(log)) {
                        Files.copy(
                                log,
                                Path.of("target/LeaseFailoverIT-" + copy + ".log"),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    /**
     * A claim timeout of 3 s and adds that take 2 s each batch: a 150-row file takes longer than the timeout, and its
     * claim is renewed meanwhile, so the other copy never takes it. One add per row, one report.
     */
    private void aFileLongerThanTheClaimTimeoutIsAppliedByOneCopy(Simulator sim, BitrixPortal alpha) throws Exception {
        alpha.faults().rate(1.0, "voximplant.sip.add", Fault.delay(Duration.ofSeconds(2)));
        try {
            StringBuilder csv = new StringBuilder("portal,title,type,server,login,password\n");
            for (int r = 0; r < 150; r++) {
                csv.append("alpha,slow-")
                        .append(r)
                        .append(",office,pbx.example.com,")
                        .append(r)
                        .append(",pw\n");
            }
            Path inbox = Files.createDirectories(work.resolve("inbox"));
            Path staging = work.resolve("slow.csv.part");
            Files.writeString(staging, csv, StandardCharsets.UTF_8);
            Files.move(staging, inbox.resolve("slow.csv"), StandardCopyOption.ATOMIC_MOVE);
            await().atMost(LONG).until(() -> Files.exists(inbox.resolve("done/slow.csv")));
        } finally {
            alpha.faults().clear();
        }
        List<JournalEntry> adds = sim.journal().entries(e -> e.ran("voximplant.sip.add"));
        long addCalls = adds.stream()
                .mapToLong(e -> e.inner().isEmpty()
                        ? 1
                        : e.inner().stream()
                                .filter(i -> i.method().equalsIgnoreCase("voximplant.sip.add"))
                                .count())
                .sum();
        assertThat(adds.stream().map(JournalEntry::credential).distinct())
                .as(
                        "by one copy: %s",
                        adds.stream()
                                .map(e -> e.credential() + "@" + e.at() + " "
                                        + e.inner().size() + " " + e.fault())
                                .toList())
                .hasSize(1);
        assertThat(addCalls).as("one add per row: the file was applied once").isEqualTo(150);
        assertThat(alpha.lines().stream().filter(l -> l.title().startsWith("slow-")))
                .hasSize(150);
    }

    private static Predicate<JournalEntry> poll(String credential) {
        return e -> credential.equals(e.credential())
                && "voximplant.sip.get".equalsIgnoreCase(e.method())
                && String.valueOf(e.params().get("FILTER")).contains("TYPE");
    }

    private Process start(
            String name, int userId, String code, String jdbcUrl, int port, BitrixPortal portal, Path trustStore)
            throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        String p = "-Db24sip.portals.alpha.";
        return PackagedApp.start(
                dir,
                List.of(
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        p + "url=" + portal.baseUrl(),
                        p + "user-id=" + userId,
                        p + "token=" + code,
                        p + "trust-store-file=" + trustStore,
                        p + "trust-store-password=changeit",
                        p + "rate-limit-plan=none",
                        "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                        "-Dquarkus.datasource.username=postgres",
                        "-Dquarkus.datasource.password=postgres",
                        "-Db24sip.instance=copy-" + name,
                        "-Db24sip.csv.dir=" + work.resolve("inbox"),
                        "-Db24sip.status.delay=300",
                        "-Db24sip.cluster.heartbeat=500ms",
                        "-Db24sip.cluster.renew-deadline=" + RENEW_DEADLINE.toMillis() + "ms",
                        "-Db24sip.cluster.lease-duration=5s",
                        // one shard: its lease goes to the first instance by name (copy A) while both are alive, so
                        // the failover below is the stalled leader's, not a spread of shards (ScaleOutIT has that)
                        "-Db24sip.cluster.shards=1",
                        "-Db24sip.cluster.csv-claim-timeout=3s",
                        "-Dquarkus.http.port=" + port));
    }

    private static String health(int port) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static boolean ready(int port) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
