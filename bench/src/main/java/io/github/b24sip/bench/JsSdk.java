package io.github.b24sip.bench;

import io.github.b24sip.simulator.Simulator;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official Bitrix24 JS SDK (npm @bitrix24/b24jssdk 2.2.0) provisioning the same lines against a fresh simulator
 * portal with the same limits, through bench/js/provision.mjs. Installs the SDK with npm on first use.
 */
final class JsSdk {

    private static final Path DIR = Path.of(System.getProperty("bench.js.dir", "bench/js"));
    private static final Pattern WALL = Pattern.compile("\"wallMs\":([0-9.]+)");

    private JsSdk() {}

    /** Null when node or npm is not there: the comparison is then left out, and says so. */
    static Provisioned provision(int lines, int bucket, double drain, int serverMs) throws Exception {
        if (!installed()) {
            return null;
        }
        try (Simulator sim = ScenarioHarness.simulator(bucket, drain, serverMs, "sdk")) {
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            "node",
                            "provision.mjs",
                            sim.portal("sdk").webhookUrl(),
                            String.valueOf(lines),
                            String.valueOf(bucket),
                            String.valueOf(drain),
                            "sdk"))
                    .directory(DIR.toFile())
                    .redirectErrorStream(true);
            // the simulator's certificate is self-signed; the SDK needs HTTPS, so node is told not to verify it
            builder.environment().put("NODE_TLS_REJECT_UNAUTHORIZED", "0");
            Process node = builder.start();
            node.getOutputStream().close();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = node.waitFor();
            Matcher wall = WALL.matcher(output);
            if (exit != 0 || !wall.find()) {
                System.out.println("  JS SDK run failed (exit " + exit + "): "
                        + output.lines().reduce((a, b) -> b).orElse(""));
                return null;
            }
            int created = sim.portal("sdk").lines().size();
            ScenarioHarness.check(created == lines, "the JS SDK created " + created + " of " + lines + " lines");
            long requests = sim.journal().entries("sdk").size();
            long refused = sim.journal().countError("sdk", "QUERY_LIMIT_EXCEEDED");
            return new Provisioned(
                    Double.parseDouble(wall.group(1)) / 1000.0,
                    requests,
                    refused,
                    ScenarioHarness.bound(requests - refused, lines, bucket, drain, serverMs),
                    -1);
        }
    }

    private static boolean installed() throws InterruptedException {
        if (Files.isDirectory(DIR.resolve("node_modules/@bitrix24/b24jssdk"))) {
            return true;
        }
        try {
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund")
                    .directory(DIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(new File(DIR.toFile(), "npm-install.log"))
                    .start();
            if (npm.waitFor() == 0) {
                return true;
            }
        } catch (IOException e) {
            // no npm on this machine
        }
        System.out.println("  the JS SDK could not be installed (see " + DIR.resolve("npm-install.log")
                + "); comparison left out");
        return false;
    }
}
