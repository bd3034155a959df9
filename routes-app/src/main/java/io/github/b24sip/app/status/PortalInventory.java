package io.github.b24sip.app.status;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.camel.bitrix24.model.ConnectorStatus;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every line of each portal, office lines too, and its SIP connector's paid state and free minutes, read every
 * {@code b24sip.page.inventory-delay} (two requests per portal, within its bucket) for the operator page. The status
 * pollers read cloud lines only; this is what the page knows about the rest. Off with a delay of 0.
 */
@ApplicationScoped
public class PortalInventory {

    private static final Logger LOG = LoggerFactory.getLogger(PortalInventory.class);
    private static final long DEMO_DELAY_MS = 5_000;

    /** One portal as last read: its lines and connector, or why the read failed. */
    @RegisterForReflection
    public record Snapshot(Instant at, List<SipLine> lines, ConnectorStatus connector, String error) {}

    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    @Inject
    AppConfig config;

    @Inject
    Portals portals;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate template;

    void start(@Observes StartupEvent startup) {
        long delay = config.page().inventoryDelay().toMillis();
        if (delay <= 0) {
            return;
        }
        if (portals.isDemo()) {
            // the demo's page should show the office lines of the sample files while someone watches it
            delay = Math.min(DEMO_DELAY_MS, delay);
        }
        scheduler = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "PortalInventory");
        scheduler.scheduleWithFixedDelay(this::readAll, Math.min(delay, 1000), delay, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (scheduler != null) {
            camel.getExecutorServiceManager().shutdownNow(scheduler);
        }
    }

    void readAll() {
        Set<String> names = portals.names();
        snapshots.keySet().retainAll(names);
        for (String portal : names) {
            if (!portals.known(portal)) {
                continue; // waiting for a reinstall: a call would only be refused
            }
            try {
                @SuppressWarnings("unchecked")
                List<SipLine> lines = template.requestBody(portals.uri(portal, "get"), null, List.class);
                ConnectorStatus connector =
                        template.requestBody(portals.uri(portal, "connectorStatus"), null, ConnectorStatus.class);
                snapshots.put(portal, new Snapshot(Instant.now(), List.copyOf(lines), connector, null));
            } catch (CamelExecutionException e) {
                Snapshot before = snapshots.get(portal);
                String reason =
                        e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
                LOG.debug("Reading the lines of {} for the operator page failed: {}", portal, reason);
                snapshots.put(
                        portal,
                        new Snapshot(
                                Instant.now(),
                                before == null ? List.of() : before.lines(),
                                before == null ? null : before.connector(),
                                reason));
            } catch (RuntimeException e) {
                LOG.warn("Reading the lines of {} for the operator page failed", portal, e);
            }
        }
    }

    public Optional<Snapshot> of(String portal) {
        return Optional.ofNullable(snapshots.get(portal));
    }
}
