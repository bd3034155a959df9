package io.github.b24sip.app;

import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The packaged app as an operator deploys it for real portals: a copy without the simulator jar (only the demo needs
 * it) refuses a bad enum or duration before it starts, SmallRye naming the key, refuses a demo naming the missing jar,
 * and runs with a configured portal, polling it.
 */
class DeploymentIT {

    @TempDir
    Path work;

    @Test
    void withoutTheSimulatorJarTheAppChecksItsSettingsAndRunsWithAConfiguredPortal() throws Exception {
        Path app = copyWithoutTheSimulator(work.resolve("quarkus-app"));
        try (Simulator sim = Simulator.start(
                SimulatorConfig.create().portal(PortalConfig.portal("crm").rateLimit(null)))) {
            BitrixPortal portal = sim.portal("crm");
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            String p = "-Db24sip.portals.crm.";
            List<String> crm = List.of(
                    p + "url=" + portal.baseUrl(),
                    p + "user-id=" + portal.webhook().userId(),
                    p + "token=" + portal.webhook().code(),
                    p + "trust-store-file=" + trustStore,
                    p + "trust-store-password=changeit",
                    p + "rate-limit-plan=none");

            assertRefused(app, "bad-enum", with(crm, "-Db24sip.csv.archive=shredded"), "b24sip.csv.archive");
            assertRefused(app, "bad-duration", with(crm, "-Db24sip.status.delay=soon"), "b24sip.status.delay");
            assertRefused(app, "bad-plan", with(crm, p + "rate-limit-plan=gold"), "b24sip.portals.crm.rate-limit-plan");
            assertRefused(app, "demo", List.of("-Db24sip.demo=true"), "needs the simulator jar");
            assertThat(sim.journal().entries("crm"))
                    .as("no call made by a refused start")
                    .isEmpty();

            Path runs = Files.createDirectories(work.resolve("runs"));
            Process running = PackagedApp.start(runs, app, with(crm, "-Db24sip.status.delay=500ms"));
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> sim.journal().entries("crm").stream()
                                        .filter(e -> "voximplant.sip.get".equals(e.method()) && !e.isError())
                                        .count()
                                >= 2);
            } finally {
                PackagedApp.stop(running);
            }
            assertThat(Files.readString(runs.resolve("app.log"))).doesNotContain("ClassNotFound", "NoClassDefFound");
        }
    }

    private void assertRefused(Path app, String name, List<String> settings, String named) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        Process refused = PackagedApp.start(dir, app, settings);
        assertThat(refused.waitFor(60, TimeUnit.SECONDS))
                .as("%s: the app ends", name)
                .isTrue();
        assertThat(refused.exitValue()).as("%s: exit status", name).isNotZero();
        assertThat(Files.readString(dir.resolve("app.log")))
                .as("%s: the reason", name)
                .contains(named);
    }

    private static List<String> with(List<String> settings, String more) {
        List<String> all = new ArrayList<>(settings);
        all.add(more);
        return all;
    }

    /** target/quarkus-app copied, less the simulator's jar; fails if there was none to leave out. */
    private static Path copyWithoutTheSimulator(Path copy) throws IOException {
        Path packaged = Path.of("target/quarkus-app");
        List<Path> left = new ArrayList<>();
        try (Stream<Path> files = Files.walk(packaged)) {
            files.forEach(source -> {
                Path target = copy.resolve(packaged.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else if (source.getFileName().toString().contains("bitrix24-sip-simulator")) {
                        left.add(source);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertThat(left).as("the simulator jar in the packaged app").hasSize(1);
        return copy;
    }
}
