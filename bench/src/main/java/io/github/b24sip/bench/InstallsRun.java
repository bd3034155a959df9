package io.github.b24sip.bench;

import io.github.b24sip.simulator.OAuthApp;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.ApplicationInstaller.Installation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Portals that arrive by application install (the "portals come and go" issue): the packaged app in application mode
 * with no portal configured, on the fleet launch line, and P simulated portals that each install the application by
 * posting ONAPPINSTALL to {@code /bitrix24/events} (8 at a time, as a marketplace rollout's installs overlap). Measures
 * installs per second (each confirmed at the OAuth server), the time until every installed portal has been polled
 * once, threads and heap in use after a full GC afterwards, and the operator page's server time and size.
 */
final class InstallsRun {

    private static final String APP = "app.bench";
    private static final String SECRET = "bench-secret";
    private static final int CONCURRENT = 8;

    private InstallsRun() {}

    static void main(String[] args) throws Exception {
        int portals = ScenarioHarness.intOption(args, "--portals", 2000);
        Report out = new Report();
        out.header("camel-bitrix24-sip installs: " + portals + " portals, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
        run(out, portals);
        out.print();
    }

    static void run(Report out, int portals) throws Exception {
        SimulatorConfig config = SimulatorConfig.create();
        for (int i = 0; i < portals; i++) {
            config.portal(PortalConfig.portal(String.format("i%04d", i))
                    .rateLimit(null)
                    .app(new OAuthApp(APP, SECRET)));
        }
        try (Simulator sim = Simulator.start(config)) {
            Path work = Files.createTempDirectory("bench-installs");
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String apiToken = "bench-api-token";
            List<String> options = new ArrayList<>(FleetRun.FLEET_LAUNCH);
            options.addAll(List.of(
                    "-Db24sip.secrets.key=" + Base64.getEncoder().encodeToString(key),
                    "-Db24sip.application.client-id=" + APP,
                    "-Db24sip.application.client-secret=" + SECRET,
                    "-Db24sip.application.oauth-server-url=" + sim.oauthServerUrl(),
                    "-Db24sip.application.trust-store-file=" + trustStore,
                    "-Db24sip.application.trust-store-password=changeit",
                    "-Db24sip.application.rate-limit-plan=none",
                    "-Db24sip.portal-store.dir=" + work.resolve("portals"),
                    "-Db24sip.status.delay=30000",
                    "-Db24sip.page.inventory-delay=0",
                    "-Db24sip.api.token=" + apiToken,
                    "-Db24sip.portal-store.refresh=" + System.getProperty("bench.refresh", "5s")));
            int port = FleetRun.freePort();
            Process app = FleetRun.start(work, options, port);
            String events = "http://127.0.0.1:" + port + "/bitrix24/events";
            HttpClient http = HttpClient.newHttpClient();
            try {
                FleetRun.waitFor(() -> ready(http, port), 120, "the app ready");
                AtomicInteger refused = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
                long started = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (var portal : sim.portals()) {
                    done.add(pool.submit(() -> {
                        Installation installed = portal.installApplication(APP, events);
                        if (installed.status() != 200) {
                            refused.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                pool.shutdown();
                ScenarioHarness.check(refused.get() == 0, refused.get() + " installs were not answered 200");
                out.line(String.format(
                        "installs: %d portals installed by ONAPPINSTALL, %d at a time, each confirmed at the OAuth "
                                + "server: %.1f s, %.0f installs/s (target >= 100/s)",
                        portals, CONCURRENT, seconds, portals / seconds));
                FleetRun.waitFor(() -> polledPortals(sim) >= portals, 600, "every installed portal polled once");
                double polledAfter = (System.nanoTime() - started) / 1e9;
                out.line(String.format(
                        "installs: every installed portal polled once %.1f s after the first install", polledAfter));
                out.line(String.format(
                        "installs, fleet launch line, afterwards: %d threads (target <= 150), RSS %d MB, heap in use "
                                + "after a full GC: %s (target <= 300 MB)",
                        FleetRun.threads(app.pid()),
                        AppRun.kb(app.pid(), "VmRSS") / 1024,
                        FleetRun.liveHeap(app.pid())));
                HttpRequest page = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .header("Authorization", "Bearer " + apiToken)
                        .build();
                http.send(page, HttpResponse.BodyHandlers.ofString()); // the first render loads the template
                long from = System.nanoTime();
                HttpResponse<String> answer = http.send(page, HttpResponse.BodyHandlers.ofString());
                double ms = (System.nanoTime() - from) / 1e6;
                ScenarioHarness.check(answer.statusCode() == 200, "the operator page answered " + answer.statusCode());
                out.line(String.format(
                        "operator page with %d portals (first page of %d): %.0f ms to answer, %d KB",
                        portals, 50, ms, answer.body().length() / 1024));
            } finally {
                FleetRun.stop(app);
            }
        }
    }

    private static boolean ready(HttpClient http, int port) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** How many portals have had a status poll answered with the application's tokens. */
    private static long polledPortals(Simulator sim) {
        return sim
                .journal()
                .entries(e -> "voximplant.sip.get".equals(e.method())
                        && !e.isError()
                        && ("oauth:" + APP).equals(e.credential()))
                .stream()
                .map(e -> e.target())
                .distinct()
                .count();
    }
}
