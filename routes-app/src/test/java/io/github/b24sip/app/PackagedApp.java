package io.github.b24sip.app;

import io.github.b24sip.simulator.bitrix.BitrixPortal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged app (target/quarkus-app) in a process of its own, configured for one simulator portal the way a
 * user configures a real one, with its working files under {@code work} and its output appended to work/app.log.
 */
final class PackagedApp {

    /** The secrets key the packaged copies seal stored tokens and portals with (b24sip.secrets.key), new each run. */
    static final String SECRETS_KEY = newSecretsKey();

    private PackagedApp() {}

    /** The base64 of 32 random bytes, as {@code openssl rand -base64 32} makes one. */
    static String newSecretsKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static Process start(Path work, String portalName, BitrixPortal portal, Path trustStore, String... more)
            throws IOException {
        String p = "-Db24sip.portals." + portalName + ".";
        return start(
                work,
                portalName,
                portal,
                trustStore,
                List.of(
                        p + "user-id=" + portal.webhook().userId(),
                        p + "token=" + portal.webhook().code()),
                more);
    }

    /** The same with the portal's credentials given as {@code auth}: webhook or OAuth settings of the portal. */
    static Process start(
            Path work, String portalName, BitrixPortal portal, Path trustStore, List<String> auth, String... more)
            throws IOException {
        String p = "-Db24sip.portals." + portalName + ".";
        List<String> settings = new ArrayList<>(List.of(more));
        settings.addAll(auth);
        settings.addAll(List.of(
                p + "url=" + portal.baseUrl(),
                p + "trust-store-file=" + trustStore,
                p + "trust-store-password=changeit",
                p + "rate-limit-plan=none",
                // the one portal takes the rows and commands that name none, as an operator with one portal sets it
                "-Db24sip.default-portal=" + portalName));
        return start(work, settings);
    }

    /**
     * The packaged app with these JVM options and settings (its portals among them), the inbox under {@code work},
     * one status poll a second after start and then none for ten minutes unless the settings say otherwise.
     */
    static Process start(Path work, List<String> settings) throws IOException {
        return start(work, Path.of("target/quarkus-app"), settings);
    }

    /** The same, run from the packaged app in {@code quarkusApp} (a copy with a jar left out, say). */
    static Process start(Path work, Path quarkusApp, List<String> settings) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(List.of(
                "-Db24sip.csv.dir=" + work.resolve("inbox"),
                "-Db24sip.csv.delay=100",
                // one status poll a second after start, then none for ten minutes, and no operator-page reads: the
                // requests a test sees are the ones its files and commands cause
                "-Db24sip.status.delay=600000",
                "-Db24sip.page.inventory-delay=0",
                "-Dquarkus.http.port=" + port));
        // later options win: a test's own settings override the defaults above
        command.addAll(settings);
        command.addAll(List.of(
                "-jar", quarkusApp.resolve("quarkus-run.jar").toAbsolutePath().toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(work.resolve("app.log").toFile()))
                .start();
    }

    /** A clean stop, or a hard one if the app does not end within 20 s. */
    static void stop(Process app) throws InterruptedException {
        app.destroy();
        if (!app.waitFor(20, TimeUnit.SECONDS)) {
            app.destroyForcibly().waitFor();
        }
    }
}
