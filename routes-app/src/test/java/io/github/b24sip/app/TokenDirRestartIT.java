package io.github.b24sip.app;

import io.github.b24sip.simulator.OAuthApp;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.TokenPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app with an OAuth portal and b24sip.token-dir, stopped and started again with the same settings: the
 * refresh token it was configured with is spent by the first run's refresh, and the second run goes on with the
 * rotated pair from the owner-only token file instead of failing with invalid_grant. The file holds the pair sealed
 * (b24sip.secrets.key); without a key the app refuses to start, naming the setting. A line declared by a CSV file in
 * the first run is held across the restart (b24sip.drift.dir, its password sealed): edited while the app was down, the
 * second run's first poll reports it as drift.
 */
class TokenDirRestartIT {

    @TempDir
    Path work;

    @Test
    void theRotatedPairInTheTokenDirSurvivesARestart() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.create()
                .portal(PortalConfig.portal("crm").rateLimit(null).app(new OAuthApp("app.routes", "routes-secret"))))) {
            BitrixPortal portal = sim.portal("crm");
            Path trustStore = work.resolve("trust.p12");
            sim.tls().writeTrustStore(trustStore, "changeit".toCharArray());
            TokenPair configured = portal.issueTokens("app.routes");
            String p = "-Db24sip.portals.crm.";
            List<String> oauth = List.of(
                    p + "client-id=app.routes",
                    p + "client-secret=routes-secret",
                    p + "access-token=" + configured.accessToken(),
                    p + "refresh-token=" + configured.refreshToken(),
                    p + "oauth-server-url=" + sim.oauthServerUrl(),
                    "-Db24sip.token-dir=" + work.resolve("tokens"));
            Path tokenFile = work.resolve("tokens/crm.json");
            List<String> sealed = new ArrayList<>(oauth);
            sealed.add("-Db24sip.secrets.key=" + PackagedApp.SECRETS_KEY);
            sealed.add("-Db24sip.drift.dir=" + work.resolve("declared"));
            sealed.add("-Db24sip.drift.settle=0s");

            // no secrets key: the app stores no token in clear, and says which setting it needs before any call
            Process refused = PackagedApp.start(work, "crm", portal, trustStore, oauth);
            assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(refused.exitValue()).isNotZero();
            assertThat(Files.readString(work.resolve("app.log"))).contains("b24sip.secrets.key is not set");
            assertThat(sim.journal().entries("crm")).as("no call made").isEmpty();

            // the configured access token has expired: the first status poll refreshes and the file keeps the pair;
            // a CSV file declares a line, kept in the data folder with its password sealed
            portal.expireAccessTokens();
            Process first = PackagedApp.start(work, "crm", portal, trustStore, sealed);
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> sim.oauth().tokens().refreshCount() == 1
                                && Files.exists(tokenFile)
                                && successfulPolls(sim) >= 1);
                Path inbox = Files.createDirectories(work.resolve("inbox"));
                Files.writeString(
                        inbox.resolve(".kept.part"),
                        "title,type,server,login,password\nkept,cloud,sip.example.com,acc-1,declared-pw-7f3a\n");
                Files.move(inbox.resolve(".kept.part"), inbox.resolve("kept.csv"));
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> !portal.linesTitled("kept").isEmpty());
            } finally {
                PackagedApp.stop(first);
            }
            assertThat(Files.readString(work.resolve("declared/crm.json")))
                    .contains("kept.csv row 2")
                    .doesNotContain("declared-pw-7f3a");
            // while the app is down, an administrator changes the line in the portal's telephony settings
            portal.editLine(
                    portal.linesTitled("kept").get(0).configId(), java.util.Map.of("SERVER", "pbx.admin.example"));
            String stored = Files.readString(tokenFile);
            assertThat(stored).contains("\"clientId\":\"app.routes\"").contains("sealed:v1:");
            for (String token : sim.oauth().tokens().issuedTokens("crm")) {
                assertThat(stored).as("tokens sealed at rest").doesNotContain(token);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile.getParent())))
                    .as("the folder the app made for token files is its user's alone (#35, item 17)")
                    .isEqualTo("rwx------");

            // started again with the same (now spent) settings, after the rotated access token expired too
            portal.expireAccessTokens();
            Process second = PackagedApp.start(work, "crm", portal, trustStore, sealed);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> successfulPolls(sim) >= 2);
                // the second run's first poll compares with what the first run kept: the edit is drift
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> Files.readString(work.resolve("app.log"))
                                .contains("\"kind\":\"drift\",\"portal\":\"crm\",\"title\":\"kept\""));
                String drift = Files.readString(work.resolve("app.log"))
                        .lines()
                        .filter(l -> l.contains("\"kind\":\"drift\""))
                        .findFirst()
                        .orElseThrow();
                assertThat(drift)
                        .contains("\"drift\":\"changed\",\"fields\":[\"server\"]")
                        .contains("\"declaredBy\":\"kept.csv row 2\"")
                        .doesNotContain("pbx.admin.example");
            } finally {
                PackagedApp.stop(second);
            }
            assertThat(sim.oauth().tokens().refreshCount())
                    .as("one refresh per run, from the file's token")
                    .isEqualTo(2);
            assertThat(sim.journal().countError("oauth", "invalid_grant"))
                    .as("the spent configured token never sent")
                    .isZero();
            assertThat(Files.readString(tokenFile)).isNotEqualTo(stored);
        }
    }

    /** Status polls (voximplant.sip.get of the cloud lines; a CSV's read names titles) answered without an error. */
    private static long successfulPolls(Simulator sim) {
        return sim.journal().entries("crm").stream()
                .filter(e -> "voximplant.sip.get".equals(e.method())
                        && String.valueOf(e.params().get("FILTER")).contains("TYPE"))
                .filter(e -> !e.isError())
                .count();
    }
}
