package io.github.b24sip.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scale-out (issue #36): P webhook portals, K copies of the packaged app on one PostgreSQL (embedded, started here),
 * each on the fleet launch line. Measures the seconds for the first copy to lead every portal, for a fair spread of
 * the shards after the others join (from the moment their first heartbeat is in the database), for every portal of a
 * killed copy to be polled again, the lease statements per second of all copies together, and each copy's threads.
 */
final class ScaleOutRun {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LED =
            Pattern.compile("(?m)^b24sip_pollers_led\\{[^}]*kind=\"portal\"[^}]*\\} ([0-9.eE+-]+)$");
    private static final Pattern STATEMENTS =
            Pattern.compile("(?m)^b24sip_cluster_statements_total(?:\\{[^}]*\\})? ([0-9.eE+-]+)$");

    private ScaleOutRun() {}

    static void main(String[] args) throws Exception {
        int portals = ScenarioHarness.intOption(args, "--portals", 2000);
        int instances = ScenarioHarness.intOption(args, "--instances", 3);
        int pollSeconds = ScenarioHarness.intOption(args, "--poll-seconds", 10);
        int shards = ScenarioHarness.intOption(args, "--shards", 64);
        int statusThreads = ScenarioHarness.intOption(args, "--status-threads", 0);
        Report out = new Report();
        out.header("camel-bitrix24-sip scale-out: " + portals + " portals, " + instances + " instances, " + shards
                + " shards, status every " + pollSeconds + " s, default cluster settings (heartbeat 1 s, lease 8 s), "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
        SimulatorConfig config = SimulatorConfig.create().journalCapacity(2_000_000);
        for (int i = 0; i < portals; i++) {
            config.portal(PortalConfig.portal(name(i)));
        }
        try (Simulator sim = Simulator.start(config);
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Path work = Files.createTempDirectory("bench-scale-out");
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            Path properties = work.resolve("portals.properties");
            try (BufferedWriter w = Files.newBufferedWriter(properties)) {
                w.write("b24sip.status.delay=" + pollSeconds * 1000 + "\n");
                w.write("b24sip.cluster.shards=" + shards + "\n");
                if (statusThreads > 0) {
                    // the component's status pollers' pool (component/README.md, "Shared resources"); 8 by default.
                    // Its queue unbounded, as the component's own: a profile's default queue (1,000) refuses the
                    // 1,001st poller's schedule
                    w.write("camel.threadpool.config[bitrix24-sip-status].pool-size=" + statusThreads + "\n");
                    w.write("camel.threadpool.config[bitrix24-sip-status].max-queue-size=-1\n");
                }
                w.write("quarkus.datasource.jdbc.url=" + pg.getJdbcUrl("postgres", "postgres") + "\n");
                w.write("quarkus.datasource.username=postgres\nquarkus.datasource.password=postgres\n");
                FleetRun.writeWebhookPortals(w, sim, portals, ScaleOutRun::name, trustStore, "rate-limit-plan=none");
            }
            List<Process> copies = new ArrayList<>();
            int[] ports = new int[instances];
            try {
                long t0 = System.nanoTime();
                copies.add(start(work, properties, 0, ports));
                FleetRun.waitFor(() -> led(ports[0]) == portals, 600, "copy 0 leading every portal");
                double leadAll = seconds(t0);
                FleetRun.waitFor(() -> polledSince(sim, 0) >= portals, 600, "every portal polled");
                out.line(String.format(
                        "one copy alone: leads all %d portals %.1f s after its launch; every portal polled once %.1f s "
                                + "after its launch",
                        portals, leadAll, seconds(t0)));

                for (int c = 1; c < instances; c++) {
                    copies.add(start(work, properties, c, ports));
                }
                FleetRun.waitFor(() -> instancesAlive(pg) == instances, 600, "the joining copies' first heartbeats");
                long joined = System.nanoTime();
                long beatsAtJoin = firstCopyHeartbeats(pg);
                int share = shards / instances;
                FleetRun.waitFor(
                        () -> leases(pg).values().stream().allMatch(n -> n <= share + 1),
                        600,
                        "no copy over its share + 1 after the join");
                double handedOver = seconds(joined);
                long beatsToHandOver = firstCopyHeartbeats(pg) - beatsAtJoin;
                FleetRun.waitFor(
                        () -> {
                            Map<String, Integer> held = leases(pg);
                            return held.size() == instances
                                    && held.values().stream().allMatch(n -> n == share || n == share + 1);
                        },
                        600,
                        "a fair spread of the leases after the join");
                double fairLeases = seconds(joined);
                FleetRun.waitFor(() -> ledSum(ports, Set.of()) == portals, 600, "every portal led once");
                out.line(String.format(
                        "join: %d copies join; from their first heartbeat in the database, %.1f s (%d heartbeats of "
                                + "copy 0) until no copy leads over its share + 1, %.1f s to a fair spread of the "
                                + "leases (each copy %d or %d shards: %s), %.1f s until every copy's gauge says every "
                                + "portal is led once",
                        instances - 1,
                        handedOver,
                        beatsToHandOver,
                        fairLeases,
                        share,
                        share + 1,
                        leases(pg),
                        seconds(joined)));

                Thread.sleep(10_000); // the spread's first polls pass before the window
                double[] before = statements(ports);
                long window = System.nanoTime();
                long windowFrom = System.currentTimeMillis();
                Thread.sleep(20_000); // the window the statements are counted over
                double[] after = statements(ports);
                long windowTo = System.currentTimeMillis();
                long polled = sim.journal().entries(ScaleOutRun::isStatusPoll).stream()
                        .filter(e -> e.at().toEpochMilli() >= windowFrom && e.at().toEpochMilli() < windowTo)
                        .count();
                double perSecond = 0;
                for (int c = 0; c < instances; c++) {
                    perSecond += (after[c] - before[c]) / seconds(window);
                }
                List<Integer> threads = new ArrayList<>();
                List<Long> rss = new ArrayList<>();
                for (Process copy : copies) {
                    threads.add(FleetRun.threads(copy.pid()));
                    rss.add(AppRun.kb(copy.pid(), "VmRSS") / 1024);
                }
                out.line(String.format(
                        "steady: lease statements %.1f per second for all %d copies together; status polls %.1f per "
                                + "second (%d portals every %d s ask for %.1f); threads per copy %s (target <= 150); "
                                + "RSS per copy %s MB",
                        perSecond,
                        instances,
                        polled * 1000.0 / (windowTo - windowFrom),
                        portals,
                        pollSeconds,
                        portals / (double) pollSeconds,
                        threads,
                        rss));

                Set<String> victims = ledBy(ports[0]);
                long killedAt = System.currentTimeMillis();
                long killed = System.nanoTime();
                copies.get(0).destroyForcibly().waitFor();
                FleetRun.waitFor(() -> ledSum(ports, Set.of(0)) == portals, 600, "the others leading every portal");
                double ledAgain = seconds(killed);
                FleetRun.waitFor(
                        () -> polledAfter(sim, victims, killedAt) == victims.size(),
                        600,
                        "the killed copy's portals polled again");
                long lastFirstPoll = sim.journal().entries(ScaleOutRun::isStatusPoll).stream()
                        .filter(e -> e.at().toEpochMilli() > killedAt && victims.contains(e.target()))
                        .collect(java.util.stream.Collectors.toMap(
                                e -> e.target(), e -> e.at().toEpochMilli(), Math::min))
                        .values()
                        .stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElseThrow();
                out.line(String.format(
                        "kill: copy 0 (%d portals) killed; the others lead every portal %.1f s later, every one of its "
                                + "portals polled again %.1f s later by the simulator's journal (lease 8 s + one "
                                + "interval %d s = %d s)",
                        victims.size(), ledAgain, (lastFirstPoll - killedAt) / 1000.0, pollSeconds, 8 + pollSeconds));
            } finally {
                for (Process copy : copies) {
                    FleetRun.stop(copy);
                }
            }
        }
        out.print();
    }

    private static Process start(Path work, Path properties, int c, int[] ports) throws IOException {
        ports[c] = FleetRun.freePort();
        Path dir = Files.createDirectories(work.resolve("copy-" + c));
        List<String> options = new ArrayList<>(FleetRun.FLEET_LAUNCH);
        options.add("-Dquarkus.config.locations=" + properties.toUri());
        options.add("-Db24sip.instance=copy-" + c);
        options.add("-Db24sip.page.inventory-delay=0");
        return FleetRun.start(dir, options, ports[c]);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static int led(int port) {
        try {
            Matcher m = LED.matcher(get(port, "/q/metrics"));
            return m.find() ? (int) Double.parseDouble(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static int ledSum(int[] ports, Set<Integer> gone) {
        int sum = 0;
        for (int c = 0; c < ports.length; c++) {
            if (!gone.contains(c)) {
                int led = led(ports[c]);
                if (led < 0) {
                    return -1;
                }
                sum += led;
            }
        }
        return sum;
    }

    private static double[] statements(int[] ports) throws Exception {
        double[] counts = new double[ports.length];
        for (int c = 0; c < ports.length; c++) {
            Matcher m = STATEMENTS.matcher(get(ports[c], "/q/metrics"));
            counts[c] = m.find() ? Double.parseDouble(m.group(1)) : 0;
        }
        return counts;
    }

    private static Set<String> ledBy(int port) throws Exception {
        JsonNode list = new ObjectMapper().readTree(get(port, "/api/portals")).path("portals");
        Set<String> led = new HashSet<>();
        list.forEach(p -> {
            if (p.path("polledBy").asText().equals("copy-0")) {
                led.add(p.path("name").asText());
            }
        });
        return led;
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(path + " answered " + r.statusCode());
        }
        return r.body();
    }

    private static long polledSince(Simulator sim, long fromMillis) {
        return sim.journal().entries(ScaleOutRun::isStatusPoll).stream()
                .filter(e -> e.at().toEpochMilli() >= fromMillis)
                .map(e -> e.target())
                .distinct()
                .count();
    }

    private static long polledAfter(Simulator sim, Set<String> portals, long fromMillis) {
        return sim.journal().entries(ScaleOutRun::isStatusPoll).stream()
                .filter(e -> e.at().toEpochMilli() > fromMillis && portals.contains(e.target()))
                .map(e -> e.target())
                .distinct()
                .count();
    }

    private static boolean isStatusPoll(io.github.b24sip.simulator.journal.JournalEntry e) {
        return "voximplant.sip.get".equalsIgnoreCase(e.method())
                && String.valueOf(e.params().get("FILTER")).contains("TYPE");
    }

    private static int instancesAlive(EmbeddedPostgres pg) {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT count(*) FROM b24sip_instances WHERE seen_at > now() - interval '5 seconds'")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (Exception e) {
            return 0; // not migrated yet
        }
    }

    /** The scheduled heartbeats copy 0 has run, as its last heartbeat wrote them (b24sip_instances.heartbeats). */
    private static long firstCopyHeartbeats(EmbeddedPostgres pg) {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT heartbeats FROM b24sip_instances WHERE instance = 'copy-0'")) {
            return r.next() ? r.getLong(1) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static Map<String, Integer> leases(EmbeddedPostgres pg) {
        Map<String, Integer> byHolder = new TreeMap<>();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT holder, count(*) FROM b24sip_leases WHERE expires_at > now() GROUP BY holder")) {
            while (r.next()) {
                byHolder.put(r.getString(1), r.getInt(2));
            }
        } catch (Exception e) {
            // not migrated yet
        }
        return byHolder;
    }

    static String name(int i) {
        return String.format("b%04d", i);
    }
}
