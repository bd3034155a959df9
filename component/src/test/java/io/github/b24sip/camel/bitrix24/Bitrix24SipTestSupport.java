package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.SimulatorTrust;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.TokenPair;
import io.github.b24sip.simulator.journal.Journal;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Starts the simulator and a CamelContext whose bitrix24-sip component points at one of its portals over HTTPS,
 * trusting the simulator's certificate through sslContextParameters, as a user would configure it.
 */
public abstract class Bitrix24SipTestSupport {

    protected Simulator sim;
    protected BitrixPortal portal;
    protected CamelContext context;
    protected ProducerTemplate template;

    @TempDir
    protected Path tempDir;

    protected void startSimulator(SimulatorConfig config, String portalName) {
        sim = Simulator.start(config);
        portal = sim.portal(portalName);
    }

    protected void startSimulator(PortalConfig portalConfig) {
        startSimulator(SimulatorConfig.create().portal(portalConfig), portalConfig.name());
    }

    /** Starts Camel with the component configured for webhook auth on {@link #portal}; {@code extra} adds to it. */
    protected void startCamel(Consumer<Bitrix24SipConfiguration> extra) throws Exception {
        context = new DefaultCamelContext();
        Bitrix24SipComponent component = new Bitrix24SipComponent();
        Bitrix24SipConfiguration c = component.getConfiguration();
        c.setPortalUrl(portal.baseUrl());
        c.setUserId(String.valueOf(portal.webhook().userId()));
        c.setToken(portal.webhook().code());
        c.setSslContextParameters(SimulatorTrust.sslContextParameters(sim, tempDir));
        extra.accept(c);
        context.addComponent("bitrix24-sip", component);
        context.start();
        template = context.createProducerTemplate();
    }

    /**
     * Starts Camel with OAuth application auth on {@link #portal} (app {@code app.camel}, which the portal's config
     * must declare), from a freshly issued token pair; {@code extra} adds to it. Returns the issued pair.
     */
    protected TokenPair startOAuthCamel(Consumer<Bitrix24SipConfiguration> extra) throws Exception {
        TokenPair issued = portal.issueTokens("app.camel");
        startCamel(c -> {
            c.setUserId(null);
            c.setToken(null);
            c.setClientId("app.camel");
            c.setClientSecret("camel-secret");
            c.setAccessToken(issued.accessToken());
            c.setRefreshToken(issued.refreshToken());
            c.setOauthServerUrl(sim.oauthServerUrl());
            extra.accept(c);
        });
        return issued;
    }

    protected void startCamel() throws Exception {
        startCamel(c -> {});
    }

    protected Journal journal() {
        return sim.journal();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (context != null) {
            context.stop();
        }
        if (sim != null) {
            sim.close();
        }
    }
}
