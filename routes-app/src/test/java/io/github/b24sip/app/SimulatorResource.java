package io.github.b24sip.app;

import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Bitrix24 simulator with three portals: alpha and beta shared by the flows' tests, gamma kept for the mirror
 * test (which deletes every line not in its file). Each portal is configured the way a user configures a real one:
 * its URL, webhook credentials and a trust store for its certificate. Also gives the app fresh working directories.
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String[] PORTALS = {"alpha", "beta", "gamma"};
    /** The bearer token /api/* requires in the tests. */
    public static final String API_TOKEN = "api-token-" + java.util.UUID.randomUUID();
    private static Simulator simulator;
    private static Path workDir;

    public static Simulator simulator() {
        return simulator;
    }

    public static BitrixPortal portal(String name) {
        return simulator.portal(name);
    }

    public static Path workDir() {
        return workDir;
    }

    @Override
    public Map<String, String> start() {
        SimulatorConfig config = SimulatorConfig.create();
        for (String name : PORTALS) {
            config.portal(PortalConfig.portal(name).rateLimit(null).maxCloudPbx(1000)
                    .registrationDelays(Duration.ofMillis(300), Duration.ofMillis(300)));
        }
        simulator = Simulator.start(config);
        Map<String, String> props = new HashMap<>();
        try {
            workDir = Files.createTempDirectory("b24sip-app-test");
            Path trustStore = workDir.resolve("simulator-truststore.p12");
            simulator.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            for (String name : PORTALS) {
                BitrixPortal portal = simulator.portal(name);
                String prefix = "b24sip.portals." + name + ".";
                props.put(prefix + "url", portal.baseUrl());
                props.put(prefix + "user-id", String.valueOf(portal.webhook().userId()));
                props.put(prefix + "token", portal.webhook().code());
                props.put(prefix + "trust-store-file", trustStore.toString());
                props.put(prefix + "trust-store-password", "changeit");
                props.put(prefix + "rate-limit-plan", "none");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        props.put("b24sip.csv.dir", workDir.resolve("inbox").toString());
        props.put("b24sip.csv.delay", "100");
        props.put("b24sip.token-dir", workDir.resolve("tokens").toString());
        props.put("b24sip.status.delay", "200");
        props.put("b24sip.status.file", workDir.resolve("events/status.jsonl").toString());
        props.put("b24sip.commands.retry-delay", "50");
        props.put("b24sip.api.token", API_TOKEN);
        return props;
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
