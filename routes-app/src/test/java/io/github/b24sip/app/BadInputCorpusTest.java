package io.github.b24sip.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus committed under src/test/resources/bad-input: every malformed CSV gets a clear answer naming
 * the row and field (or why the file as a whole cannot be read) while its good row still goes through, uploaded and
 * dropped into the inbox alike; every
 * malformed command lands on the dead-letter topic with a reason naming what is wrong, while a good one is applied;
 * and the app keeps running.
 */
@QuarkusTest
class BadInputCorpusTest extends AppTestSupport {

    @TestHTTPResource("/api/sync")
    URL syncUrl;

    private static Map<String, String> expected(String dir) throws IOException {
        Properties p = new Properties();
        try (InputStream in = resource(dir + "/expected.properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, String> cases = new TreeMap<>();
        p.forEach((k, v) -> cases.put(k.toString(), v.toString()));
        return cases;
    }

    private static InputStream resource(String path) {
        InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-input/" + path);
        assertThat(in).as(path).isNotNull();
        return in;
    }

    private static byte[] bytes(String path) throws IOException {
        try (InputStream in = resource(path)) {
            return in.readAllBytes();
        }
    }

    /** Every file of a corpus directory has its expected entry, and every entry its file. */
    private static void assertEveryFileHasAnEntry(String dir, Map<String, String> cases) throws Exception {
        Path folder = Path.of(BadInputCorpusTest.class
                        .getResource("/bad-input/" + dir + "/expected.properties")
                        .toURI())
                .getParent();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("expected.properties")))
                    .as("the files of bad-input/%s and the entries of its expected.properties", dir)
                    .containsExactlyInAnyOrderElementsOf(cases.keySet());
        }
    }

    /**
     * What a report must show: a row entry ("row N field reason") that starts with the expected text, or a total
     * ("result count", "rows count") equal to it; and the file's good row ("corpus-ok", when the file has one) planned.
     */
    private static void checkReport(
            String file, String want, boolean hasGoodRow, JsonNode report, List<String> failures) {
        List<String> rows = new ArrayList<>();
        report.path("outcomes")
                .forEach(o -> rows.add("row " + o.path("row").asText() + " "
                        + o.path("field").asText() + " " + o.path("error").asText()));
        List<String> totals = new ArrayList<>();
        totals.add("rows " + report.path("rows").asInt());
        report.path("totals")
                .fields()
                .forEachRemaining(
                        t -> totals.add(t.getKey() + " " + t.getValue().asInt()));
        boolean found =
                want.startsWith("row ") ? rows.stream().anyMatch(r -> r.startsWith(want)) : totals.contains(want);
        if (!found) {
            failures.add(file + ": expected '" + want + "' in " + rows + " " + totals);
        }
        if (hasGoodRow) {
            List<JsonNode> good = new ArrayList<>();
            report.path("outcomes").forEach(o -> {
                // a line's title, or a registration's user name at its proxy
                if (o.path("title").asText().equals("corpus-ok")
                        || o.path("title").asText().startsWith("corpus-ok@")) {
                    good.add(o);
                }
            });
            if (good.stream()
                            .filter(o -> o.path("result").asText().equals("planned"))
                            .count()
                    != 1) {
                failures.add(file + ": the good row 'corpus-ok' is not planned exactly once: " + good);
            }
        }
    }

    private static boolean hasGoodRow(String file) throws IOException {
        return new String(bytes("csv/" + file), StandardCharsets.ISO_8859_1).contains("corpus-ok");
    }

    @Test
    void everyMalformedCsvUploadGetsAClearAnswerAndItsGoodRowStillGoesThrough() throws Exception {
        Map<String, String> cases = expected("csv");
        assertEveryFileHasAnEntry("csv", cases);
        List<String> failures = new ArrayList<>();
        for (var c : cases.entrySet()) {
            int status = Integer.parseInt(c.getValue().substring(0, 3));
            String want = c.getValue().substring(4);
            var response = api().contentType("text/csv")
                    .body(bytes("csv/" + c.getKey()))
                    .queryParam("dryRun", "true")
                    .post("/api/sync")
                    .then()
                    .extract();
            String answer = response.asString();
            if (response.statusCode() != status) {
                failures.add(c.getKey() + ": HTTP " + response.statusCode() + " " + answer);
            } else if (status == 400) {
                if (!JSON.readTree(answer).path("error").asText().contains(want)) {
                    failures.add(c.getKey() + ": " + answer);
                }
            } else {
                checkReport(c.getKey(), want, hasGoodRow(c.getKey()), JSON.readTree(answer), failures);
            }
        }
        assertThat(failures).isEmpty();
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void everyMalformedCsvDroppedIntoTheInboxIsReportedOrRefusedWithItsReason() throws Exception {
        Map<String, String> cases = expected("csv");
        String run = unique("corpus");
        Map<String, String> dropped = new TreeMap<>();
        for (String file : cases.keySet()) {
            // dry runs: the good rows are planned, not applied, so the cases do not meet each other's lines
            String name = run + "-" + file.replace(".csv", ".dryrun.csv");
            Files.createDirectories(inbox());
            Path staging = inbox().resolve("." + name + ".part");
            Files.write(staging, bytes("csv/" + file));
            Files.move(staging, inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
            dropped.put(file, name);
        }
        List<String> failures = new ArrayList<>();
        for (var c : cases.entrySet()) {
            int status = Integer.parseInt(c.getValue().substring(0, 3));
            String want = c.getValue().substring(4);
            String name = dropped.get(c.getKey());
            if (status == 400) {
                Path refused = awaitMoved(name, "error");
                String reason = Files.readString(refused.resolveSibling(name + ".reason.txt"));
                if (!reason.contains(want)) {
                    failures.add(c.getKey() + ": error/" + name + ".reason.txt says " + reason.strip());
                }
            } else {
                awaitMoved(name, "done");
                checkReport(c.getKey(), want, hasGoodRow(c.getKey()), report(name), failures);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyMalformedCommandIsDeadLetteredWithItsReasonAndAGoodOneIsApplied() throws Exception {
        Map<String, String> cases = new TreeMap<>(expected("commands"));
        assertEveryFileHasAnEntry("commands", cases);
        String good = unique("corpus-good");
        Map<String, String> payloads = new TreeMap<>();
        for (String name : cases.keySet()) {
            payloads.put(name, new String(bytes("commands/" + name), StandardCharsets.UTF_8));
        }
        // too big to commit: a 900 KB command (under Kafka's 1 MB default record limit) made here
        String huge =
                "{\"id\":\"c-huge\",\"action\":\"upsert\",\"portal\":\"alpha\",\"line\":{\"title\":\"corpus-cmd-huge\","
                        + "\"type\":\"office\",\"server\":\"" + "x".repeat(900 * 1024) + "\",\"login\":\"l\"}}";
        cases.put(
                "generated-900-KB.json",
                "the command has " + huge.length() + " characters, over b24sip.commands.max-size (65536)");
        payloads.put("generated-900-KB.json", huge);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            payloads.values().forEach(v -> producer.send(new ProducerRecord<>("sip-line-commands", "alpha", v)));
            producer.send(new ProducerRecord<>(
                    "sip-line-commands",
                    "alpha",
                    KafkaCommandsTest.command(good, "upsert", "alpha", good, "pbx.example.com")));
        }

        List<ConsumerRecord<String, String>> results = KafkaCommandsTest.readUntil(
                "sip-line-results", r -> r.stream().anyMatch(x -> x.value().contains(good)));
        List<ConsumerRecord<String, String>> dead = KafkaCommandsTest.readUntil(
                "sip-line-commands-dlq",
                r -> payloads.values().stream().allMatch(v -> r.stream().anyMatch(x -> v.equals(x.value()))));

        List<String> failures = new ArrayList<>();
        payloads.forEach((name, payload) -> {
            String reason = dead.stream()
                    .filter(x -> payload.equals(x.value()))
                    .reduce((a, b) -> b)
                    .map(x -> new String(x.headers().lastHeader("b24sip-reason").value(), StandardCharsets.UTF_8))
                    .orElse("");
            if (!reason.contains(cases.get(name))) {
                failures.add(name + ": reason '" + reason + "', expected '" + cases.get(name) + "'");
            }
        });
        assertThat(failures).isEmpty();
        assertThat(results.stream()
                        .filter(x -> x.value().contains(good))
                        .map(x -> KafkaCommandsTest.json(x.value())
                                .path("outcome")
                                .asText()))
                .containsExactly("created");
        assertThat(linesStartingWith("alpha", "corpus-cmd"))
                .as("no malformed command made a line")
                .isEmpty();
    }

    @Test
    void aFiftyMegabyteCsvIsRefusedUnreadWhileTheFilesBesideItGoThrough() throws Exception {
        // too big to commit: 50 MB of well-formed rows, made here
        String big = unique("corpus-50mb") + ".dryrun.csv";
        String good = unique("corpus-beside-50mb") + ".dryrun.csv";
        StringBuilder csv = new StringBuilder(52 * 1024 * 1024).append("portal,title,type,server,login,password\n");
        for (int i = 0; csv.length() < 50 * 1024 * 1024; i++) {
            csv.append("alpha,big-")
                    .append(i)
                    .append(",office,pbx.example.com,")
                    .append(i)
                    .append(",secret-")
                    .append(i)
                    .append('\n');
        }
        drop(big, csv.toString());
        drop(good, "portal,title,type,server,login,password\nalpha,corpus-ok,office,pbx.example.com,1,pw\n");

        Path refused = awaitMoved(big, "error");
        assertThat(Files.readString(refused.resolveSibling(big + ".reason.txt")))
                .contains("over b24sip.csv.max-file-size (10485760 bytes)");
        awaitMoved(good, "done");
        assertThat(report(good).path("totals").path("planned").asInt()).isEqualTo(1);

        // the same ceiling for an upload, enforced by the HTTP server from Content-Length before it reads the body;
        // a client that asks "Expect: 100-continue" hears so before it sends the 50 MB
        HttpResponse<String> upload = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(syncUrl + "?dryRun=true"))
                                .expectContinue(true)
                                .header("Content-Type", "text/csv")
                                .header("Authorization", "Bearer " + SimulatorResource.API_TOKEN)
                                .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).isEqualTo(413);
        given().get("/q/health/live").then().statusCode(200);
    }
}
