package io.github.b24sip.app.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.cluster.SharedStore;
import io.github.b24sip.app.secret.SecretSealer;
import io.github.b24sip.app.secret.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Path;

/**
 * Which {@link PortalStore} the app keeps portals added at run time in: PostgreSQL with the shared store, else the
 * portal file. Portals are added at run time only where their secrets can be kept sealed: with a secrets key, or with
 * the shared store (which then requires the key as soon as a secret is written). The demo without a key keeps them in
 * memory for the run: nothing of them is written, so nothing needs sealing.
 */
@ApplicationScoped
public class PortalStores {

    @Inject
    AppConfig config;

    @Inject
    SharedStore shared;

    @Inject
    Secrets secrets;

    @Inject
    ObjectMapper json;

    private PortalStore store;

    /** True when portals can be added at run time here (and so stored ones are loaded). */
    public boolean runtimePortals() {
        return shared.enabled() || secrets.configured() || demo();
    }

    /** The demo keeps what the portal API adds for the run alone, as it seals with a key made for the run. */
    private boolean demo() {
        return config.demo() && config.portals().isEmpty() && !shared.enabled();
    }

    /** True when other instances write the store too (PostgreSQL), so each must look for their changes. */
    public boolean sharedWithOtherInstances() {
        return shared.enabled();
    }

    /** The store; fails naming the secrets key when the app cannot keep portals at run time. */
    public synchronized PortalStore store() {
        if (!runtimePortals()) {
            throw new Secrets.MissingSecretsKeyException("portals added at run time");
        }
        if (store == null) {
            if (shared.enabled()) {
                store = new JdbcPortalStore(shared.dataSource(), this::sealer, json);
            } else if (secrets.configured()) {
                store = new FilePortalStore(Path.of(config.portalStore().dir()), this::sealer, json);
            } else {
                store = new InMemoryPortalStore();
            }
        }
        return store;
    }

    private SecretSealer sealer() {
        return secrets.sealer("a portal's secrets");
    }
}
