package io.github.b24sip.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * The component's own cost per exchange: one bitrix24-sip:status exchange through a Camel route, against the bare
 * JDK HttpClient + Jackson call of the same method on the same local server (the simulator, unlimited, plain HTTP on
 * loopback so TLS does not dominate both).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OverheadBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Simulator simulator;
    private CamelContext camel;
    private ProducerTemplate template;
    private HttpClient http;
    private URI statusUri;
    private String body;
    private long regId;

    @Setup(Level.Trial)
    public void start() throws Exception {
        simulator = Simulator.start(
                SimulatorConfig.create().portal(PortalConfig.portal("p").rateLimit(null)));
        BitrixPortal portal = simulator.portal("p");
        portal.addLine("", "cloud", "line", "sip.example.com", "acc", "pw");
        regId = simulator.portal("p").lines().get(0).regId();
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:status")
                        .to("bitrix24-sip:status?portalUrl=" + portal.plainBaseUrl() + "&userId="
                                + portal.webhook().userId() + "&token="
                                + portal.webhook().code() + "&rateLimitPlan=none");
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
        http = HttpClient.newHttpClient();
        statusUri = URI.create(portal.plainWebhookUrl() + "voximplant.sip.status.json");
        body = "{\"REG_ID\":" + regId + "}";
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        camel.close();
        simulator.close();
    }

    @Benchmark
    public Object camelExchange() {
        Object status = template.requestBody("direct:status", regId);
        if (status == null) {
            throw new IllegalStateException("bitrix24-sip:status gave no status"); // a failed call is not timed
        }
        return status;
    }

    @Benchmark
    public Object bareHttpClient() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(statusUri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode result = JSON.readTree(response.body()).path("result");
        if (response.statusCode() != 200 || result.path("STATUS_RESULT").isMissingNode()) {
            // an error answer is cheaper than a status: timing it would flatter the bare call
            throw new IllegalStateException("HTTP " + response.statusCode() + " without a status");
        }
        return result.path("STATUS_RESULT").asText();
    }

    static void run() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(OverheadBenchmark.class.getSimpleName())
                        .build())
                .run();
        double camel = 0;
        double bare = 0;
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double score = r.getPrimaryResult().getScore();
            if (name.endsWith("camelExchange")) {
                camel = score;
            } else if (name.endsWith("bareHttpClient")) {
                bare = score;
            }
        }
        System.out.printf(
                "%ncomponent overhead: bitrix24-sip:status exchange %.1f us, bare HttpClient + Jackson %.1f us, "
                        + "ratio %.3f (target <= 1.3)%n",
                camel, bare, camel / bare);
    }
}
