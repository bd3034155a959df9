package io.github.b24sip.app.demo;

import io.github.b24sip.app.portal.DemoPortal;
import io.github.b24sip.app.portal.PortalDefinition;
import io.github.b24sip.app.portal.PortalSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

/**
 * The demo (b24sip.demo=true, no portal configured): the app runs the simulator in-process and works with its
 * {@code demo} portal (standard rate limit, registrations that settle a few seconds after a line is created).
 *
 * <p>The simulator is a run-time dependency only, reached through {@value #EMBEDDED} and JDK types: no class of the
 * app refers to it, so a deployment that leaves its jar out runs with configured portals, and only a demo asks for it.
 */
@ApplicationScoped
public class DemoSimulator implements DemoPortal {

    static final String EMBEDDED = "io.github.b24sip.simulator.EmbeddedDemo";

    private static final Logger LOG = Logger.getLogger(DemoSimulator.class);
    private CompletableFuture<Supplier<Map<String, String>>> starting;

    /**
     * Starts the simulator as soon as the bean container is up, on a thread of its own: its start (TLS material, the
     * HTTPS listeners) then overlaps the rest of the app's start instead of coming before Camel's.
     */
    void early(@Observes @Initialized(ApplicationScoped.class) Object event, Config config) {
        // the plain config: the @ConfigMapping interfaces are not registered this early (SRCFG00027); Portals makes the
        // same decision from AppConfig later (isDemo), and start() starts the simulator then if this did not
        boolean demo = config.getOptionalValue("b24sip.demo", Boolean.class).orElse(false);
        boolean portals = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .anyMatch(name -> name.startsWith("b24sip.portals."));
        if (demo && !portals) {
            starting();
        }
    }

    private synchronized CompletableFuture<Supplier<Map<String, String>>> starting() {
        if (starting == null) {
            starting = new CompletableFuture<>();
            Thread t = new Thread(
                    () -> {
                        try {
                            Supplier<Map<String, String>> demo = embedded();
                            demo.get();
                            starting.complete(demo);
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

    @SuppressWarnings("unchecked")
    private static Supplier<Map<String, String>> embedded() {
        try {
            Class<?> type = Class.forName(EMBEDDED, true, DemoSimulator.class.getClassLoader());
            return (Supplier<Map<String, String>>) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            // Quarkus's class loader knows the jar from the build and reports it missing as a RuntimeException
            throw new IllegalStateException("b24sip.demo=true needs the simulator jar (bitrix24-sip-simulator) on the "
                    + "class path, and this deployment leaves it out ("
                    + e.getClass().getSimpleName() + "); configure "
                    + "a portal (b24sip.portals.<name>.url) instead");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The demo's embedded simulator cannot be created", e);
        }
    }

    @Override
    public synchronized PortalDefinition start() {
        Map<String, String> settings;
        try {
            settings = starting().join().get();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IllegalStateException refused
                    ? refused
                    : new IllegalStateException("The demo's embedded simulator did not start", e.getCause());
        }
        LOG.infof(
                "Demo (b24sip.demo=true, no portal configured): started the embedded Bitrix24 simulator; demo portal "
                        + "at %s",
                settings.get("url"));
        return PortalDefinition.of(DemoPortal.NAME, settings, PortalSource.CONFIG);
    }

    @PreDestroy
    synchronized void stop() throws Exception {
        Supplier<Map<String, String>> demo = starting == null ? null : starting.getNow(null);
        if (demo instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
