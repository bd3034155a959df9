package io.github.b24sip.app;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app with no portal configured: it refuses to start and names the settings to add, unless
 * {@code b24sip.demo=true} asks for the embedded simulator, as the README's main command does.
 */
class DemoFlagIT {

    @TempDir
    Path work;

    private int port;

    private Process start(String... more) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(List.of(more));
        command.addAll(List.of(
                "-Dquarkus.http.port=" + port,
                "-Db24sip.csv.dir=" + work.resolve("inbox"),
                "-Db24sip.token-dir=" + work.resolve("tokens"),
                "-jar",
                Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        Process app = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("app.log").toFile())
                .start();
        this.port = port;
        return app;
    }

    @Test
    void withoutPortalsAndWithoutTheDemoFlagTheAppExitsNamingTheSettings() throws Exception {
        Process app = start();
        try {
            assertThat(app.waitFor(90, TimeUnit.SECONDS))
                    .as("the app ends by itself")
                    .isTrue();
            assertThat(app.exitValue()).isNotZero();
            String log = Files.readString(work.resolve("app.log"));
            assertThat(log).contains("No portal is configured", "b24sip.portals.<name>.url", "b24sip.demo=true");
            assertThat(log).doesNotContain("started the embedded Bitrix24 simulator");
            // the CSV route may have prepared its folders before the portals were read; nothing was applied or reported
            assertThat(work.resolve("inbox/reports"))
                    .as("no file applied anywhere")
                    .doesNotExist();
            assertThat(csvFilesIn(work.resolve("inbox")))
                    .as("no sample dropped")
                    .isEmpty();
        } finally {
            app.destroyForcibly().waitFor();
        }
    }

    private static List<Path> csvFilesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv"))
                    .toList();
        }
    }

    @Test
    void theDemoFlagRunsTheSampleOnTheEmbeddedSimulator() throws Exception {
        Process app = start("-Db24sip.demo=true");
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
                HttpResponse<String> lines = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/lines"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                return lines.statusCode() == 200 && lines.body().contains("Provider A, trunk 1");
            });
            assertThat(Files.readString(work.resolve("app.log"))).contains("started the embedded Bitrix24 simulator");
        } finally {
            PackagedApp.stop(app);
            // kept for a failure's post-mortem: the temporary directory goes with the test
            Files.copy(
                    work.resolve("app.log"),
                    Path.of("target/DemoFlagIT-demo.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
