package io.github.b24sip.app.demo;

import io.github.b24sip.app.portal.DemoPortal;
import io.github.b24sip.app.portal.PortalDefinition;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.camel.bitrix24.RateLimitPlan;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The demo (b24sip.demo=true, no portal configured): the app runs the simulator in-process and works with its
 * {@code demo} portal (standard rate limit, registrations that settle a few seconds after a line is created).
 */
@ApplicationScoped
public class DemoSimulator implements DemoPortal {

    private static final Logger LOG = Logger.getLogger(DemoSimulator.class);
    private Simulator simulator;

    @Override
    public synchronized PortalDefinition start() {
        if (simulator == null) {
            simulator = Simulator.start(SimulatorConfig.create().portal(PortalConfig.portal("demo")));
        }
        BitrixPortal portal = simulator.portal("demo");
        try {
            Path trustStore = Files.createTempFile("b24sip-demo-truststore", ".p12");
            trustStore.toFile().deleteOnExit();
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
            simulator.tls().writeTrustStore(trustStore, password.toCharArray());
            LOG.infof(
                    "Demo (b24sip.demo=true, no portal configured): started the embedded Bitrix24 simulator; demo "
                            + "portal at %s",
                    portal.baseUrl());
            return PortalDefinition.webhook(
                    "demo",
                    portal.baseUrl(),
                    String.valueOf(portal.webhook().userId()),
                    portal.webhook().code(),
                    Portals.trustStore(trustStore.toString(), password),
                    RateLimitPlan.standard);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo trust store", e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
