package io.github.b24sip.app;

import io.github.b24sip.app.portal.FileTokenStore;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.camel.bitrix24.Bitrix24SipComponent;
import io.github.b24sip.camel.bitrix24.Bitrix24SipConfiguration;
import io.github.b24sip.camel.bitrix24.RateLimitPlan;
import io.github.b24sip.camel.bitrix24.model.ConnectorStatus;
import io.github.b24sip.simulator.OAuthApp;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.TokenPair;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's token file keeps an OAuth portal working across a restart: the refresh token the app was configured
 * with is spent by the first refresh, and the next run goes on with the rotated pair from the file.
 */
class FileTokenStoreTest {

    @TempDir
    Path dir;

    private static CamelContext app(Simulator sim, BitrixPortal portal, TokenPair configured, Path tokenFile, Path dir) throws Exception {
        Path trust = dir.resolve("trust.p12");
        sim.tls().writeTrustStore(trust, "changeit".toCharArray());
        Bitrix24SipComponent component = new Bitrix24SipComponent();
        Bitrix24SipConfiguration c = component.getConfiguration();
        c.setPortalUrl(portal.baseUrl());
        c.setClientId("app.routes");
        c.setClientSecret("routes-secret");
        c.setAccessToken(configured.accessToken());
        c.setRefreshToken(configured.refreshToken());
        c.setOauthServerUrl(sim.oauthServerUrl());
        c.setTokenStore(new FileTokenStore(tokenFile));
        c.setSslContextParameters(Portals.trustStore(trust.toString(), "changeit"));
        c.setRateLimitPlan(RateLimitPlan.none);
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("bitrix24-sip-oauth", component);
        camel.start();
        return camel;
    }

    @Test
    void theRotatedPairSurvivesARestart() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.create().portal(PortalConfig.portal("oauth")
                .app(new OAuthApp("app.routes", "routes-secret"))))) {
            BitrixPortal portal = sim.portal("oauth");
            TokenPair configured = portal.issueTokens("app.routes");
            Path tokenFile = dir.resolve("tokens/oauth.json");

            try (CamelContext first = app(sim, portal, configured, tokenFile, dir)) {
                portal.expireAccessTokens();
                assertThat(first.createProducerTemplate().requestBody("bitrix24-sip-oauth:connectorStatus", null, ConnectorStatus.class)).isNotNull();
            }
            assertThat(sim.oauth().tokens().refreshCount()).isEqualTo(1);
            String stored = Files.readString(tokenFile);
            assertThat(stored).doesNotContain(configured.refreshToken()).contains("\"clientId\":\"app.routes\"");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");

            // restarted with the same configuration: its refresh token is spent, the file's is live
            try (CamelContext second = app(sim, portal, configured, tokenFile, dir)) {
                portal.expireAccessTokens();
                assertThat(second.createProducerTemplate().requestBody("bitrix24-sip-oauth:connectorStatus", null, ConnectorStatus.class)).isNotNull();
            }
            assertThat(sim.oauth().tokens().refreshCount()).isEqualTo(2);
            assertThat(Files.readString(tokenFile)).isNotEqualTo(stored);
        }
    }
}
