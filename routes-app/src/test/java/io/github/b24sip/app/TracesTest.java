package io.github.b24sip.app;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace follows a Kafka command from the consumer's route to each REST call the component makes for it: the calls
 * are client spans named by their REST method, with the portal's host and the HTTP status, whose parents lead back to
 * the span of the Kafka consumer; no attribute of any span holds the portal's webhook token or the line's password.
 */
@QuarkusTest
class TracesTest extends AppTestSupport {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aKafkaCommandIsOneTraceDownToEachRestCall() {
        String title = unique("traced");
        String id = unique("trace-cmd");
        // what other tests traced is left behind: this command is the only one from here on
        spans.reset();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(
                    "sip-line-commands",
                    "alpha",
                    KafkaCommandsTest.command(id, "upsert", "alpha", title, "pbx.example.com")));
            producer.flush();
        }

        // the add of this command's line: a client span named by its REST method
        SpanData add = await().atMost(WAIT)
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(s -> s.getKind() == SpanKind.CLIENT
                                        && s.getName().equals("bitrix24 voximplant.sip.add"))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        String host = SimulatorResource.portal("alpha").baseUrl().replaceFirst("^https://", "");
        assertThat(add.getAttributes().get(AttributeKey.stringKey("rpc.method")))
                .isEqualTo("voximplant.sip.add");
        assertThat(add.getAttributes().get(AttributeKey.stringKey("server.address")))
                .isEqualTo(host);
        assertThat(add.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(200L);

        List<SpanData> trace = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(add.getTraceId()))
                .toList();
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        // every REST call of the trace (the sync's read, then the add) hangs off the Kafka consumer's span
        List<SpanData> calls = trace.stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT && s.getName().startsWith("bitrix24 "))
                .toList();
        assertThat(calls)
                .extracting(SpanData::getName)
                .contains("bitrix24 voximplant.sip.get", "bitrix24 voximplant.sip.add");
        for (SpanData call : calls) {
            assertThat(ancestors(call, byId))
                    .as("the parents of %s", call.getName())
                    .anySatisfy(a -> assertThat(a.getName()).contains("kafka"));
        }
        String everyAttribute = trace.stream()
                .map(s -> s.getName() + s.getAttributes().asMap().values())
                .collect(Collectors.joining("\n"));
        assertThat(everyAttribute)
                .doesNotContain(SimulatorResource.portal("alpha").webhook().code())
                .doesNotContain("kafka-secret-" + id);
    }

    private static List<SpanData> ancestors(SpanData span, Map<String, SpanData> byId) {
        List<SpanData> out = new java.util.ArrayList<>();
        SpanData at = byId.get(span.getParentSpanId());
        while (at != null) {
            out.add(at);
            at = byId.get(at.getParentSpanId());
        }
        return out;
    }
}
