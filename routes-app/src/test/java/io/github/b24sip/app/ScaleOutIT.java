package io.github.b24sip.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.cluster.PollerShards;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.Webhook;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet spread over instances (issue #36): 300 webhook portals, three copies of the packaged app on one PostgreSQL.
 * Copy 0 starts alone and leads every shard; copy 1 joins and takes half; copy 2 joins the settled pair and, within two
 * heartbeats, no copy leads more than its share + 1; a shard held by a holder that
 * does not poll (a lease nobody renews for an hour) shows as unpolled on every copy; copy 1 is killed and its portals
 * are polled again by the others. Each copy calls the portals with a webhook of its own, so the simulator's journal
 * tells which copy polled: every portal's polls come in at most one run per move (two pollers at once would interleave
 * them), and each line's status reaches the sinks once across all moves.
 */
class ScaleOutIT {

    private static final int PORTALS = 300;
    private static final int COPIES = 3;
    private static final int SHARDS = 64;
    /**
     * The poll interval. A killed copy's shard is taken as its lease expires, and its pollers poll within the first
     * three quarters of the interval from that take; the last quarter (1 s here, 5 s at the default 20 s) is what the
     * take and route starts slower than a poller's offset may cost within the kill's bound. At 1 s, a quarter was less
     * than a loaded runner's route starts.
     */
    private static final long DELAY_MS = 4000;
    /** Alive means seen within lease - heartbeat: three heartbeats, so a copy busy starting is not counted out. */
    private static final Duration LEASE = Duration.ofSeconds(4);
    /** The default heartbeat: a rebalance is measured in it. */
    private static final long HEARTBEAT_MS = 1000;

    private static final Duration LONG = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LED = metric("b24sip_pollers_led");
    private static final Pattern UNPOLLED = metric("b24sip_pollers_unpolled");

    @TempDir
    Path work;

    private final Process[] copies = new Process[COPIES];
    private final int[] ports = new int[COPIES];

    @Test
    void threeCopiesSpreadThreeHundredPortalsPollEachOnceAndTakeOverAKilledCopysShare() throws Exception {
        SimulatorConfig config = SimulatorConfig.create();
        for (int i = 0; i < PORTALS; i++) {
            PortalConfig portal = PortalConfig.portal(name(i)).registrationDelays(Duration.ZERO, Duration.ZERO);
            for (int c = 0; c < COPIES; c++) {
                portal.webhook(new Webhook(c + 1, "copy-" + c + "-code-" + i));
            }
            config.portal(portal);
        }
        try (Simulator sim = Simulator.start(config);
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            for (int i = 0; i < PORTALS; i++) {
                sim.portal(name(i)).addLine("", "cloud", "line-" + i, "sip.example.com", "acc-" + i, "pw");
            }
            try {
                start(0, sim, pg, trustStore);
                awaitLed(Map.of(0, PORTALS));

                // copy 1 joins and settles (its shards started, their first polls done), then copy 2 joins the
                // settled fleet: the join measured is one into instances that are polling, not still starting
                start(1, sim, pg, trustStore);
                await().atMost(LONG).ignoreExceptions().untilAsserted(() -> {
                    Map<String, Integer> shards = new TreeMap<>();
                    leases(pg, shards);
                    assertThat(shards).as("shards led per copy").hasSize(2).containsValues(SHARDS / 2, SHARDS / 2);
                });
                awaitLed(Map.of(0, -1, 1, -1));
                start(2, sim, pg, trustStore);
                aJoinSpreadsTheShards(pg);
                everyPortalIsPolledOnceAnInterval(sim);
                aShardNobodyPollsIsCountedOnEveryCopy(pg);

                Set<String> killedPortals = portalsLedBy(1);
                long killedAt = System.currentTimeMillis();
                copies[1].destroyForcibly().waitFor();
                await().atMost(LONG)
                        .until(() ->
                                firstPollsAfter(sim, killedAt, 0, 2).keySet().containsAll(killedPortals));
                Map<String, Long> firstPolls = firstPollsAfter(sim, killedAt, 0, 2);
                long recovered =
                        killedPortals.stream().mapToLong(firstPolls::get).max().orElseThrow();
                System.out.printf(
                        "ScaleOutIT: %d portals of the killed copy polled again by the others %d ms after the kill at %s "
                                + "(lease %s, interval %d ms)%n",
                        killedPortals.size(),
                        recovered - killedAt,
                        java.time.Instant.ofEpochMilli(killedAt),
                        LEASE,
                        DELAY_MS);
                // the bound the design gives (issue #36): the lease expires at most a lease after the kill, a survivor
                // takes it then (an extra heartbeat at the expiry), and each poller polls at its place in the first
                // three quarters of the interval counted from the take (a resumed one too, whatever the route starts
                // cost), so the last quarter is the margin. Not a speed: what it checks is where first polls are placed
                assertThat(recovered - killedAt)
                        .as("ms from the kill until every portal of the killed copy was polled again")
                        .isLessThanOrEqualTo(LEASE.toMillis() + DELAY_MS);
                awaitLed(Map.of(0, -1, 2, -1));

                noPortalWasPolledByTwoCopiesAtOnce(sim);
                eachStatusReachedTheSinksOnce();
            } finally {
                for (int i = 0; i < COPIES; i++) {
                    if (copies[i] != null) {
                        PackagedApp.stop(copies[i]);
                    }
                    Path log = work.resolve("copy-" + i + ".log");
                    if (Files.exists(log)) {
                        Files.copy(
                                log,
                                Path.of("target/ScaleOutIT-copy-" + i + ".log"),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    /**
     * After the join: within two heartbeats no copy leads more than its share of the shards + 1 (the copies over their
     * share hand the excess over at once, and a hand-over waits only for the polls under way); then every copy leads
     * its share, at most one over, and stays within its threads.
     */
    private void aJoinSpreadsTheShards(EmbeddedPostgres pg) throws Exception {
        int share = SHARDS / COPIES;
        // counted in the first copy's own heartbeats, not in seconds: a busy runner slows the heartbeats and the
        // hand-over alike, while a hand-over that waits for something else (a route stop, the next heartbeat) shows.
        // Each count is read in the same statement as the state it goes with (b24sip_instances.heartbeats)
        long[] beatsAtJoin = {-1};
        await().atMost(LONG).pollInterval(Duration.ofMillis(50)).until(() -> {
            long[] seen = instancesSeen(pg);
            beatsAtJoin[0] = seen[1];
            return seen[0] == COPIES;
        });
        long joinSeen = System.currentTimeMillis();
        long[] beatsAtSpread = {-1};
        await().atMost(LONG)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    Map<String, Integer> shards = new TreeMap<>();
                    long beats = leases(pg, shards);
                    assertThat(shards.values())
                            .as("shards led per copy: %s", shards)
                            .allMatch(n -> n <= share + 1);
                    beatsAtSpread[0] = beats;
                });
        long beats = beatsAtSpread[0] - beatsAtJoin[0];
        long spreadAt = System.currentTimeMillis();
        // and each copy takes its share: the joiners take a lease the moment it is given back
        await().atMost(LONG)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    Map<String, Integer> shards = new TreeMap<>();
                    leases(pg, shards);
                    assertThat(shards).as("shards led per copy").hasSize(COPIES);
                    assertThat(shards.values())
                            .as("shards led per copy: %s", shards)
                            .allMatch(n -> n == share || n == share + 1);
                    assertThat(shards.values().stream()
                                    .mapToInt(Integer::intValue)
                                    .sum())
                            .isEqualTo(SHARDS);
                });
        System.out.printf(
                "ScaleOutIT: after the last join was seen, no copy over its share + 1 after %d ms and %d heartbeats of "
                        + "the first copy, every copy at its share after %d ms (heartbeat %d ms)%n",
                spreadAt - joinSeen, beats, System.currentTimeMillis() - joinSeen, HEARTBEAT_MS);
        assertThat(beatsAtJoin[0])
                .as("the first copy's heartbeats when the join was seen")
                .isPositive();
        assertThat(beats)
                .as("heartbeats of the first copy from the join seen to no copy leading over its share + 1")
                .isLessThanOrEqualTo(2);
        awaitLed(Map.of(0, -1, 1, -1, 2, -1));
        for (int c = 0; c < COPIES; c++) {
            Map<String, Integer> threads = FleetIT.threadsByName(copies[c].pid());
            int total = threads.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("ScaleOutIT: copy %d leads %d portals with %d threads%n", c, led(c), total);
            assertThat(total).as("threads of copy %d: %s", c, threads).isLessThanOrEqualTo(FleetIT.MAX_THREADS);
        }
    }

    /** In 6 intervals after the spread: every portal polled, and none as often as two pollers would. */
    private void everyPortalIsPolledOnceAnInterval(Simulator sim) {
        long from = System.currentTimeMillis();
        await().pollDelay(Duration.ofMillis(6 * DELAY_MS))
                .atMost(Duration.ofMillis(8 * DELAY_MS))
                .until(() -> true);
        long to = System.currentTimeMillis();
        Map<String, Long> polls = statusPolls(sim).stream()
                .filter(e -> e.at().toEpochMilli() >= from && e.at().toEpochMilli() < to)
                .collect(Collectors.groupingBy(JournalEntry::target, Collectors.counting()));
        long intervals = (to - from) / DELAY_MS;
        for (int i = 0; i < PORTALS; i++) {
            assertThat(polls.getOrDefault(name(i), 0L))
                    .as("status polls of %s in %d intervals", name(i), intervals)
                    .isBetween(intervals / 2, intervals + 2);
        }
    }

    /**
     * A lease held by a holder that polls nothing (it never renews, nobody may take it for an hour): its portals show as
     * unpolled on every copy, and the page says who holds them; once the lease is gone they are polled again.
     */
    private void aShardNobodyPollsIsCountedOnEveryCopy(EmbeddedPostgres pg) throws Exception {
        int shard = 0;
        long inShard = IntStream.range(0, PORTALS)
                .filter(i -> PollerShards.namespaceOf(name(i), SHARDS).equals("b24sip-shard-" + shard))
                .count();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE b24sip_leases SET holder = 'ghost', expires_at = now() + interval '1 hour' "
                    + "WHERE namespace = 'b24sip-shard-" + shard + "'");
        }
        await().atMost(LONG).until(() -> IntStream.of(0, 1, 2).allMatch(c -> gauge(c, UNPOLLED) == inShard));
        String portal = IntStream.range(0, PORTALS)
                .mapToObj(ScaleOutIT::name)
                .filter(p -> PollerShards.namespaceOf(p, SHARDS).equals("b24sip-shard-" + shard))
                .findFirst()
                .orElseThrow();
        assertThat(portals(0).get(portal).path("polledBy").asText()).isEqualTo("ghost");
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM b24sip_leases WHERE holder = 'ghost'");
        }
        await().atMost(LONG).until(() -> IntStream.of(0, 1, 2).allMatch(c -> gauge(c, UNPOLLED) == 0));
    }

    /**
     * Each portal's polls, in time order, as runs of one copy: a portal moves at most four times here (the two joins,
     * the ghost lease's shard, the kill), so at most five runs; two copies polling it at once would alternate, run after run.
     */
    private void noPortalWasPolledByTwoCopiesAtOnce(Simulator sim) {
        Map<String, List<String>> byPortal = new HashMap<>();
        statusPolls(sim)
                .forEach(e -> byPortal.computeIfAbsent(e.target(), k -> new ArrayList<>())
                        .add(e.credential()));
        for (int i = 0; i < PORTALS; i++) {
            List<String> pollers = byPortal.getOrDefault(name(i), List.of());
            List<String> runs = new ArrayList<>();
            for (String poller : pollers) {
                if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(poller)) {
                    runs.add(poller);
                }
            }
            assertThat(runs).as("who polled %s, run by run", name(i)).hasSizeLessThanOrEqualTo(5);
        }
    }

    /** Every line's status event once across the three copies' sinks: a move repeats nothing. */
    private void eachStatusReachedTheSinksOnce() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> events = new TreeMap<>();
        for (int c = 0; c < COPIES; c++) {
            Path file = work.resolve("status-" + c + ".jsonl");
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode e = json.readTree(line);
                    events.merge(
                            e.path("portal").asText() + " " + e.path("configId").asInt() + " "
                                    + e.path("status").asText(),
                            1,
                            Integer::sum);
                }
            }
        }
        assertThat(events.keySet().stream().map(k -> k.split(" ")[0]).distinct().count())
                .as("portals with a status event")
                .isEqualTo(PORTALS);
        assertThat(events.entrySet().stream().filter(e -> e.getValue() > 1).toList())
                .as("status events repeated")
                .isEmpty();
    }

    // ---- copies

    private void start(int c, Simulator sim, EmbeddedPostgres pg, Path trustStore) throws IOException {
        StringBuilder portals = new StringBuilder();
        for (int i = 0; i < PORTALS; i++) {
            BitrixPortal portal = sim.portal(name(i));
            String p = "b24sip.portals." + name(i) + ".";
            portals.append(p)
                    .append("url=")
                    .append(portal.baseUrl())
                    .append('\n')
                    .append(p)
                    .append("user-id=")
                    .append(c + 1)
                    .append('\n')
                    .append(p)
                    .append("token=copy-")
                    .append(c)
                    .append("-code-")
                    .append(i)
                    .append('\n')
                    .append(p)
                    .append("trust-store-file=")
                    .append(trustStore)
                    .append('\n')
                    .append(p)
                    .append("trust-store-password=changeit\n")
                    .append(p)
                    .append("rate-limit-plan=none\n");
        }
        Path file = Files.writeString(work.resolve("copy-" + c + ".properties"), portals);
        try (ServerSocket socket = new ServerSocket(0)) {
            ports[c] = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                "java",
                "-Xmx384m",
                "-XX:+UseSerialGC",
                // C1 only: three copies boot on two cores, and C2's compiler threads would take the cores their
                // heartbeats and polls need (the copies run for a couple of minutes, never at peak)
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.config.locations=" + file.toUri(),
                "-Db24sip.secrets.key=" + PackagedApp.SECRETS_KEY,
                "-Dquarkus.datasource.jdbc.url=" + pg.getJdbcUrl("postgres", "postgres"),
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=postgres",
                "-Db24sip.csv.dir=" + work.resolve("inbox"),
                "-Db24sip.status.delay=" + DELAY_MS,
                "-Db24sip.status.file=" + work.resolve("status-" + c + ".jsonl"),
                "-Db24sip.page.inventory-delay=0",
                "-Db24sip.cluster.heartbeat=" + HEARTBEAT_MS + "ms",
                // each heartbeat's shares and takes, for a failure's post-mortem (the logs are kept in target/)
                "-Dquarkus.log.category.\"io.github.b24sip.camel.jdbc\".level=DEBUG",
                "-Db24sip.cluster.renew-deadline=3s",
                "-Db24sip.cluster.lease-duration=" + LEASE.toMillis() + "ms",
                "-Db24sip.instance=copy-" + c,
                "-Dquarkus.http.port=" + ports[c],
                "-jar",
                Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        copies[c] = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        work.resolve("copy-" + c + ".log").toFile()))
                .start();
    }

    /** Until the copies lead these many portals (-1: any number), together every portal. */
    private void awaitLed(Map<Integer, Integer> expected) {
        await().atMost(LONG).until(() -> {
            int sum = 0;
            for (var e : expected.entrySet()) {
                int led = led(e.getKey());
                if (e.getValue() >= 0 && led != e.getValue()) {
                    return false;
                }
                sum += led;
            }
            return sum == PORTALS;
        });
    }

    private int led(int copy) {
        return (int) gauge(copy, LED);
    }

    private Set<String> portalsLedBy(int copy) throws Exception {
        return portals(copy).entrySet().stream()
                .filter(e -> e.getValue().path("polledBy").asText().equals("copy-" + copy))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /**
     * How many instances the shared store counts as alive (seen within the last two heartbeats), and how many scheduled
     * heartbeats the first copy has run, in one reading.
     */
    private static long[] instancesSeen(EmbeddedPostgres pg) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FILTER (WHERE seen_at > now() - interval '"
                        + 2 * HEARTBEAT_MS + " milliseconds'), "
                        + "coalesce(max(heartbeats) FILTER (WHERE instance = 'copy-0'), -1) FROM b24sip_instances")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2)};
        }
    }

    /** The leases held now, counted by holder into {@code byHolder}; returns the first copy's heartbeats, same reading. */
    private static long leases(EmbeddedPostgres pg, Map<String, Integer> byHolder) throws Exception {
        long beats = -1;
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT holder, count(*), "
                        + "(SELECT heartbeats FROM b24sip_instances WHERE instance = 'copy-0') "
                        + "FROM b24sip_leases WHERE expires_at > now() GROUP BY holder")) {
            while (r.next()) {
                byHolder.put(r.getString(1), r.getInt(2));
                beats = r.getLong(3);
            }
        }
        return beats;
    }

    /** GET /api/portals of a copy, by portal name. */
    private Map<String, JsonNode> portals(int copy) throws Exception {
        JsonNode list = new ObjectMapper().readTree(get(copy, "/api/portals")).path("portals");
        Map<String, JsonNode> byName = new HashMap<>();
        list.forEach(p -> byName.put(p.path("name").asText(), p));
        return byName;
    }

    /** A portal gauge of a copy's /q/metrics; -1 while the copy does not answer. */
    private long gauge(int copy, Pattern metric) {
        try {
            Matcher m = metric.matcher(get(copy, "/q/metrics"));
            return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private String get(int copy, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[copy] + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(path + " answered " + r.statusCode());
        }
        return r.body();
    }

    /** When a portal was last polled by one of the given copies (its webhook), 0 if never. */
    /** When each portal was first polled by one of the given copies after {@code since} (epoch ms). */
    private static Map<String, Long> firstPollsAfter(Simulator sim, long since, int... by) {
        Set<String> credentials =
                IntStream.of(by).mapToObj(c -> "webhook:" + (c + 1)).collect(Collectors.toSet());
        return statusPolls(sim).stream()
                .filter(e -> e.at().toEpochMilli() > since && credentials.contains(e.credential()))
                .collect(Collectors.toMap(JournalEntry::target, e -> e.at().toEpochMilli(), Math::min));
    }

    /** The status pollers' reads: a get of the cloud lines. */
    private static List<JournalEntry> statusPolls(Simulator sim) {
        return sim.journal()
                .entries(e -> "voximplant.sip.get".equalsIgnoreCase(e.method())
                        && String.valueOf(e.params().get("FILTER")).contains("TYPE"));
    }

    private static Pattern metric(String name) {
        return Pattern.compile("(?m)^" + name + "\\{[^}]*kind=\"portal\"[^}]*\\} ([0-9.eE+-]+)$");
    }

    private static String name(int i) {
        return String.format("s%03d", i);
    }
}
