package io.github.b24sip.app.portal;

import io.github.b24sip.camel.bitrix24.RateLimitPlan;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one check of a portal's settings, whatever their source: each problem names its field, never a value. */
class PortalDefinitionTest {

    private static Map<String, String> webhook() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("url", "https://acme.bitrix24.com/");
        s.put("user-id", "1");
        s.put("token", "code-9f8e7d");
        return s;
    }

    @Test
    void aWebhookPortalKeepsItsSettingsAndShowsNoSecret() {
        PortalDefinition p = PortalDefinition.of("acme", webhook(), PortalSource.API);
        assertThat(p.url()).as("trailing slash dropped").isEqualTo("https://acme.bitrix24.com");
        assertThat(p.domain()).isEqualTo("acme.bitrix24.com");
        assertThat(p.rateLimitPlan()).isEqualTo(RateLimitPlan.standard);
        assertThat(p.state()).isEqualTo(PortalState.LIVE);
        assertThat(p.toString())
                .doesNotContain("code-9f8e7d")
                .contains("webhook")
                .contains("source=api");
        assertThat(PortalDefinition.of("acme", p.settings(), PortalSource.API))
                .as("settings() is what of() takes")
                .isEqualTo(p);
    }

    @Test
    void anOnPremisePortalsDomainKeepsItsPort() {
        Map<String, String> s = webhook();
        s.put("url", "https://PBX.example.com:8443");
        assertThat(PortalDefinition.of("pbx", s, PortalSource.API).domain()).isEqualTo("pbx.example.com:8443");
    }

    @Test
    void eachProblemNamesItsField() {
        assertField("Acme", webhook(), "name");
        assertField("acme", with("url", null), "url");
        assertField("acme", with("url", "http://acme.bitrix24.com"), "url");
        assertField("acme", with("url", "ftp://acme.bitrix24.com"), "url");
        assertField("acme", with("url", "https://acme.bitrix24.com/?auth=x"), "url");
        assertField("acme", with("token", " "), "token");
        assertField("acme", with("client-secret", "s"), "client-id");
        assertField("acme", with("rate-limit-plan", "gold"), "rate-limit-plan");
        assertField("acme", with("burst-limit", "0"), "burst-limit");
        assertField("acme", with("drain-rate", "NaN"), "drain-rate");
        assertField("acme", with("oauth-server-url", "http://oauth.example.com"), "oauth-server-url");
        // a host NAME that starts with 127. is no loopback address: it would have had the secret in clear (#35)
        assertField("acme", with("oauth-server-url", "http://127.attacker.example:8443"), "oauth-server-url");
        assertField("acme", with("url", "http://127.0.0.1.attacker.example"), "url");
        assertThat(PortalDefinition.of("local", with("url", "http://127.0.0.1:8080"), PortalSource.API)
                        .url())
                .isEqualTo("http://127.0.0.1:8080");
        assertThat(PortalDefinition.of("local6", with("url", "http://[::1]:8080"), PortalSource.API)
                        .url())
                .isEqualTo("http://[::1]:8080");
        assertField("acme", with("shoe-size", "42"), "shoe-size");
        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("url", "https://acme.bitrix24.com");
        oauth.put("client-id", "app.1");
        oauth.put("client-secret", "secret-1");
        assertField("acme", oauth, "refresh-token");
        assertField("acme", Map.of("url", "https://acme.bitrix24.com"), "user-id");
    }

    @Test
    void plainHttpIsAllowedToLoopbackOnly() {
        assertThat(PortalDefinition.of("local", with("url", "http://127.0.0.1:8080"), PortalSource.API)
                        .url())
                .isEqualTo("http://127.0.0.1:8080");
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> s = webhook();
        s.put(key, value);
        return s;
    }

    private static void assertField(String name, Map<String, String> settings, String field) {
        assertThatThrownBy(() -> PortalDefinition.of(name, settings, PortalSource.API))
                .isInstanceOfSatisfying(
                        InvalidPortalException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageNotContaining("code-9f8e7d")
                .hasMessageNotContaining("secret-1");
    }
}
