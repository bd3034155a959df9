package io.github.b24sip.app.portal;

import io.github.b24sip.app.AppConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.jboss.logging.Logger;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every instance looks for portals added or removed elsewhere (another instance's API call or install) every {@code
 * b24sip.portal-store.refresh}, and takes them in without a restart; installed portals whose refresh token was refused
 * are set aside until installed again. On a thread of Camel's pools.
 */
@ApplicationScoped
public class PortalRefresh {

    private static final Logger LOG = Logger.getLogger(PortalRefresh.class);

    @Inject
    AppConfig config;

    @Inject
    PortalStores stores;

    @Inject
    Portals portals;

    @Inject
    CamelContext camel;

    private ScheduledExecutorService scheduler;
    private boolean failing;

    void start(@Observes StartupEvent startup) {
        if (!stores.runtimePortals()) {
            return;
        }
        long every = config.portalStore().refresh().toMillis();
        scheduler = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "PortalRefresh");
        scheduler.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (scheduler != null) {
            camel.getExecutorServiceManager().shutdownNow(scheduler);
        }
    }

    void refresh() {
        try {
            if (stores.sharedWithOtherInstances()) {
                // the portal folder of one instance has no other writer: nothing to take in, and reading 2,000 files
                // every few seconds would only hold up the installs
                portals.refreshFromStore();
            }
            portals.markRefusedInstalls();
            if (failing) {
                LOG.info("Reading the portal store works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warnf(
                        "Reading the portal store failed (%s); the portals stay as they are until it works",
                        e.getMessage());
                failing = true;
            }
        }
    }
}
