package io.github.b24sip.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runnable jar's command line: what it starts and what it prints. */
class MainTest extends SimulatorTestSupport {

    @Test
    void printsPortalUrlsAndCredentialsThatWork(@TempDir Path dir) throws Exception {
        Main.Options options = Main.Options.parse(new String[] {
            "--portals",
            "2",
            "--bucket",
            "5",
            "--drain",
            "1",
            "--app",
            "app.cli:cli-secret",
            "--cert-out",
            dir.resolve("sim.pem").toString(),
            "--credentials-out",
            dir.resolve("credentials.json").toString(),
            "--max-cloud",
            "10"
        });
        start(options.config());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Main.print(sim, options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("portal demo", "portal portal2", "oauth app app.cli", "platform_api", "Press Ctrl+C");
        Matcher webhook = Pattern.compile("webhook: (https://\\S+/)").matcher(printed);
        assertThat(webhook.find()).isTrue();
        Reply reply = postJson(
                webhook.group(1) + "voximplant.sip.add.json",
                Map.of("TITLE", "a", "SERVER", "sip.example.com", "LOGIN", "l", "PASSWORD", "p"));
        assertThat(reply.result().get("CONFIG_ID").asText()).isNotEmpty();
        assertThat(Files.readString(dir.resolve("sim.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(dir.resolve("credentials.json"))).contains("\"key_id\"", "BEGIN PRIVATE KEY");
        assertThat(sim.portal("portal2").settings().rateLimit()).isEqualTo(RateLimit.custom(5, 1));
        assertThat(sim.portal("demo").settings().maxCloudPbx()).isEqualTo(10);
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--bucket", "5"}))
                .hasMessageContaining("--drain");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--portals", "many"}))
                .hasMessageContaining("--portals");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--plan", "gold"}))
                .hasMessageContaining("gold");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--frobnicate"}))
                .hasMessageContaining("--frobnicate");
    }
}
