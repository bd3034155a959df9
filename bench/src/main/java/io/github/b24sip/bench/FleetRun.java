package io.github.b24sip.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The routes app as a reseller runs it: the packaged jar with P portals configured (webhooks, each its own standard
 * rate limit, one trust store), against a simulator serving them in this JVM.
 *
 * <ul>
 *   <li>fleet (goals 1 and 2): threads and RSS idle, then a CSV of 15 lines on every portal (5 cloud, 10 office)
 *       applied with portals in parallel (rows per second), then threads and RSS after two status polls of every
 *       portal, then the app's CPU over two more poll intervals;
 *   <li>streaming (goal 3): the app at {@code -Xmx128m} with the demo portal validates and plans (a mirror dry run)
 *       a generated CSV of 100,000 rows, then 1,000,000: time from the drop to the finished report, peak RSS, and the
 *       report's totals checked.
 * </ul>
 */
final class FleetRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The fleet launch line of routes-app/README.md ("A fleet's launch line"): a heap ceiling, the serial collector (no
     * per-core GC threads or remembered sets), bounded metaspace, code cache and thread stacks, and HTTP connections
     * closed after 10 s idle, so 2,000 portals polled every 30 s do not each hold a TLS connection's buffers between
     * polls (a handshake per portal per poll instead). Keep the two in step.
     */
    static final List<String> FLEET_LAUNCH = List.of(
            "-Xmx160m",
            "-XX:+UseSerialGC",
            "-XX:MaxMetaspaceSize=128m",
            "-XX:ReservedCodeCacheSize=64m",
            "-Xss512k",
            "-Djdk.httpclient.keepalive.timeout=10");

    private FleetRun() {}

    static void main(String[] args) throws Exception {
        int portals = ScenarioHarness.intOption(args, "--portals", 2000);
        int streamRows = ScenarioHarness.intOption(args, "--stream-rows", 1_000_000);
        int pollSeconds = ScenarioHarness.intOption(args, "--poll-seconds", 30);
        int heapMb = ScenarioHarness.intOption(args, "--heap-mb", 0);
        Report out = new Report();
        out.header("camel-bitrix24-sip fleet: " + portals + " portals, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
        if (portals > 0) {
            if (List.of(args).contains("--launch-line")) {
                fleet(out, portals, pollSeconds, FLEET_LAUNCH);
            } else {
                fleet(out, portals, pollSeconds, heapMb > 0 ? List.of("-Xmx" + heapMb + "m") : List.of());
            }
        }
        if (streamRows > 0) {
            streaming(out, 100_000);
            if (streamRows > 100_000) {
                streaming(out, streamRows);
            }
        }
        out.print();
    }

    static void fleet(Report out, int portals, int pollSeconds) throws Exception {
        fleet(out, portals, pollSeconds, List.of());
    }

    /** The fleet with these JVM options (the README's launch command gives none). */
    static void fleet(Report out, int portals, int pollSeconds, List<String> jvmOptions) throws Exception {
        try (Simulator sim = Simulator.start(FleetRun.fleetConfig(portals))) {
            Path work = Files.createTempDirectory("bench-fleet");
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            // the portals go in config/application.properties of the working directory, as an operator keeps them
            Path properties = Files.createDirectories(work.resolve("config")).resolve("application.properties");
            try (BufferedWriter w = Files.newBufferedWriter(properties)) {
                w.write("b24sip.status.delay=" + pollSeconds * 1000 + "\n");
                FleetRun.writeWebhookPortals(w, sim, portals, FleetRun::name, trustStore);
            }
            Process app = start(work, jvmOptions);
            String jvm = jvmOptions.isEmpty() ? "" : " (" + String.join(" ", jvmOptions) + ")";
            try {
                waitFor(() -> statusPolls(sim) >= portals, 300, "the first status poll of every portal");
                out.line(String.format(
                        "fleet%s, %d portals configured, idle after the first poll: %d threads, RSS %d MB",
                        jvm, portals, threads(app.pid()), AppRun.kb(app.pid(), "VmRSS") / 1024));

                int rows = portals * 15;
                Path csv = work.resolve("fleet.csv");
                try (BufferedWriter w = Files.newBufferedWriter(csv)) {
                    w.write("portal,title,type,server,login,password\n");
                    for (int i = 0; i < portals; i++) {
                        for (int l = 0; l < 15; l++) {
                            w.write(name(i) + ",line-" + l
                                    + (l < 5
                                            ? ",cloud,sip.example.net,user" + l + ",pw-" + l
                                            : ",office,pbx.local,ext" + l + ",")
                                    + "\n");
                        }
                    }
                }
                Path inbox = Files.createDirectories(work.resolve("inbox"));
                long cpuAtDrop = cpuTicks(app.pid());
                long dropped = System.nanoTime();
                Files.move(csv, inbox.resolve("fleet.csv"));
                waitFor(() -> Files.exists(inbox.resolve("done/fleet.csv")), 600, "the fleet CSV applied");
                double seconds = (System.nanoTime() - dropped) / 1e9;
                double appCores = (cpuTicks(app.pid()) - cpuAtDrop) / 100.0 / seconds;
                JsonNode totals = JSON.readTree(
                                inbox.resolve("reports/fleet.csv.report.json").toFile())
                        .path("totals");
                ScenarioHarness.check(
                        totals.path("created").asInt() == rows, "fleet CSV: not every row created: " + totals);
                out.line(String.format(
                        "fleet CSV, %d rows over %d portals (15 each), portals in parallel: %.1f s from the drop to the "
                                + "report, %.0f rows/s (target >= 2,000 rows/s); report checked: %d created; the app "
                                + "process used %.2f of the %d cores meanwhile, the simulator in the bench's JVM the rest",
                        rows,
                        portals,
                        seconds,
                        rows / seconds,
                        totals.path("created").asInt(),
                        appCores,
                        Runtime.getRuntime().availableProcessors()));

                long pollsAfter = statusPolls(sim);
                waitFor(
                        () -> statusPolls(sim) >= pollsAfter + 2L * portals,
                        6L * pollSeconds + 120,
                        "two status polls of every portal after the CSV");
                out.line(String.format(
                        "fleet%s, after the CSV and two polls of every portal: %d threads (target <= 150), RSS %d MB "
                                + "(target <= 400 MB); heap in use after a full GC: %s",
                        jvm, threads(app.pid()), AppRun.kb(app.pid(), "VmRSS") / 1024, liveHeap(app.pid())));

                long cpuBefore = cpuTicks(app.pid());
                long pollsBefore = statusPolls(sim);
                long from = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(2L * pollSeconds)); // the window the CPU is measured over
                double wall = (System.nanoTime() - from) / 1e9;
                double cores = (cpuTicks(app.pid()) - cpuBefore) / 100.0 / wall;
                out.line(String.format(
                        "fleet, polling %d portals every %d s: %.3f of a core for the app process over %.0f s, %d polls "
                                + "(target <= 0.2)",
                        portals, pollSeconds, cores, wall, statusPolls(sim) - pollsBefore));
            } finally {
                stop(app);
            }
        }
    }

    static void streaming(Report out, int rows) throws Exception {
        Path work = Files.createTempDirectory("bench-stream");
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Path csv = work.resolve("stream.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("title,type,server,login,password\n");
            for (int i = 0; i < rows; i++) {
                w.write("stream-" + i + ",office,pbx.example.com," + i + ",pw" + i + "\n");
            }
        }
        long bytes = Files.size(csv);
        Process app =
                start(work, List.of("-Xmx128m", "-Db24sip.demo=true", "-Db24sip.csv.max-file-size=" + (bytes + 1024)));
        try {
            // the demo drops its sample CSV first: measured alone, not beside it
            waitFor(() -> hasFiles(inbox.resolve("done")), 120, "the demo's sample CSV");
            String name = "stream-" + rows + ".mirror.dryrun.csv";
            long dropped = System.nanoTime();
            Files.move(csv, inbox.resolve(name));
            waitFor(
                    () -> Files.exists(inbox.resolve("done/" + name)) || Files.exists(inbox.resolve("error/" + name)),
                    1200,
                    "the " + rows + "-row CSV");
            double seconds = (System.nanoTime() - dropped) / 1e9;
            long peak = AppRun.kb(app.pid(), "VmHWM") / 1024;
            Path report = inbox.resolve("reports/" + name + ".report.json");
            JsonNode totals =
                    Files.exists(report) ? JSON.readTree(report.toFile()).path("totals") : null;
            // every row planned, plus the demo portal's own lines planned for pruning
            boolean ok = totals != null
                    && totals.path("planned").asInt() >= rows
                    && totals.path("invalid").asInt() + totals.path("failed").asInt() == 0
                    && app.isAlive();
            out.line(String.format(
                    "streaming, -Xmx128m, %,d-row CSV (%d MB), validated and planned as a mirror dry run: %s in %.2f s "
                            + "from the drop to the report%s; peak RSS %d MB",
                    rows,
                    bytes >> 20,
                    ok ? "done" : "FAILED",
                    seconds,
                    rows == 100_000 ? " (target <= 3 s)" : "",
                    peak));
            ScenarioHarness.check(ok, "streaming " + rows + " rows: totals " + totals);
        } finally {
            stop(app);
        }
    }

    private static Process start(Path work, List<String> options) throws IOException {
        return start(work, options, freePort());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The packaged app with these JVM options and settings, its HTTP port given, working under {@code work}. */
    static Process start(Path work, List<String> options, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(options);
        command.addAll(List.of(
                "-Dquarkus.http.port=" + port,
                "-Db24sip.csv.dir=" + work.resolve("inbox"),
                "-Db24sip.csv.delay=100",
                "-Db24sip.token-dir=" + work.resolve("tokens"),
                "-jar",
                AppRun.JAR.toString()));
        return new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("app.log").toFile())
                .start();
    }

    static void stop(Process app) throws InterruptedException {
        app.destroy();
        if (!app.waitFor(30, TimeUnit.SECONDS)) {
            app.destroyForcibly().waitFor();
        }
    }

    /** Polls a condition another process makes true; nothing to wait on otherwise. */
    static void waitFor(BooleanSupplier condition, long seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            ScenarioHarness.check(System.nanoTime() < deadline, what + " within " + seconds + " s");
            Thread.sleep(100);
        }
    }

    /** The heap the app's objects need: jcmd's full GC, then the heap's "used" figure. */
    static String liveHeap(long pid) throws IOException, InterruptedException {
        new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run")
                .redirectErrorStream(true)
                .start()
                .waitFor();
        Process info = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.heap_info")
                .redirectErrorStream(true)
                .start();
        String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor();
        // every generation's "used" (the serial collector lists young and tenured apart), not the metaspace's
        long usedKb = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            Matcher used = Pattern.compile("used (\\d+)K").matcher(line);
            if (!line.contains("Metaspace") && !line.contains("class space") && used.find()) {
                usedKb += Long.parseLong(used.group(1));
                found = true;
            }
        }
        return found ? usedKb / 1024 + " MB" : "unknown (jcmd)";
    }

    private static boolean hasFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The settings of {@code portals} webhook portals of the simulator, named by {@code name}, trusting its certificate
     * from {@code trustStore}, each with the {@code extra} settings given (e.g. "rate-limit-plan=none").
     */
    static void writeWebhookPortals(
            Writer w, Simulator sim, int portals, IntFunction<String> name, Path trustStore, String... extra)
            throws IOException {
        for (int i = 0; i < portals; i++) {
            BitrixPortal portal = sim.portal(name.apply(i));
            String p = "b24sip.portals." + name.apply(i) + ".";
            w.write(p + "url=" + portal.baseUrl() + "\n");
            w.write(p + "user-id=" + portal.webhook().userId() + "\n");
            w.write(p + "token=" + portal.webhook().code() + "\n");
            w.write(p + "trust-store-file=" + trustStore + "\n");
            w.write(p + "trust-store-password=changeit\n");
            for (String setting : extra) {
                w.write(p + setting + "\n");
            }
        }
    }

    /** The simulator's fleet: {@code portals} portals named by {@link #name}, registrations settling in 200 ms. */
    static SimulatorConfig fleetConfig(int portals) {
        SimulatorConfig config = SimulatorConfig.create();
        for (int i = 0; i < portals; i++) {
            config.portal(PortalConfig.portal(name(i))
                    .maxCloudPbx(100)
                    .registrationDelays(Duration.ofMillis(200), Duration.ofMillis(200)));
        }
        return config;
    }

    static String name(int i) {
        return String.format("p%04d", i);
    }

    /** The status pollers' reads: a get of the cloud lines (a sync's get names titles). */
    static long statusPolls(Simulator sim) {
        return sim.journal()
                .count(e -> "voximplant.sip.get".equals(e.method())
                        && !e.isError()
                        && String.valueOf(e.params()).contains("cloud"));
    }

    static int threads(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return (int) tasks.count();
        }
    }

    /** utime + stime of the process, in clock ticks (100 a second on Linux). */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
