package io.github.b24sip.app.portal;

import io.github.b24sip.app.cluster.SharedStore;
import io.github.b24sip.app.secret.Secrets;
import io.github.b24sip.camel.jdbc.JdbcTokenStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * With a secrets key, what an earlier version stored in clear (or sealed with a previous key) is sealed with it at
 * start-up: the shared store's token pairs, the token files of OAuth portals, the portal store (which reseals as it
 * loads, see {@link Portals#load}).
 */
@ApplicationScoped
public class SecretsAtRest {

    private static final Logger LOG = Logger.getLogger(SecretsAtRest.class);

    @Inject
    Secrets secrets;

    @Inject
    SharedStore shared;

    @Inject
    Portals portals;

    @Inject
    PortalComponents components;

    void onStart(@Observes StartupEvent event) {
        if (!secrets.configured()) {
            return;
        }
        portals.load();
        if (shared.enabled()) {
            int sealed =
                    new JdbcTokenStore(shared.dataSource(), () -> secrets.sealer("OAuth tokens")).sealStoredPairs();
            if (sealed > 0) {
                LOG.infof(
                        "Sealed %d stored OAuth token pairs with key %s",
                        sealed, secrets.sealer("").keyId());
            }
        } else {
            portals.definitions().stream().filter(PortalDefinition::isOAuth).forEach(components::sealTokenFile);
        }
    }
}
