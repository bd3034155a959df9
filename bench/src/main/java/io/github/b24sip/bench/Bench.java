package io.github.b24sip.bench;

import java.util.Arrays;

/**
 * Entry point: {@code scenarios} runs the scenario harness, {@code fleet} the fleet and streaming runs of the packaged
 * app, {@code installs} portals arriving by application install, {@code drift} what drift detection costs a poll round, {@code startup} the README command's time to ready (and with the AOT cache on JDK 25), {@code jmh} the
 * component-overhead benchmark.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "scenarios" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (what) {
            case "scenarios" -> ScenarioHarness.main(rest);
            case "fleet" -> FleetRun.main(rest);
            case "startup" -> StartupRun.main(rest);
            case "installs" -> InstallsRun.main(rest);
            case "scale-out" -> ScaleOutRun.main(rest);
            case "drift" -> DriftRun.main(rest);
            case "jmh" -> OverheadBenchmark.run();
            default ->
                throw new IllegalArgumentException(
                        "use: scenarios [options] | fleet [options] | installs [--portals P] | scale-out [--portals P] [--instances K] [--status-threads N] | drift [--portals P] [--poll-seconds S] | startup [--runs N] | jmh");
        }
        System.exit(0);
    }
}
