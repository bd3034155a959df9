package io.github.b24sip.app.demo;

import io.github.b24sip.app.portal.DemoPortal;
import io.github.b24sip.app.portal.PortalDefinition;
import io.github.b24sip.app.portal.PortalSource;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.StreamSupport;

/**
 * The demo (b24sip.demo=true, no portal configured): the app runs the simulator in-process and works with its
 * {@code demo} portal (standard rate limit, registrations that settle a few seconds after a line is created).
 */
@ApplicationScoped
public class DemoSimulator implements DemoPortal {

    private static final Logger LOG = Logger.getLogger(DemoSimulator.class);
    private CompletableFuture<Simulator> starting;
    private Simulator simulator;

    /**
     * Starts the simulator as soon as the bean container is up, on a thread of its own: its start (TLS material, the
     * HTTPS listeners) then overlaps the rest of the app's start instead of coming before Camel's.
     */
    void early(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // read from the plain config: the @ConfigMapping interfaces are not registered yet this early; Portals makes
        // the same decision from AppConfig later (isDemo), and start() starts the simulator then if this did not
        Config config = ConfigProvider.getConfig();
        boolean demo = config.getOptionalValue("b24sip.demo", Boolean.class).orElse(false);
        boolean portals = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .anyMatch(name -> name.startsWith("b24sip.portals."));
        if (demo && !portals) {
            starting();
        }
    }

    private synchronized CompletableFuture<Simulator> starting() {
        if (starting == null) {
            starting = new CompletableFuture<>();
            Thread t = new Thread(
                    () -> {
                        try {
                            starting.complete(
                                    Simulator.start(SimulatorConfig.create().portal(PortalConfig.portal("demo"))));
                        } catch (RuntimeException | Error e) {
                            starting.completeExceptionally(e);
                        }
                    },
                    "b24sip-demo-simulator");
            t.setDaemon(true);
            t.start();
        }
        return starting;
    }

    @Override
    public synchronized PortalDefinition start() {
        if (simulator == null) {
            try {
                simulator = starting().join();
            } catch (CompletionException e) {
                throw new IllegalStateException("The demo's embedded simulator did not start", e.getCause());
            }
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
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("url", portal.baseUrl());
            settings.put("user-id", String.valueOf(portal.webhook().userId()));
            settings.put("token", portal.webhook().code());
            settings.put("trust-store-file", trustStore.toString());
            settings.put("trust-store-password", password);
            return PortalDefinition.of("demo", settings, PortalSource.CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo trust store", e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (simulator == null && starting != null) {
            simulator = starting.getNow(null);
        }
        if (simulator != null) {
            simulator.close();
        }
    }
}
