package io.github.b24sip.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.simulator.OAuthApp;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.ApplicationInstaller.Installation;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.SipLineView;
import io.github.b24sip.simulator.fault.Fault;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Portals that come and go by application install, with no portal in the properties and no restart. Two packaged
 * copies on PostgreSQL: three portals install the application through copy A; a CSV naming them by name, domain and
 * member_id is applied by copy B; status changes reach Kafka once each; an uninstall posted to B stops the portal on
 * both copies within 10 s and its rows and commands are refused as unknown; a forged uninstall and a forged install
 * answer 401 and change nothing; both copies restarted keep the two portals and refresh their tokens; no table holds a
 * token, secret or application token in clear. Then one copy with no database: the same flow, and after a restart the
 * portals are back from the sealed, owner-only portal file.
 */
class InstalledPortalsIT {

    private static final Duration LONG = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String APP = "app.fleet";
    private static final String SECRET = "fleet-secret-" + UUID.randomUUID();
    private static final List<String> PORTALS = List.of("p1", "p2", "p3");

    @TempDir
    Path work;

    private Simulator sim;
    private Path trustStore;
    private Copy a;
    private Copy b;
    private Copy one;

    @Test
    void twoCopiesOnPostgresqlTakeInstalledPortalsWithoutARestart() throws Exception {
        try (Simulator simulator = Simulator.start(simulatorConfig());
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                var kafka = KafkaResource.startCluster()) {
            sim = simulator;
            trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            List<String> shared = new ArrayList<>(common());
            shared.addAll(List.of(
                    "-Dquarkus.datasource.jdbc.url=" + pg.getJdbcUrl("postgres", "postgres"),
                    "-Dquarkus.datasource.username=postgres",
                    "-Dquarkus.datasource.password=postgres",
                    "-Db24sip.kafka.enabled=true",
                    "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                    "-Db24sip.status.kafka-topic=sip-line-status"));
            // A reads another inbox, so the shared inbox's files are B's to apply
            a = Copy.start(work, "a", shared, "-Db24sip.csv.dir=" + work.resolve("inbox-a"));
            b = Copy.start(work, "b", shared, "-Db24sip.csv.dir=" + work.resolve("inbox"));
            Map<String, Installation> installs = new LinkedHashMap<>();
            try {
                a.awaitReady();
                b.awaitReady();
                for (String name : PORTALS) {
                    Installation installed = sim.portal(name).installApplication(APP, a.events());
                    assertThat(installed.status()).as(installed.answer()).isEqualTo(200);
                    installs.put(name, installed);
                }
                Map<String, String> names = new LinkedHashMap<>();
                installs.forEach((p, i) -> names.put(
                        p, KafkaCommandsTest.json(i.answer()).path("portal").asText()));
                await().atMost(LONG)
                        .until(() -> a.portals().size() == 3 && b.portals().size() == 3);

                // lines made once every portal is known everywhere: each status change reaches Kafka once
                Map<String, Integer> lines = new LinkedHashMap<>();
                for (String p : PORTALS) {
                    lines.put(p, sim.portal(p).addLine(APP, "cloud", p + "-line", "sip.example.com", "acc", "pw"));
                }
                List<ConsumerRecord<String, String>> events = KafkaCommandsTest.readUntil(
                        "sip-line-status",
                        kafka.bootstrapServers(),
                        r -> PORTALS.stream()
                                .allMatch(p ->
                                        statuses(r, names.get(p), lines.get(p)).contains("success")));
                for (String p : PORTALS) {
                    List<String> seen = statuses(events, names.get(p), lines.get(p));
                    assertThat(seen)
                            .as(p + ": each change once")
                            .doesNotHaveDuplicates()
                            .endsWith("success");
                }

                // B applies a CSV naming the portals by name, domain and member_id
                String csv = "portal,title,type,server,login,password\n"
                        + names.get("p1") + ",csv-1,office,pbx.example.com,1,pw\n"
                        + domain(sim.portal("p2")) + ",csv-2,office,pbx.example.com,2,pw\n"
                        + sim.portal("p3").memberId() + ",csv-3,office,pbx.example.com,3,pw\n";
                drop(work.resolve("inbox"), "three.csv", csv);
                await().atMost(LONG).until(() -> Files.exists(work.resolve("inbox/done/three.csv")));
                for (String p : PORTALS) {
                    List<SipLineView> made = sim.portal(p).linesTitled("csv-" + p.substring(1));
                    assertThat(made).as(p).hasSize(1);
                    assertThat(made.get(0).appId()).isEqualTo(APP);
                }
                assertThat(b.log()).contains("three.csv");

                // p3 uninstalls through B: gone from both copies within 10 s, its rows and commands refused
                Installation removed = sim.portal("p3").uninstallApplication(APP, b.events(), true);
                assertThat(removed.status()).as(removed.answer()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> a.log().contains("Portal " + names.get("p3") + " removed")
                                && b.log().contains("Portal " + names.get("p3") + " removed"));
                long pollsAfter = statusPolls("p3");
                drop(
                        work.resolve("inbox"),
                        "late.csv",
                        "portal,title,type,server,login,password\n"
                                + sim.portal("p3").memberId() + ",late,office,pbx.example.com,4,pw\n");
                await().atMost(LONG).until(() -> Files.exists(work.resolve("inbox/done/late.csv")));
                assertThat(Files.readString(work.resolve("inbox/reports/late.csv.report.json")))
                        .contains("is an unknown portal");
                Properties kp = new Properties();
                kp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
                try (KafkaProducer<String, String> producer =
                        new KafkaProducer<>(kp, new StringSerializer(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>(
                            "sip-line-commands",
                            names.get("p3"),
                            KafkaCommandsTest.command("gone-1", "upsert", names.get("p3"), "gone", "pbx.example.com")));
                }
                List<ConsumerRecord<String, String>> dead = KafkaCommandsTest.readUntil(
                        "sip-line-commands-dlq", kafka.bootstrapServers(), r -> !r.isEmpty());
                assertThat(dead.get(0).headers().toArray())
                        .anyMatch(h -> new String(h.value(), StandardCharsets.UTF_8).contains("unknown portal"));
                assertThat(statusPolls("p3")).as("not polled once uninstalled").isLessThanOrEqualTo(pollsAfter + 1);

                // forged: an uninstall with a wrong application token, an install with a refresh token nobody issued
                assertThat(sim.portal("p1")
                                .postUninstallEvent(APP, b.events(), "wrong")
                                .status())
                        .isEqualTo(401);
                HttpResponse<String> forged = HTTP.send(
                        HttpRequest.newBuilder(URI.create(a.events()))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("event=ONAPPINSTALL"
                                        + "&auth%5Bmember_id%5D="
                                        + sim.portal("p1").memberId()
                                        + "&auth%5Bclient_endpoint%5D=https%3A%2F%2Fevil.example.com%2Frest%2F"
                                        + "&auth%5Brefresh_token%5D=forged&auth%5Bapplication_token%5D=forged"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(forged.statusCode()).isEqualTo(401);
                assertThat(b.portal(names.get("p1")).path("url").asText())
                        .isEqualTo(sim.portal("p1").baseUrl());

                // both copies restarted: the two portals are back, and their tokens refresh
                a.stop();
                b.stop();
                long refreshes = sim.oauth().tokens().refreshCount();
                // the forged install's refresh token drew one invalid_grant; the restart must draw none
                long refused = sim.journal().countError("oauth", "invalid_grant");
                sim.portal("p1").expireAccessTokens();
                sim.portal("p2").expireAccessTokens();
                a = Copy.start(work, "a", shared, "-Db24sip.csv.dir=" + work.resolve("inbox-a"));
                b = Copy.start(work, "b", shared, "-Db24sip.csv.dir=" + work.resolve("inbox"));
                a.awaitReady();
                b.awaitReady();
                assertThat(a.portals()).containsExactlyInAnyOrder(names.get("p1"), names.get("p2"));
                assertThat(b.portals()).containsExactlyInAnyOrder(names.get("p1"), names.get("p2"));
                await().atMost(LONG).until(() -> sim.oauth().tokens().refreshCount() >= refreshes + 2);
                long polled = statusPolls("p1");
                await().atMost(LONG).until(() -> statusPolls("p1") > polled + 1);
                assertThat(sim.journal().countError("oauth", "invalid_grant"))
                        .as("no spent token sent after the restart")
                        .isEqualTo(refused);

                // no secret in clear in any table
                String tables = dumpTables(pg);
                assertThat(tables).contains(sim.portal("p1").memberId()).contains("sealed:v1:");
                List<String> secrets = new ArrayList<>(List.of(SECRET, PackagedApp.SECRETS_KEY));
                for (String p : PORTALS) {
                    secrets.addAll(sim.oauth().tokens().issuedTokens(p));
                    secrets.add(installs.get(p).applicationToken());
                }
                for (String secret : secrets) {
                    assertThat(tables).doesNotContain(secret);
                }
            } finally {
                a.stop();
                b.stop();
            }
        }
    }

    @Test
    void oneCopyWithoutADatabaseKeepsInstalledPortalsInItsSealedFile() throws Exception {
        try (Simulator simulator = Simulator.start(simulatorConfig())) {
            sim = simulator;
            trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            List<String> settings = new ArrayList<>(common());
            settings.addAll(List.of(
                    "-Db24sip.csv.dir=" + work.resolve("inbox"),
                    "-Db24sip.status.file=" + work.resolve("status.jsonl"),
                    "-Db24sip.portal-store.dir=" + work.resolve("portals"),
                    "-Db24sip.token-dir=" + work.resolve("tokens"),
                    // long enough for an install on a cold copy; the kill below makes the OAuth server slower still
                    "-Db24sip.application.install-wait=5s"));
            one = Copy.start(work, "one", settings);
            try {
                one.awaitReady();
                Installation p1 = sim.portal("p1").installApplication(APP, one.events());
                Installation p2 = sim.portal("p2").installApplication(APP, one.events());
                assertThat(List.of(p1.status(), p2.status())).containsOnly(200);
                String name1 =
                        KafkaCommandsTest.json(p1.answer()).path("portal").asText();
                int line = sim.portal("p1").addLine(APP, "cloud", "one-line", "sip.example.com", "acc", "pw");
                drop(
                        work.resolve("inbox"),
                        "one.csv",
                        "portal,title,type,server,login,password\n"
                                + sim.portal("p1").memberId() + ",one-csv,office,pbx.example.com,1,pw\n");
                await().atMost(LONG).until(() -> Files.exists(work.resolve("inbox/done/one.csv")));
                assertThat(sim.portal("p1").linesTitled("one-csv")).hasSize(1);
                await().atMost(LONG)
                        .until(() -> Files.exists(work.resolve("status.jsonl"))
                                && Files.readString(work.resolve("status.jsonl"))
                                        .contains("\"configId\":" + line));
                assertThat(sim.portal("p2")
                                .uninstallApplication(APP, one.events(), false)
                                .status())
                        .isEqualTo(200);

                Path file = work.resolve("portals").resolve(name1 + ".json");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("portals"))))
                        .isEqualTo("rwx------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .isEqualTo("rw-------");
                String stored = Files.readString(file);
                assertThat(stored)
                        .contains(sim.portal("p1").memberId())
                        .contains("sealed:v1:")
                        .doesNotContain(p1.applicationToken());
                for (String token : sim.oauth().tokens().issuedTokens("p1")) {
                    assertThat(stored).doesNotContain(token);
                }

                // #35: a portal stored with a trust store that is deleted before the restart
                Path brokenTrust = work.resolve("broken-trust.p12");
                Files.copy(trustStore, brokenTrust);
                assertThat(one.put(
                                "broken",
                                "{\"url\":\"" + sim.portal("p2").baseUrl() + "\",\"user-id\":\"1\",\"token\":\"t\","
                                        + "\"trust-store-file\":\"" + brokenTrust
                                        + "\",\"trust-store-password\":\"changeit\"}"))
                        .isEqualTo(201);
                one.stop();
                Files.delete(brokenTrust);
                long polled = statusPolls("p1");
                one = Copy.start(work, "one", settings);
                one.awaitReady();
                assertThat(one.portals()).containsExactlyInAnyOrder(name1, "broken");
                await().atMost(LONG).until(() -> statusPolls("p1") > polled);
                JsonNode broken = one.portal("broken");
                assertThat(broken.path("state").asText()).isEqualTo("invalid");
                assertThat(broken.path("problem").asText())
                        .contains("trust-store-file")
                        .doesNotContain("changeit");
                assertThat(one.log()).contains("Portal broken is invalid and not started");
                assertThat(one.delete("broken")).isEqualTo(204);

                anInstallKilledRightAfterItsOAuthAnswerIsCompletedAtTheNextStart(settings, name1);
            } finally {
                one.stop();
            }
        }
    }

    /**
     * #35, installs never lost: the OAuth server answers after the sender stopped waiting (503), and the copy is
     * killed the moment it has (the refresh token spent): the answer was kept, so the next start completes the
     * install, and the event sent again is answered 200, not invalid_grant.
     */
    private void anInstallKilledRightAfterItsOAuthAnswerIsCompletedAtTheNextStart(List<String> settings, String name1)
            throws Exception {
        sim.oauth().faults().rate(1.0, "refresh_token", Fault.delay(Duration.ofSeconds(8)));
        Installation p3;
        try {
            p3 = sim.portal("p3").installApplication(APP, one.events());
            assertThat(p3.status())
                    .as("the sender stopped waiting: %s", p3.answer())
                    .isEqualTo(503);
            // killed the moment the copy has taken the answer in: its kept answer or the portal's file is on disk
            // (which one the kill lands after is a race; both must end with the portal installed)
            await().atMost(LONG)
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> jsonFiles(work.resolve("installs")) > 0 || jsonFiles(work.resolve("portals")) > 1);
            one.kill();
        } finally {
            sim.oauth().faults().clear();
        }
        one = Copy.start(work, "one", settings);
        one.awaitReady();
        await().atMost(LONG).until(() -> one.portals().size() == 2);
        Installation again = p3.sendAgainTo(one.events());
        assertThat(again.status()).as(again.answer()).isEqualTo(200);
        String name3 = KafkaCommandsTest.json(again.answer()).path("portal").asText();
        assertThat(one.portals()).containsExactlyInAnyOrder(name1, name3);
        Path kept = work.resolve("installs");
        if (Files.isDirectory(kept)) {
            try (var files = Files.list(kept)) {
                assertThat(files.filter(f -> f.toString().endsWith(".json")))
                        .as("nothing left kept once completed")
                        .isEmpty();
            }
        }
        assertThat(one.log()).contains("member_id " + sim.portal("p3").memberId());
    }

    private static long jsonFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

    // ---- the simulated fleet and the copies

    private static SimulatorConfig simulatorConfig() {
        SimulatorConfig config = SimulatorConfig.create();
        for (String name : PORTALS) {
            config.portal(PortalConfig.portal(name)
                    .rateLimit(null)
                    .app(new OAuthApp(APP, SECRET))
                    .registrationDelays(Duration.ofMillis(1500), Duration.ofMillis(1500)));
        }
        return config;
    }

    /** Application mode with no portal in the properties: what every copy shares. */
    private List<String> common() {
        return List.of(
                "-Db24sip.secrets.key=" + PackagedApp.SECRETS_KEY,
                "-Db24sip.application.client-id=" + APP,
                "-Db24sip.application.client-secret=" + SECRET,
                "-Db24sip.application.oauth-server-url=" + sim.oauthServerUrl(),
                "-Db24sip.application.trust-store-file=" + trustStore,
                "-Db24sip.application.trust-store-password=changeit",
                "-Db24sip.trust-store-dir=" + trustStore.getParent(),
                "-Db24sip.application.rate-limit-plan=none",
                "-Db24sip.portal-store.refresh=1s",
                "-Db24sip.status.delay=1000",
                "-Db24sip.csv.delay=200",
                "-Db24sip.page.inventory-delay=0",
                "-Db24sip.commands.retry-delay=100");
    }

    private static String domain(BitrixPortal portal) {
        return URI.create(portal.baseUrl()).getAuthority();
    }

    private long statusPolls(String portal) {
        return sim.journal()
                .count(e -> e.target().equals(portal)
                        && "voximplant.sip.get".equalsIgnoreCase(e.method())
                        && String.valueOf(e.params().get("FILTER")).contains("TYPE")
                        && !e.isError());
    }

    private static List<String> statuses(List<ConsumerRecord<String, String>> records, String portal, int configId) {
        return records.stream()
                .map(r -> KafkaCommandsTest.json(r.value()))
                .filter(j -> portal.equals(j.path("portal").asText())
                        && j.path("configId").asInt() == configId)
                .map(j -> j.path("status").asText())
                .toList();
    }

    private static void drop(Path inbox, String name, String content) throws IOException {
        Files.createDirectories(inbox);
        Path staging = inbox.resolve("." + name + ".part");
        Files.writeString(staging, content);
        Files.move(staging, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every row of every table of the app's schema, as text. */
    private static String dumpTables(EmbeddedPostgres pg) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r =
                    s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            assertThat(tables).contains("b24sip_portals", "b24sip_oauth_tokens");
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        for (int i = 1; i <= columns; i++) {
                            out.append(r.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    /** One packaged copy of the app, its output in copy-<id>.log. */
    private static final class Copy {
        private final Path log;
        private final Process process;
        private final int port;

        private Copy(Path log, Process process, int port) {
            this.log = log;
            this.process = process;
            this.port = port;
        }

        static Copy start(Path work, String id, List<String> settings, String... more) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command =
                    new ArrayList<>(List.of("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            command.addAll(settings);
            command.addAll(List.of(more));
            command.addAll(List.of(
                    "-Db24sip.instance=copy-" + id,
                    "-Dquarkus.http.port=" + port,
                    "-jar",
                    Path.of("target/quarkus-app/quarkus-run.jar")
                            .toAbsolutePath()
                            .toString()));
            Path log = work.resolve("copy-" + id + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new Copy(log, process, port);
        }

        String events() {
            return "http://127.0.0.1:" + port + "/bitrix24/events";
        }

        void awaitReady() {
            await().atMost(LONG).until(() -> {
                assertThat(process.isAlive())
                        .as("copy running; its log: " + log)
                        .isTrue();
                try {
                    return HTTP.send(
                                            HttpRequest.newBuilder(
                                                            URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        }

        List<String> portals() throws Exception {
            JsonNode list = KafkaCommandsTest.json(get("/api/portals"));
            List<String> names = new ArrayList<>();
            list.path("portals").forEach(p -> names.add(p.path("name").asText()));
            return names;
        }

        JsonNode portal(String name) throws Exception {
            return KafkaCommandsTest.json(get("/api/portals/" + name));
        }

        private String get(String path) throws Exception {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }

        int put(String name, String json) throws Exception {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/portals/" + name))
                                    .header("Content-Type", "application/json")
                                    .PUT(HttpRequest.BodyPublishers.ofString(json))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }

        int delete(String name) throws Exception {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/portals/" + name))
                                    .DELETE()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }

        String log() throws IOException {
            return Files.readString(log);
        }

        void stop() throws InterruptedException {
            PackagedApp.stop(process);
        }

        /** As a crash: no shutdown hook runs. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }
}
