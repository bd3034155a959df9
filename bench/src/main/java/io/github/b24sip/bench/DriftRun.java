package io.github.b24sip.bench;

import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.bitrix.BitrixPortal;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What watching for drift costs a poll round (issue #34): the packaged app with P portals, each with 5 cloud lines
 * declared by a CSV (kept in the data folder, sealed), polled every few seconds, run twice: {@code
 * b24sip.drift.policy=off}, then {@code observe}. Per round (one status poll of every portal): the requests the
 * simulator's journal counts, and the app process's CPU time. In the observe run an administrator's edit of one line
 * must come out as one drift event, so the figure is of detection that works.
 */
final class DriftRun {

    private DriftRun() {}

    static void main(String[] args) throws Exception {
        int portals = ScenarioHarness.intOption(args, "--portals", 200);
        int pollSeconds = ScenarioHarness.intOption(args, "--poll-seconds", 5);
        int rounds = ScenarioHarness.intOption(args, "--rounds", 6);
        Report out = new Report();
        out.header("camel-bitrix24-sip drift detection: " + portals + " portals, 5 declared cloud lines each, a poll "
                + "every " + pollSeconds + " s, " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version"));
        Round off = run(portals, pollSeconds, rounds, "off");
        Round observe = run(portals, pollSeconds, rounds, "observe");
        out.line(off.line("off"));
        out.line(observe.line("observe"));
        double ratio = observe.requestsPerRound() / off.requestsPerRound();
        out.line(String.format(
                "drift detection: requests per round observe/off %.3f (1 but for the window's edges: the poll's own "
                        + "read is compared), CPU per round observe/off %.2f",
                ratio, observe.cpuMsPerRound() / off.cpuMsPerRound()));
        ScenarioHarness.check(
                Math.abs(ratio - 1) < 0.01,
                "drift detection changed the requests of a poll round: " + off + " vs " + observe);
        out.print();
    }

    /** One measured run: rounds counted from the pollers' reads, requests and CPU over them. */
    record Round(double rounds, long requests, long cpuTicks) {
        /** Requests per round, a round being one poll of every portal (polls counted from the pollers' reads). */
        double requestsPerRound() {
            return requests / rounds;
        }

        double cpuMsPerRound() {
            return cpuTicks * 10.0 / rounds;
        }

        String line(String policy) {
            return String.format(
                    "drift policy %s: %.1f poll rounds measured, %.1f requests per round, %.0f ms of the app's CPU per "
                            + "round",
                    policy, rounds, requestsPerRound(), cpuMsPerRound());
        }
    }

    private static Round run(int portals, int pollSeconds, int rounds, String policy) throws Exception {
        try (Simulator sim = Simulator.start(FleetRun.fleetConfig(portals))) {
            Path work = Files.createTempDirectory("bench-drift");
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            Path properties = Files.createDirectories(work.resolve("config")).resolve("application.properties");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try (BufferedWriter w = Files.newBufferedWriter(properties)) {
                w.write("b24sip.status.delay=" + pollSeconds * 1000 + "\n");
                w.write("b24sip.drift.policy=" + policy + "\n");
                w.write("b24sip.drift.settle=0s\n");
                w.write("b24sip.secrets.key=" + Base64.getEncoder().encodeToString(key) + "\n");
                FleetRun.writeWebhookPortals(w, sim, portals, FleetRun::name, trustStore, "rate-limit-plan=none");
            }
            Process app = FleetRun.start(work, List.of(), FleetRun.freePort());
            try {
                FleetRun.waitFor(() -> FleetRun.statusPolls(sim) >= portals, 300, "the first poll of every portal");
                Path csv = work.resolve("declared.csv");
                try (BufferedWriter w = Files.newBufferedWriter(csv)) {
                    w.write("portal,title,type,server,login,password\n");
                    for (int i = 0; i < portals; i++) {
                        for (int l = 0; l < 5; l++) {
                            w.write(FleetRun.name(i) + ",line-" + l + ",cloud,sip.example.net,user" + l + ",pw-" + l
                                    + "\n");
                        }
                    }
                }
                Path inbox = Files.createDirectories(work.resolve("inbox"));
                Files.move(csv, inbox.resolve("declared.csv"));
                FleetRun.waitFor(() -> Files.exists(inbox.resolve("done/declared.csv")), 600, "the CSV applied");
                // registrations settle and every portal is polled twice with its lines before measuring
                long settled = FleetRun.statusPolls(sim);
                FleetRun.waitFor(
                        () -> FleetRun.statusPolls(sim) >= settled + 2L * portals,
                        10L * pollSeconds + 120,
                        "two polls of every portal after the CSV");

                BitrixPortal edited = sim.portal(FleetRun.name(0));
                if (!"off".equals(policy)) {
                    edited.editLine(
                            edited.linesTitled("line-0").get(0).configId(), Map.of("SERVER", "pbx.admin.example"));
                }
                long seq = sim.journal().entries().stream()
                        .mapToLong(e -> e.seq())
                        .max()
                        .orElse(0);
                long polls = FleetRun.statusPolls(sim);
                long cpu = FleetRun.cpuTicks(app.pid());
                Thread.sleep(TimeUnit.SECONDS.toMillis((long) rounds * pollSeconds)); // the measured window
                long cpuUsed = FleetRun.cpuTicks(app.pid()) - cpu;
                double measuredRounds = (FleetRun.statusPolls(sim) - polls) / (double) portals;
                long requests = sim.journal().count(e -> e.seq() > seq);
                if (!"off".equals(policy)) {
                    String log = Files.readString(work.resolve("app.log"));
                    long driftEvents = log.lines()
                            .filter(l -> l.contains("\"kind\":\"drift\"") && l.contains("\"drift\":\"changed\""))
                            .count();
                    ScenarioHarness.check(
                            driftEvents == 1, "the administrator's edit gave " + driftEvents + " drift events, not 1");
                }
                return new Round(measuredRounds, requests, cpuUsed);
            } finally {
                FleetRun.stop(app);
            }
        }
    }
}
