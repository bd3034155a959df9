package io.github.b24sip.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The routes app as a user runs it (the packaged jar, embedded demo portal): time from process start to "started",
 * resident memory after a 1,000-line CSV, and the time to validate and plan a 100,000-row CSV upload (a mirror dry
 * run).
 */
final class AppRun {

    static final Path JAR = Path.of(
                    System.getProperty("bench.app.jar", "routes-app/target/quarkus-app/quarkus-run.jar"))
            .toAbsolutePath();

    private AppRun() {}

    static void measure(Report out) throws Exception {
        measure(out, List.of());
        measure(out, List.of("-Xmx128m"));
    }

    private static void measure(Report out, List<String> jvmOptions) throws Exception {
        if (!Files.exists(JAR)) {
            out.line("routes app: " + JAR + " not built; run the README's bench command from the repository root");
            return;
        }
        Path work = Files.createTempDirectory("bench-app");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long launched = System.nanoTime();
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Db24sip.demo=true",
                "-Dquarkus.http.port=" + port,
                "-Db24sip.csv.dir=" + work.resolve("inbox"),
                "-Db24sip.token-dir=" + work.resolve("tokens"),
                "-jar",
                JAR.toString()));
        String jvm = jvmOptions.isEmpty() ? "default heap" : String.join(" ", jvmOptions);
        Process app = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.contains("started in")) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            ScenarioHarness.check(started.await(60, TimeUnit.SECONDS), "the routes app did not start");
            double startSeconds = (System.nanoTime() - launched) / 1e9;
            out.line(String.format(
                    "routes app (JVM, demo, %s): process start to started %.2f s (target <= 2 s)", jvm, startSeconds));

            StringBuilder csv = new StringBuilder("title,type,server,login,password\n");
            for (int i = 0; i < 1000; i++) {
                csv.append("bench-")
                        .append(i)
                        .append(",office,pbx.example.com,")
                        .append(i)
                        .append(",pw")
                        .append(i)
                        .append('\n');
            }
            Path inbox = work.resolve("inbox");
            Files.createDirectories(inbox);
            Files.writeString(inbox.resolve(".bench.part"), csv);
            Files.move(inbox.resolve(".bench.part"), inbox.resolve("bench-1000.csv"));
            Path report = inbox.resolve("reports/bench-1000.csv.report.json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(report) && System.nanoTime() < deadline) {
                Thread.sleep(100); // polling a file another process writes; nothing to wait on otherwise
            }
            ScenarioHarness.check(Files.exists(report), "the 1,000-line CSV was not applied");
            out.line(String.format(
                    "routes app (%s) RSS after the 1,000-line CSV: %d MB (target <= 200 MB)",
                    jvm, kb(app.pid(), "VmRSS") / 1024));

            StringBuilder big = new StringBuilder("title,type,server,login,password\n");
            for (int i = 0; i < 100_000; i++) {
                big.append("big-")
                        .append(i)
                        .append(",office,pbx.example.com,")
                        .append(i)
                        .append(",pw")
                        .append(i)
                        .append('\n');
            }
            HttpClient http = HttpClient.newHttpClient();
            long posted = System.nanoTime();
            HttpResponse<String> plan = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sync?mirror=true&dryRun=true"))
                            .header("Content-Type", "text/csv")
                            .POST(HttpRequest.BodyPublishers.ofString(big.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            double planSeconds = (System.nanoTime() - posted) / 1e9;
            if (plan.statusCode() != 200 || !plan.body().contains("planned")) {
                out.line(String.format(
                        "routes app (%s): the 100,000-row plan FAILED after %.2f s: HTTP %d %s; peak RSS %d MB",
                        jvm,
                        planSeconds,
                        plan.statusCode(),
                        plan.body().length() > 200 ? plan.body().substring(0, 200) : plan.body(),
                        kb(app.pid(), "VmHWM") / 1024));
                return;
            }
            out.line(String.format(
                    "routes app (" + jvm
                            + "): validate and plan a 100,000-row CSV (POST /api/sync?mirror=true&dryRun=true): %.2f s "
                            + "(target <= 3 s); peak RSS of the process %d MB",
                    planSeconds,
                    kb(app.pid(), "VmHWM") / 1024));
        } finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly()
                        .waitFor(); // an app stuck in GC after running out of heap does not stop on SIGTERM
            }
        }
    }

    /** A figure of /proc/<pid>/status, in kB. */
    static long kb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
