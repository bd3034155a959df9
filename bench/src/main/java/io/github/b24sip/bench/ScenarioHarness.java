package io.github.b24sip.bench;

import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.RateLimit;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scenario harness: provisioning, re-sync and status polling against the simulator with real limits, next to
 * their theoretical bounds, a naive one-call-per-line client and the official JS SDK; then the routes app's start-up
 * and memory. Prints raw figures and ratios, all measured in this run.
 */
final class ScenarioHarness {

    static final int BATCH = 50;
    static final int CONCURRENCY = 4; // the component's default maxConcurrentRequests

    private ScenarioHarness() {}

    static void main(String[] args) throws Exception {
        int lines = intOption(args, "--lines", 1000);
        int naiveLines = intOption(args, "--naive-lines", 100);
        int portals = intOption(args, "--portals", 200);
        boolean sdk = !flag(args, "--no-sdk");
        boolean app = !flag(args, "--no-app");
        Report out = new Report();
        out.header("camel-bitrix24-sip scenario harness: N=" + lines + " lines, " + portals + " portals, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));

        // JIT, TLS and class loading warm up on a run that is not counted
        provision(200, 0, 2, 0);
        for (int serverMs : new int[] {0, 20}) {
            for (int bucket : new int[] {5, 50}) {
                Provisioned ours = provision(lines, bucket, 2, serverMs);
                out.provisioned("ours (sync)", bucket, serverMs, lines, ours);
                if (sdk) {
                    Provisioned theirs = JsSdk.provision(lines, bucket, 2, serverMs);
                    if (theirs != null) {
                        out.provisioned("official JS SDK (batchByChunk)", bucket, serverMs, lines, theirs);
                        out.ratio(
                                "ours / JS SDK wall, bucket " + bucket + ", server " + serverMs + " ms",
                                ours.wallSeconds() / theirs.wallSeconds());
                    }
                }
                if (bucket == 50 && serverMs == 0) {
                    out.line("re-sync of the same " + lines + " unchanged lines: " + ours.resyncRequests()
                            + " requests (target ceil(N/50)+1 = " + (ceil(lines, BATCH) + 1) + ")");
                    Provisioned naive = naive(naiveLines, bucket, 2);
                    double naiveAtN = naive.wallSeconds()
                            / Math.max(0.001, naiveBound(naiveLines, bucket, 2))
                            * naiveBound(lines, bucket, 2);
                    out.provisioned("naive client, one add per line", bucket, serverMs, naiveLines, naive);
                    out.line(String.format(
                            "naive client at N=%d, by its pacing law from the measured N=%d: %.1f s",
                            lines, naiveLines, naiveAtN));
                    out.ratio("naive / ours wall at N=" + lines + " (target >= 50)", naiveAtN / ours.wallSeconds());
                }
            }
        }
        double[] rounds = statusRounds(portals);
        out.line(String.format(
                "status poll round, %d portals x 5 cloud lines: first (cold: route start, TLS handshakes) %.2f s, "
                        + "next (warm connections) %.2f s (target <= 2 s)",
                portals, rounds[0], rounds[1]));
        if (app) {
            AppRun.measure(out);
            // goals 1 to 3 of the fleet issue: the packaged app with thousands of portals, and streaming
            int fleetPortals = intOption(args, "--fleet-portals", 2000);
            if (fleetPortals > 0) {
                FleetRun.fleet(out, fleetPortals, 30);
            }
            int streamRows = intOption(args, "--stream-rows", 1_000_000);
            if (streamRows > 0) {
                FleetRun.streaming(out, 100_000);
                FleetRun.streaming(out, streamRows);
            }
        }
        out.print();
    }

    /**
     * Theoretical time of a run that made {@code requests} accepted requests, {@code batches} of them batches of 50:
     * requests past the bucket wait for the drain, and the last batch still takes its server time (50 inner calls)
     * after it is sent; with no pacing wait, the batches' server time spread over the requests allowed in flight. Each
     * client is held against its own count: a sync reads first (1 + ceil(N/50)), the JS SDK only adds.
     */
    static double bound(long requests, int lines, int bucket, double drain, int serverMs) {
        double batchServer = (double) BATCH * serverMs / 1000.0;
        double pacing = Math.max(0, requests - bucket) / drain;
        double server = ceil(lines, BATCH) * batchServer / CONCURRENCY;
        return pacing > 0 ? pacing + batchServer : server;
    }

    static double naiveBound(int lines, int bucket, double drain) {
        return Math.max(0, lines - bucket) / drain;
    }

    static Simulator simulator(int bucket, double drain, int serverMs, String... names) {
        SimulatorConfig config = SimulatorConfig.create();
        for (String name : names) {
            PortalConfig portal = PortalConfig.portal(name)
                    .rateLimit(bucket > 0 ? RateLimit.custom(bucket, drain) : null)
                    .maxCloudPbx(5);
            if (serverMs > 0) {
                portal.processingTime(Duration.ofMillis(serverMs));
            }
            config.portal(portal);
        }
        return Simulator.start(config);
    }

    static List<SipLineSpec> desired(String prefix, int lines) {
        List<SipLineSpec> specs = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            specs.add(SipLineSpec.office(prefix + "-" + i, "pbx.example.com", String.valueOf(i), "pw" + i));
        }
        return specs;
    }

    private static Provisioned provision(int lines, int bucket, double drain, int serverMs) throws Exception {
        try (Simulator sim = simulator(bucket, drain, serverMs, "p");
                CamelContext camel = new DefaultCamelContext()) {
            new SimulatedPortals(sim).register(camel, "b24", sim.portal("p"), bucket, drain);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            List<SipLineSpec> specs = desired("line", lines);
            long started = System.nanoTime();
            SyncReport report = template.requestBody("b24:sync", specs, SyncReport.class);
            double wall = (System.nanoTime() - started) / 1e9;
            long requests = sim.journal().entries("p").size();
            long refused = sim.journal().countError("p", "QUERY_LIMIT_EXCEEDED");
            check(
                    report.created() == lines && sim.portal("p").lines().size() == lines,
                    "sync created " + report.created());
            long before = sim.journal().entries("p").size();
            template.requestBody("b24:sync", specs, SyncReport.class);
            long resync = sim.journal().entries("p").size() - before;
            return new Provisioned(
                    wall, requests, refused, bound(requests - refused, lines, bucket, drain, serverMs), resync);
        }
    }

    private static Provisioned naive(int lines, int bucket, double drain) throws Exception {
        try (Simulator sim = simulator(bucket, drain, 0, "p");
                CamelContext camel = new DefaultCamelContext()) {
            new SimulatedPortals(sim).register(camel, "b24", sim.portal("p"), bucket, drain);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            long started = System.nanoTime();
            for (SipLineSpec spec : desired("naive", lines)) {
                template.requestBody("b24:add", spec);
            }
            double wall = (System.nanoTime() - started) / 1e9;
            return new Provisioned(
                    wall,
                    sim.journal().entries("p").size(),
                    sim.journal().countError("p", "QUERY_LIMIT_EXCEEDED"),
                    naiveBound(lines, bucket, drain),
                    -1);
        }
    }

    /**
     * Full rounds of the status consumer over many portals, from the routes' start to every line's event: the first
     * round, then another after restarting the routes (fresh consumers, so every line is emitted again; the endpoints
     * and their open connections stay).
     */
    private static double[] statusRounds(int portals) throws Exception {
        String[] names = new String[portals];
        for (int i = 0; i < portals; i++) {
            names[i] = "s" + i;
        }
        try (Simulator sim = simulator(50, 2, 0, names);
                CamelContext camel = new DefaultCamelContext()) {
            SimulatedPortals trust = new SimulatedPortals(sim);
            AtomicReference<CountDownLatch> events = new AtomicReference<>(new CountDownLatch(portals * 5));
            for (String name : names) {
                BitrixPortal portal = sim.portal(name);
                for (int j = 0; j < 5; j++) {
                    portal.addLine("", "cloud", "line-" + j, "sip.example.com", "acc" + j, "pw" + j);
                }
                trust.register(camel, "b24-" + name, portal, 50, 2);
            }
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (String name : names) {
                        from("b24-" + name + ":status?delay=600000&initialDelay=0")
                                .routeId("poll-" + name)
                                .process(e -> events.get().countDown());
                    }
                }
            });
            long started = System.nanoTime();
            camel.start();
            check(
                    events.get().await(120, TimeUnit.SECONDS),
                    "status events missing: " + events.get().getCount());
            double first = (System.nanoTime() - started) / 1e9;
            for (String name : names) {
                camel.getRouteController().stopRoute("poll-" + name);
            }
            events.set(new CountDownLatch(portals * 5));
            started = System.nanoTime();
            for (String name : names) {
                camel.getRouteController().startRoute("poll-" + name);
            }
            check(
                    events.get().await(120, TimeUnit.SECONDS),
                    "status events missing: " + events.get().getCount());
            return new double[] {first, (System.nanoTime() - started) / 1e9};
        }
    }

    static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark run is not valid: " + what);
        }
    }

    static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static boolean flag(String[] args, String name) {
        return List.of(args).contains(name);
    }
}
