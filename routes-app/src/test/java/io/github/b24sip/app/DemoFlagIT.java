package io.github.b24sip.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
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

    private HttpResponse<String> put(HttpClient http, String portal, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/portals/" + portal))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDemoBrokerTakesAJmsCommandAndAnswersIt() throws Exception {
        int brokerPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            brokerPort = socket.getLocalPort();
        }
        String url = "tcp://127.0.0.1:" + brokerPort;
        Process app = start("-Db24sip.demo=true", "-Db24sip.demo-brokers=true", "-Db24sip.jms.url=" + url);
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(90))
                    .ignoreExceptions()
                    .until(() -> http.send(
                                            HttpRequest.newBuilder(
                                                            URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 200);
            // the README's JMS try-out: a command without a portal goes to the demo's portal
            String command = "{\"id\":\"demo-jms-1\",\"action\":\"upsert\",\"line\":{\"title\":\"From JMS\","
                    + "\"type\":\"office\",\"server\":\"pbx.example.com\",\"login\":\"401\",\"password\":\"pw-401\"}}";
            try (var factory = new ActiveMQConnectionFactory(url);
                    JMSContext jms = factory.createContext();
                    JMSConsumer results = jms.createConsumer(jms.createQueue("sip.line.results"))) {
                jms.createProducer().send(jms.createQueue("sip.line.commands"), command);
                String[] result = new String[1];
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    Message m = results.receive(200);
                    if (m instanceof TextMessage text && text.getText().contains("demo-jms-1")) {
                        result[0] = text.getText();
                    }
                    return result[0] != null;
                });
                var answer = new ObjectMapper().readTree(result[0]);
                assertThat(answer.path("portal").asText()).isEqualTo("demo");
                assertThat(answer.path("outcome").asText()).as(result[0]).isEqualTo("created");
            }
            assertThat(Files.readString(work.resolve("app.log"))).contains("started an embedded JMS broker");
        } finally {
            PackagedApp.stop(app);
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

    /**
     * No b24sip.api.token: the API, the page and the metrics answer only on loopback, asked here through this machine's
     * own non-loopback address (the app listens on every address); the health checks and the events' path answer.
     */
    private void closedToOtherAddressesWithoutAToken(HttpClient http) throws Exception {
        String address = NetworkInterface.networkInterfaces()
                .filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (java.net.SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .map(InetAddress::getHostAddress)
                .findFirst()
                .orElseThrow(() -> new AssertionError("this machine has no non-loopback IPv4 address to ask from"));
        for (String path : List.of("/api/lines", "/", "/q/metrics", "/q/health/../api/lines", "/Q/metrics")) {
            HttpResponse<String> closed = http.send(
                    HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(closed.statusCode()).as(path + " from " + address).isEqualTo(403);
            assertThat(closed.body()).contains("only on loopback").doesNotContain("Provider A");
        }
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/q/health/live"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> event = http.send(
                HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/bitrix24/events"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("event=ONAPPINSTALL"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(event.statusCode())
                .as("the events' path is the app's own to refuse")
                .isNotEqualTo(403);
        assertThat(Files.readString(work.resolve("app.log"))).contains("answer only on loopback");
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
            closedToOtherAddressesWithoutAToken(http);

            // the demo's portal API works without a secrets key (the demo seals with a key made for the run) ...
            HttpResponse<String> second = put(
                    http,
                    "second",
                    "{\"url\":\"http://127.0.0.1:9\",\"user-id\":\"1\"," + "\"token\":\"second-portal-token\"}");
            assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
            // ... and speaks of the demo about the demo's own portal
            HttpResponse<String> demo =
                    put(http, "demo", "{\"url\":\"http://127.0.0.1:9\",\"user-id\":\"1\"," + "\"token\":\"t\"}");
            assertThat(demo.statusCode()).isEqualTo(409);
            assertThat(demo.body()).contains("the demo's own portal").doesNotContain("b24sip.portals.demo");

            // with a second portal in, a CSV without a portal column still goes to the demo's portal (the default)
            Files.writeString(
                    work.resolve("inbox/no-portal-column.csv"),
                    "title,type,server,login,password\nNo portal column,office,pbx.example.com,301,pw-301\n");
            Path report = work.resolve("inbox/reports/no-portal-column.csv.report.json");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(work.resolve("inbox/done/no-portal-column.csv")));
            assertThat(Files.readString(report))
                    .contains("\"portal\" : \"demo\"", "\"result\" : \"created\"")
                    .doesNotContain("\"invalid\" : 1");
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
