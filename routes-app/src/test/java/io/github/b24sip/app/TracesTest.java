package io.github.b24sip.app;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace follows a Kafka command from the consumer's route to each REST call the component makes for it: the calls
 * are client spans named by their REST method, with the portal's host and the HTTP status, whose parents lead back to
 * the span of the Kafka consumer; no attribute of any span holds the portal's webhook token or the line's password.
 * A CSV file likewise is one trace from its route to each portal's calls, made on the CSV lanes' threads.
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
        KafkaCommandsTest.send(List.<String[]>of(
                new String[] {"alpha", KafkaCommandsTest.command(id, "upsert", "alpha", title, "pbx.example.com")}));

        // the command's trace: it starts at the Kafka consumer's span (named by the topic), and holds the sync's calls
        List<SpanData> trace = await().atMost(WAIT)
                .until(
                        () -> {
                            List<SpanData> all = spans.getFinishedSpanItems();
                            return all.stream()
                                    .filter(s -> s.getName().equals("sip-line-commands"))
                                    .map(root -> all.stream()
                                            .filter(s -> s.getTraceId().equals(root.getTraceId()))
                                            .toList())
                                    .filter(t ->
                                            t.stream().anyMatch(s -> s.getName().equals("bitrix24 batch")))
                                    .findFirst()
                                    .orElse(List.of());
                        },
                        t -> !t.isEmpty());
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        List<SpanData> calls = trace.stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT && s.getName().startsWith("bitrix24 "))
                .toList();
        // the sync reads the portal's lines, then adds the line (in a batch)
        assertThat(calls).extracting(SpanData::getName).contains("bitrix24 voximplant.sip.get", "bitrix24 batch");
        String host = SimulatorResource.portal("alpha").baseUrl().replaceFirst("^https://", "");
        for (SpanData call : calls) {
            assertThat(call.getAttributes().get(AttributeKey.stringKey("rpc.method")))
                    .isEqualTo(call.getName().substring("bitrix24 ".length()));
            assertThat(call.getAttributes().get(AttributeKey.stringKey("server.address")))
                    .isEqualTo(host);
            assertThat(call.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                    .isEqualTo(200L);
            assertThat(ancestors(call, byId))
                    .as("the parents of %s", call.getName())
                    .anySatisfy(a -> assertThat(a.getName()).isEqualTo("sip-line-commands"));
        }
        String everyAttribute = trace.stream()
                .map(s -> s.getName() + s.getAttributes().asMap().values())
                .collect(Collectors.joining("\n"));
        assertThat(everyAttribute)
                .doesNotContain(SimulatorResource.portal("alpha").webhook().code())
                .doesNotContain("kafka-secret-" + id);
    }

    @Test
    void aCsvFileIsOneTraceFromItsRouteDownToEachPortalsRestCalls() {
        String name = unique("traced") + ".csv";
        String title = unique("traced-row");
        spans.reset();
        long droppedAt = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        // two portals: their chunks are applied on the CSV lanes' own threads, not on the file route's
        drop(
                name,
                "portal,title,type,server,login,password\n"
                        + "alpha," + title + ",office,pbx.example.com,100,pw-a\n"
                        + "beta," + title + ",office,pbx.example.com,101,pw-b\n");
        awaitMoved(name, "done");

        // the file's trace: the one holding the span of the inbox route's file consumer (named by its scheme), begun
        // after the drop (a file of an earlier test may still end after the reset; a status sink writes "file" spans)
        List<SpanData> trace = await().atMost(WAIT)
                .until(
                        () -> {
                            List<SpanData> finished = spans.getFinishedSpanItems();
                            return finished.stream()
                                    .filter(s -> s.getName().equals("file")
                                            && s.getStartEpochNanos() >= droppedAt
                                            && isInboxConsumer(s))
                                    .map(root -> finished.stream()
                                            .filter(s -> s.getTraceId().equals(root.getTraceId()))
                                            .toList())
                                    .findFirst()
                                    .orElse(List.of());
                        },
                        t -> !t.isEmpty());
        List<String> hosts = trace.stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT && s.getName().equals("bitrix24 batch"))
                .map(s -> s.getAttributes().get(AttributeKey.stringKey("server.address")))
                .toList();
        assertThat(hosts).as("each portal's write is in the file's trace").contains(host("alpha"), host("beta"));
        String everyAttribute = trace.stream()
                .map(s -> s.getName() + s.getAttributes().asMap().values())
                .collect(Collectors.joining("\n"));
        assertThat(everyAttribute).doesNotContain("pw-a").doesNotContain("pw-b");
    }

    /**
     * The inbox route's consumer span, not a status sink's "file" producer span (a status file written meanwhile, in a
     * poll's trace): its endpoint attribute names the inbox.
     */
    private static boolean isInboxConsumer(SpanData span) {
        return span.getAttributes().asMap().values().stream()
                .anyMatch(v -> String.valueOf(v).contains(inbox().toString()));
    }

    private static String host(String portal) {
        return SimulatorResource.portal(portal).baseUrl().replaceFirst("^https://", "");
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
