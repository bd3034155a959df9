package io.github.b24sip.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up as the README launches the app (issue 28): the demo, from process start to {@code /q/health/ready}
 * answering 200, over several runs, on the JDK on the PATH; then, where a JDK 25 and the AOT cache that
 * {@code -Paot} writes are there, the same with {@code -XX:AOTCache=app.aot -XX:AOTMode=on} (which refuses to start
 * rather than run without the cache). One run's log is split into its phases.
 */
final class StartupRun {

    private static final Path APP_DIR = AppRun.JAR.getParent();
    private static final Pattern STAMP = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d (\\d\\d):(\\d\\d):(\\d\\d),(\\d{3}) ");

    private StartupRun() {}

    static void main(String[] args) throws Exception {
        int runs = ScenarioHarness.intOption(args, "--runs", 5);
        Report out = new Report();
        out.header("camel-bitrix24-sip start-up: the README's main command, " + runs + " runs, "
                + Runtime.getRuntime().availableProcessors() + " cores");
        measure(out, "JDK on the PATH (" + version("java") + ")", List.of("java"), runs);
        Path jdk25 = Path.of(System.getenv().getOrDefault("JAVA25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        Path aot = APP_DIR.resolve("app.aot");
        if (Files.exists(jdk25.resolve("bin/java")) && Files.exists(aot)) {
            String java25 = jdk25.resolve("bin/java").toString();
            measure(
                    out,
                    "JDK " + version(java25) + " with the AOT cache",
                    List.of(java25, "-XX:AOTCache=app.aot", "-XX:AOTMode=on"),
                    runs);
        } else {
            out.line("AOT cache: not measured (needs " + jdk25 + " and " + aot + ", built with -Paot on that JDK)");
        }
        out.print();
    }

    /** {@code runs} starts of the demo with this launcher; the median, range, and the last run's phases. */
    static void measure(Report out, String what, List<String> launcher, int runs) throws Exception {
        List<Double> ready = new ArrayList<>();
        List<String> phases = List.of();
        for (int i = 0; i < runs; i++) {
            Path work = Files.createTempDirectory("bench-start");
            Path log = work.resolve("app.log");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(launcher);
            command.addAll(List.of(
                    "-Db24sip.demo=true",
                    "-Dquarkus.http.port=" + port,
                    "-Db24sip.csv.dir=" + work.resolve("inbox"),
                    "-Db24sip.token-dir=" + work.resolve("tokens"),
                    "-jar",
                    "quarkus-run.jar"));
            // from the app's own directory, as the AOT cache requires (the class path it recorded is relative)
            long launched = System.currentTimeMillis();
            long launchedNanos = System.nanoTime();
            Process app = new ProcessBuilder(command)
                    .directory(APP_DIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                double seconds = awaitReady(app, port, launchedNanos);
                ready.add(seconds);
                phases = phases(log, launched, seconds);
            } finally {
                app.destroy();
                if (!app.waitFor(20, TimeUnit.SECONDS)) {
                    app.destroyForcibly().waitFor();
                }
            }
        }
        List<Double> sorted = ready.stream().sorted().toList();
        out.line(String.format(
                "%s: process start to ready (/q/health/ready 200): median %.2f s, %.2f to %.2f s over %d runs "
                        + "(targets: <= 2 s on JDK 17, <= 1.5 s with the AOT cache)",
                what, sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), runs));
        out.line("  the last run's phases, seconds from process start: " + String.join("; ", phases));
    }

    private static double awaitReady(Process app, int port, long launchedNanos) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = launchedNanos + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            ScenarioHarness.check(app.isAlive(), "the app ended before it was ready");
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - launchedNanos) / 1e9;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10); // a probe every 10 ms, as a tight readiness probe would
        }
        throw new IllegalStateException("the app was not ready within 60 s");
    }

    /** When the log says each phase began, in seconds from the launch (log lines carry milliseconds). */
    private static List<String> phases(Path log, long launchedMillis, double ready) throws IOException {
        List<String> out = new ArrayList<>();
        String[][] marks = {
            {"first log line", ""},
            {"simulator up", "started the embedded Bitrix24 simulator"},
            {"Camel started", "Apache Camel 4.14.0 (bitrix24-sip-routes) started"},
            {"Quarkus started", "started in"},
        };
        List<String> lines = Files.readAllLines(log);
        for (String[] mark : marks) {
            for (String line : lines) {
                Matcher m = STAMP.matcher(line);
                if (m.find() && line.contains(mark[1])) {
                    long dayMillis = ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60
                                            + Long.parseLong(m.group(3)))
                                    * 1000
                            + Long.parseLong(m.group(4));
                    long launchDay =
                            (launchedMillis + java.util.TimeZone.getDefault().getOffset(launchedMillis)) % 86_400_000L;
                    out.add(String.format("%s %.2f", mark[0], (dayMillis - launchDay) / 1000.0));
                    break;
                }
            }
        }
        out.add(String.format("ready %.2f", ready));
        return out;
    }

    private static String version(String java) {
        try {
            Process p = new ProcessBuilder(java, "-version")
                    .redirectErrorStream(true)
                    .start();
            String first = new String(p.getInputStream().readAllBytes())
                    .lines()
                    .findFirst()
                    .orElse("?");
            p.waitFor();
            Matcher m = Pattern.compile("\"([^\"]+)\"").matcher(first);
            return m.find() ? m.group(1) : first;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
