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
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus committed under src/test/resources/bad-input: every malformed CSV gets a clear answer naming
 * the row and field (or why the file as a whole cannot be read) while its good row still goes through; every
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
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
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

    @Test
    void everyMalformedCsvGetsAClearAnswerAndItsGoodRowsStillGoThrough() throws Exception {
        Map<String, String> cases = expected("csv");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        List<String> failures = new ArrayList<>();
        for (var c : cases.entrySet()) {
            int status = Integer.parseInt(c.getValue().substring(0, 3));
            String want = c.getValue().substring(4);
            var response = api().contentType("text/csv").body(bytes("csv/" + c.getKey())).queryParam("dryRun", "true")
                    .post("/api/sync").then().extract();
            String answer = response.asString();
            if (response.statusCode() != status) {
                failures.add(c.getKey() + ": HTTP " + response.statusCode() + " " + answer);
                continue;
            }
            if (status == 400) {
                if (!JSON.readTree(answer).path("error").asText().contains(want)) {
                    failures.add(c.getKey() + ": " + answer);
                }
                continue;
            }
            JsonNode report = JSON.readTree(answer);
            List<String> seen = new ArrayList<>();
            report.path("outcomes").forEach(o -> seen.add("row " + o.path("row").asText() + " " + o.path("field").asText()
                    + " " + o.path("error").asText()));
            report.path("totals").fields().forEachRemaining(t -> seen.add(t.getKey() + " " + t.getValue().asInt()));
            if (seen.stream().noneMatch(s -> s.contains(want))) {
                failures.add(c.getKey() + ": expected '" + want + "' in " + seen);
            }
            report.path("outcomes").forEach(o -> {
                if (o.path("title").asText().equals("corpus-ok") && o.path("row").asInt() == 2
                        && !o.path("result").asText().equals("planned")) {
                    failures.add(c.getKey() + ": the good row was not planned: " + o);
                }
            });
        }
        assertThat(failures).isEmpty();
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void everyMalformedCommandIsDeadLetteredWithItsReasonAndAGoodOneIsApplied() throws Exception {
        Map<String, String> cases = new TreeMap<>(expected("commands"));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
        String good = unique("corpus-good");
        Map<String, String> payloads = new TreeMap<>();
        for (String name : cases.keySet()) {
            payloads.put(name, new String(bytes("commands/" + name), StandardCharsets.UTF_8));
        }
        // too big to commit: a 900 KB command (under Kafka's 1 MB default record limit) made here
        String huge = "{\"id\":\"c-huge\",\"action\":\"upsert\",\"portal\":\"alpha\",\"line\":{\"title\":\"corpus-cmd-huge\","
                + "\"type\":\"office\",\"server\":\"" + "x".repeat(900 * 1024) + "\",\"login\":\"l\"}}";
        cases.put("generated-900-KB.json", "the command has " + huge.length() + " characters, over b24sip.commands.max-size (65536)");
        payloads.put("generated-900-KB.json", huge);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            payloads.values().forEach(v -> producer.send(new ProducerRecord<>("sip-line-commands", "alpha", v)));
            producer.send(new ProducerRecord<>("sip-line-commands", "alpha",
                    KafkaCommandsTest.command(good, "upsert", "alpha", good, "pbx.example.com")));
        }

        List<ConsumerRecord<String, String>> results = KafkaCommandsTest.readUntil("sip-line-results",
                r -> r.stream().anyMatch(x -> x.value().contains(good)));
        List<ConsumerRecord<String, String>> dead = KafkaCommandsTest.readUntil("sip-line-commands-dlq",
                r -> payloads.values().stream().allMatch(v -> r.stream().anyMatch(x -> v.equals(x.value()))));

        List<String> failures = new ArrayList<>();
        payloads.forEach((name, payload) -> {
            String reason = dead.stream().filter(x -> payload.equals(x.value())).reduce((a, b) -> b)
                    .map(x -> new String(x.headers().lastHeader("b24sip-reason").value(), StandardCharsets.UTF_8)).orElse("");
            if (!reason.contains(cases.get(name))) {
                failures.add(name + ": reason '" + reason + "', expected '" + cases.get(name) + "'");
            }
        });
        assertThat(failures).isEmpty();
        assertThat(results.stream().filter(x -> x.value().contains(good)).map(x -> KafkaCommandsTest.json(x.value()).path("outcome").asText()))
                .containsExactly("created");
        assertThat(linesStartingWith("alpha", "corpus-cmd")).as("no malformed command made a line").isEmpty();
    }

    @Test
    void aFiftyMegabyteCsvIsRefusedUnreadWhileTheFilesBesideItGoThrough() throws Exception {
        // too big to commit: 50 MB of well-formed rows, made here
        String big = unique("corpus-50mb") + ".dryrun.csv";
        String good = unique("corpus-beside-50mb") + ".dryrun.csv";
        StringBuilder csv = new StringBuilder(52 * 1024 * 1024).append("portal,title,type,server,login,password\n");
        for (int i = 0; csv.length() < 50 * 1024 * 1024; i++) {
            csv.append("alpha,big-").append(i).append(",office,pbx.example.com,").append(i).append(",secret-").append(i).append('\n');
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
        HttpResponse<String> upload = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(syncUrl + "?dryRun=true"))
                .expectContinue(true).header("Content-Type", "text/csv")
                .header("Authorization", "Bearer " + SimulatorResource.API_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).isEqualTo(413);
        given().get("/q/health/live").then().statusCode(200);
    }
}
