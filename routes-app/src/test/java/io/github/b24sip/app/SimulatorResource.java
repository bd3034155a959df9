package io.github.b24sip.app;

import io.github.b24sip.simulator.OAuthApp;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.VoximplantConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.TokenPair;
import io.github.b24sip.simulator.voximplant.ServiceAccountKey;
import io.github.b24sip.simulator.voximplant.VoximplantAccount;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Bitrix24 simulator with its portals: alpha and beta shared by the flows' tests, gamma kept for the mirror
 * test (which deletes every line not in its file), delta, reached by OAuth, and watched, mended and ignored for the
 * drift tests (drift policies observe, repair and off). Each portal is configured the way a
 * user configures a real one: its URL, webhook or OAuth credentials and a trust store for its certificate. Every
 * secret value is unique to the run, so the secrets test can look for it. Also gives the app fresh working directories.
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    /** The webhook portals. */
    public static final String[] PORTALS = {"alpha", "beta", "gamma", "watched", "mended", "ignored"};
    /** The portal the app reaches with an OAuth application (client secret, access and refresh tokens). */
    public static final String OAUTH_PORTAL = "delta";
    /** A webhook portal of the simulator that no property names: the portal API's tests add it at run time. */
    public static final String API_PORTAL = "epsilon";
    /** The app's Bitrix24 application (b24sip.application.*): installable on epsilon, and on theta without telephony. */
    public static final String APPLICATION_ID = "app.installer";

    public static final String APPLICATION_SECRET = "application-secret-" + UUID.randomUUID();
    /** A portal whose administrator installs the application without the telephony scope. */
    public static final String NO_TELEPHONY_PORTAL = "theta";

    public static final String OAUTH_CLIENT_ID = "app.routes";
    public static final String CLIENT_SECRET = "client-secret-" + UUID.randomUUID();
    /** The bearer token /api/* requires in the tests. */
    public static final String API_TOKEN = "api-token-" + UUID.randomUUID();

    public static final String TRUST_STORE_PASSWORD = "trust-pw-" + UUID.randomUUID();
    /** Artemis runs without security, so it takes any user; the app still passes these on. */
    public static final String JMS_PASSWORD = "jms-pw-" + UUID.randomUUID();
    /** The key the app seals what it stores with (b24sip.secrets.key): a secret too. */
    public static final String SECRETS_KEY = PackagedApp.newSecretsKey();

    /** The Voximplant account the app manages as b24sip.voximplant.accounts.vox (a service account's key). */
    public static final String VOX = "vox";

    public static final long VOX_ACCOUNT_ID = 4_200_001;

    private static Simulator simulator;
    private static Path workDir;
    private static ServiceAccountKey voxKey;

    public static VoximplantAccount voximplant() {
        return simulator.voximplant(VOX_ACCOUNT_ID);
    }

    /** The service account's key the app signs with: its private key is a secret. */
    public static ServiceAccountKey voxKey() {
        return voxKey;
    }

    public static Simulator simulator() {
        return simulator;
    }

    public static BitrixPortal portal(String name) {
        return simulator.portal(name);
    }

    public static Path workDir() {
        return workDir;
    }

    /** The trust store every test portal is configured with (password {@link #TRUST_STORE_PASSWORD}). */
    public static Path trustStore() {
        return workDir.resolve("simulator-truststore.p12");
    }

    /** Where Quarkus's test framework writes the app's whole log, from start-up on (rotated away at each start). */
    public static Path logFile() {
        return Path.of("target/quarkus.log");
    }

    /** A portal's URL, trust store and pacing, as for every test portal; returns the prefix of its other keys. */
    private static String connection(Map<String, String> props, String name, Path trustStore) {
        String prefix = "b24sip.portals." + name + ".";
        props.put(prefix + "url", simulator.portal(name).baseUrl());
        props.put(prefix + "trust-store-file", trustStore.toString());
        props.put(prefix + "trust-store-password", TRUST_STORE_PASSWORD);
        props.put(prefix + "rate-limit-plan", "none");
        return prefix;
    }

    @Override
    public Map<String, String> start() {
        SimulatorConfig config = SimulatorConfig.create();
        for (String name : PORTALS) {
            config.portal(PortalConfig.portal(name)
                    .rateLimit(null)
                    .maxCloudPbx(1000)
                    .registrationDelays(Duration.ofMillis(300), Duration.ofMillis(300)));
        }
        config.portal(PortalConfig.portal(API_PORTAL)
                .rateLimit(null)
                .app(new OAuthApp(APPLICATION_ID, APPLICATION_SECRET))
                .registrationDelays(Duration.ofMillis(300), Duration.ofMillis(300)));
        config.portal(PortalConfig.portal(NO_TELEPHONY_PORTAL)
                .rateLimit(null)
                .app(new OAuthApp(APPLICATION_ID, APPLICATION_SECRET, 1, Set.of("crm"))));
        config.portal(PortalConfig.portal(OAUTH_PORTAL)
                .rateLimit(null)
                .maxCloudPbx(1000)
                .app(new OAuthApp(OAUTH_CLIENT_ID, CLIENT_SECRET))
                .registrationDelays(Duration.ofMillis(300), Duration.ofMillis(300)));
        config.voximplant(VoximplantConfig.account(VOX_ACCOUNT_ID)
                .registrationDelays(Duration.ofMillis(300), Duration.ofMillis(300)));
        simulator = Simulator.start(config);
        Map<String, String> props = new HashMap<>();
        try {
            workDir = Files.createTempDirectory("b24sip-app-test");
            Path trustStore = workDir.resolve("simulator-truststore.p12");
            simulator.tls().writeTrustStore(trustStore, TRUST_STORE_PASSWORD.toCharArray());
            for (String name : PORTALS) {
                BitrixPortal portal = simulator.portal(name);
                String prefix = connection(props, name, trustStore);
                props.put(prefix + "user-id", String.valueOf(portal.webhook().userId()));
                props.put(prefix + "token", portal.webhook().code());
            }
            props.put("b24sip.portals.mended.drift-policy", "repair");
            props.put("b24sip.portals.ignored.drift-policy", "off");
            TokenPair tokens = simulator.portal(OAUTH_PORTAL).issueTokens(OAUTH_CLIENT_ID);
            String prefix = connection(props, OAUTH_PORTAL, trustStore);
            props.put(prefix + "client-id", OAUTH_CLIENT_ID);
            props.put(prefix + "client-secret", CLIENT_SECRET);
            props.put(prefix + "access-token", tokens.accessToken());
            props.put(prefix + "refresh-token", tokens.refreshToken());
            props.put(prefix + "oauth-server-url", simulator.oauthServerUrl());
            voxKey = voximplant().newServiceAccountKey();
            String vox = "b24sip.voximplant.accounts." + VOX + ".";
            props.put(
                    vox + "credentials-file",
                    voxKey.writeCredentials(workDir.resolve("vox-credentials.json"))
                            .toString());
            props.put(vox + "api-url", simulator.voximplantApiUrl());
            props.put(vox + "drift-policy", "repair");
            props.put(vox + "trust-store-file", trustStore.toString());
            props.put(vox + "trust-store-password", TRUST_STORE_PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put("b24sip.csv.dir", workDir.resolve("inbox").toString());
        props.put("b24sip.csv.delay", "100");
        props.put("b24sip.token-dir", workDir.resolve("tokens").toString());
        // API portals name their trust store in this folder (owner-only: a temporary folder is)
        props.put("b24sip.trust-store-dir", workDir.toString());
        props.put("b24sip.secrets.key", SECRETS_KEY);
        props.put("b24sip.application.client-id", APPLICATION_ID);
        props.put("b24sip.application.client-secret", APPLICATION_SECRET);
        props.put("b24sip.application.oauth-server-url", simulator.oauthServerUrl());
        props.put(
                "b24sip.application.trust-store-file",
                workDir.resolve("simulator-truststore.p12").toString());
        props.put("b24sip.application.trust-store-password", TRUST_STORE_PASSWORD);
        props.put("b24sip.application.rate-limit-plan", "none");
        // a sender stops waiting for its install after 3 s (20 s by default), so ApplicationInstallTest sees it soon
        props.put("b24sip.application.install-wait", "3s");
        // every test asks from 127.0.0.1, and some check refusals (401) on purpose: the throttle of failed tokens is
        // met only by OperationsTest, which asks from 127.0.0.2
        props.put("b24sip.api.guess-limit", "40");
        // the flood test posts 250 forged installs from 127.0.0.1; the limit is met by a test asking from 127.0.0.3
        props.put("b24sip.application.refused-installs", "300");
        props.put("b24sip.portal-store.dir", workDir.resolve("portals").toString());
        props.put("b24sip.drift.dir", workDir.resolve("declared").toString());
        // a declaration is judged a second after it changed (30 s by default), so that tests need not wait
        props.put("b24sip.drift.settle", "1s");
        props.put("b24sip.portal-store.refresh", "500ms");
        props.put("b24sip.status.delay", "200");
        props.put("b24sip.status.file", workDir.resolve("events/status.jsonl").toString());
        props.put("b24sip.commands.retry-delay", "50");
        props.put("b24sip.api.token", API_TOKEN);
        props.put("b24sip.jms.user", "routes");
        props.put("b24sip.jms.password", JMS_PASSWORD);
        props.put("b24sip.routes.dir", userRoutes().toString());
        props.put("b24sip.status.to", "direct:audit");
        props.put("b24sip.page.inventory-delay", "500ms");
        return props;
    }

    /** An integrator's flow, as a file in b24sip.routes.dir: every status event, prefixed, appended to audit.log. */
    private static Path userRoutes() {
        Path dir = workDir.resolve("user-routes");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("audit.yaml"), """
                    - route:
                        id: user-audit
                        from:
                          uri: direct:audit
                          steps:
                            - transform:
                                simple: "audit ${body}"
                            - to:
                                uri: file:%s
                                parameters:
                                  fileName: audit.log
                                  fileExist: Append
                                  appendChars: '\\n'
                    """.formatted(workDir.resolve("events")));
            Files.writeString(dir.resolve("notes.txt"), "not a route: only *.yaml files are loaded");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
