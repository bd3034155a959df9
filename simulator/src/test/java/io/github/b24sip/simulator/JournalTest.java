package io.github.b24sip.simulator;

import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.journal.JournalEntry;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal records what tests assert on, and never a secret. */
class JournalTest extends SimulatorTestSupport {

    @Test
    void recordsMethodCredentialOutcomeAndMasksSecrets() {
        start(SimulatorConfig.create()
                .portal(PortalConfig.portal("demo")
                        .webhook(7, "webhooksecretcode")
                        .app(new OAuthApp("app.x", "clientsecretvalue"))));
        BitrixPortal portal = sim.portal("demo");
        postJson(
                portal.webhookUrl() + "voximplant.sip.add",
                Map.of("TITLE", "t", "SERVER", "s", "LOGIN", "l", "PASSWORD", "linepassword1"));
        String access = portal.issueTokens("app.x").accessToken();
        postJson(portal.baseUrl() + "/rest/voximplant.sip.get?auth=" + access, Map.of("auth", access));
        postJson(portal.baseUrl() + "/rest/7/wrong/voximplant.sip.get", Map.of());

        JournalEntry add = sim.journal().entries("demo").get(0);
        assertThat(add.method()).isEqualTo("voximplant.sip.add");
        assertThat(add.credential()).isEqualTo("webhook:7");
        assertThat(add.status()).isEqualTo(200);
        assertThat(add.errorCode()).isNull();
        assertThat(add.path()).isEqualTo("/rest/7/***/voximplant.sip.add");
        assertThat(add.params()).containsEntry("TITLE", "t").containsEntry("PASSWORD", "***");

        JournalEntry oauth = sim.journal().entries("demo").get(1);
        assertThat(oauth.credential()).isEqualTo("oauth:app.x");
        assertThat(oauth.params()).containsEntry("auth", "***");

        JournalEntry refused = sim.journal().entries("demo").get(2);
        assertThat(refused.errorCode()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(refused.isError()).isTrue();

        String everything = sim.journal().entries().toString();
        assertThat(everything).doesNotContain("webhooksecretcode", "linepassword1", access, "clientsecretvalue");
        assertThat(sim.journal().countRequests("demo", "voximplant.sip.get")).isEqualTo(2);
        assertThat(sim.journal().countError("demo", "INVALID_CREDENTIALS")).isEqualTo(1);
    }
}
