package io.github.b24sip.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet on one JVM: the packaged app configured with 200 portals (webhooks, the standard rate limit, one trust
 * store), a CSV of 15 lines on each (5 cloud, 10 office), then two status polls of every portal. The app's threads are
 * counted from /proc: what each portal costs is shared (one HTTP client, one status scheduler, bounded pools), so the
 * count stays bounded whatever the number of portals. Before the sharing, each portal's component built its own
 * HTTP client, poll scheduler and executors: over 1,000 threads for 200 portals.
 */
class FleetIT {

    static final int PORTALS = 200;
    static final int CLOUD = 5;
    static final int OFFICE = 10;
    /** The target of the fleet scale issue for 2,000 portals, held here for 200. */
    static final int MAX_THREADS = 150;

    @TempDir
    Path work;

    @Test
    void twoHundredPortalsShareTheirThreads() throws Exception {
        SimulatorConfig config = SimulatorConfig.create();
        for (int i = 0; i < PORTALS; i++) {
            config.portal(PortalConfig.portal(name(i))
                    .maxCloudPbx(100)
                    .registrationDelays(Duration.ofMillis(100), Duration.ofMillis(100)));
        }
        try (Simulator sim = Simulator.start(config)) {
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            List<String> settings = new ArrayList<>(List.of("-Db24sip.status.delay=2000"));
            StringBuilder csv = new StringBuilder("portal,title,type,server,login,password\n");
            for (int i = 0; i < PORTALS; i++) {
                BitrixPortal portal = sim.portal(name(i));
                String p = "-Db24sip.portals." + name(i) + ".";
                settings.addAll(List.of(
                        p + "url=" + portal.baseUrl(),
                        p + "user-id=" + portal.webhook().userId(),
                        p + "token=" + portal.webhook().code(),
                        p + "trust-store-file=" + trustStore,
                        p + "trust-store-password=changeit"));
                for (int l = 0; l < CLOUD + OFFICE; l++) {
                    boolean cloud = l < CLOUD;
                    csv.append(name(i))
                            .append(",line-")
                            .append(l)
                            .append(
                                    cloud
                                            ? ",cloud,sip.example.net,user" + l + ",pw-" + l
                                            : ",office,pbx.local,ext" + l + ",")
                            .append('\n');
                }
            }
            Process app = PackagedApp.start(work, settings);
            try {
                Path inbox = Files.createDirectories(work.resolve("inbox"));
                Files.writeString(inbox.resolve("fleet.csv.tmp"), csv);
                Files.move(inbox.resolve("fleet.csv.tmp"), inbox.resolve("fleet.csv"));
                Path report = inbox.resolve("reports/fleet.csv.report.json");
                await().atMost(Duration.ofMinutes(3)).until(() -> Files.exists(inbox.resolve("done/fleet.csv")));
                JsonNode totals = new ObjectMapper().readTree(report.toFile()).path("totals");
                assertThat(totals.path("created").asInt())
                        .as("every row created: %s", totals)
                        .isEqualTo(PORTALS * (CLOUD + OFFICE));
                long pollsBefore = statusPolls(sim);
                // two more polls of every portal after the file
                await().atMost(Duration.ofMinutes(2)).until(() -> statusPolls(sim) >= pollsBefore + 2L * PORTALS);

                Map<String, Integer> byName = threadsByName(app.pid());
                int threads =
                        byName.values().stream().mapToInt(Integer::intValue).sum();
                System.out.printf("FleetIT: %d threads with %d portals: %s%n", threads, PORTALS, byName);
                assertThat(threads)
                        .as("threads of the app with %d portals, by name: %s", PORTALS, byName)
                        .isLessThanOrEqualTo(MAX_THREADS);
                assertThat(byName.getOrDefault("HttpClient-N-Se", 0))
                        .as("HTTP client selector threads (one per client): %s", byName)
                        .isEqualTo(1);
                assertThat(app.isAlive()).isTrue();
            } finally {
                PackagedApp.stop(app);
            }
        }
    }

    private static String name(int i) {
        return String.format("p%03d", i);
    }

    /** The status consumers' reads: a get of the cloud lines, once per portal per poll. */
    private static long statusPolls(Simulator sim) {
        return sim.journal()
                .count(e -> "voximplant.sip.get".equals(e.method())
                        && !e.isError()
                        && String.valueOf(e.params()).contains("cloud"));
    }

    /** The process's threads from /proc, by name with digits as N (the kernel keeps 15 characters of a name). */
    static Map<String, Integer> threadsByName(long pid) throws IOException {
        Map<String, Integer> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "N");
                    byName.merge(name, 1, Integer::sum);
                } catch (IOException e) {
                    // the thread ended while the list was read
                }
            }
        }
        return byName;
    }
}
