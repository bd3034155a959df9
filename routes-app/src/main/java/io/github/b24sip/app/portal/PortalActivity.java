package io.github.b24sip.app.portal;

import io.github.b24sip.app.cluster.PollerShards;
import io.github.b24sip.app.cluster.SharedStore;
import io.github.b24sip.camel.bitrix24.Bitrix24SipComponent;
import io.github.b24sip.camel.bitrix24.PortalSnapshot;
import io.github.b24sip.camel.jdbc.PgClusterService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Who polls a portal and when its statuses were last read here: for /api/portals and the operator page. */
@ApplicationScoped
public class PortalActivity {

    @Inject
    CamelContext camel;

    @Inject
    SharedStore shared;

    @Inject
    PollerShards shards;

    @Inject
    @Named("b24sipClusterService")
    CamelClusterService cluster;

    /** When this instance last read the portal's statuses; empty when it has not (or another instance polls it). */
    public Optional<Instant> lastPoll(String portal) {
        return camel.hasComponent(PortalComponents.SCHEME_PREFIX + portal) instanceof Bitrix24SipComponent b
                ? b.lastStatusPoll()
                : Optional.empty();
    }

    /**
     * Whether the portal answers this instance's polls: empty when this instance does not poll it now (another one
     * leads its poller, or it has not polled yet), false while its last poll failed or its application's refresh token
     * is refused (it must be installed again). A producer's failure does not count: bad input says nothing of the
     * portal, and the producer health check covers calls.
     */
    public Optional<Boolean> up(String portal) {
        if (!pollsHere(portal)
                || !(camel.hasComponent(PortalComponents.SCHEME_PREFIX + portal) instanceof Bitrix24SipComponent b)) {
            return Optional.empty();
        }
        List<PortalSnapshot> read = b.portals().stream()
                .filter(p -> p.lastPoll() != null || p.lastPollFailureAt() != null)
                .toList();
        if (read.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read.stream()
                .allMatch(p -> !p.reinstallNeeded()
                        && (p.lastPollFailureAt() == null
                                || p.lastPoll() != null && p.lastPoll().isAfter(p.lastPollFailureAt()))));
    }

    /** When this instance's poller last read the portal, if it polls the portal now. */
    public Optional<Instant> lastPollHere(String portal) {
        return pollsHere(portal) ? lastPoll(portal) : Optional.empty();
    }

    private boolean pollsHere(String portal) {
        return polledBy(portal).map(shared.instance()::equals).orElse(false);
    }

    /** The instance whose poller reads the portal: this one alone, or the leader of its shard. */
    public Optional<String> polledBy(String portal) {
        if (!shared.enabled()) {
            return Optional.of(shared.instance());
        }
        return cluster instanceof PgClusterService pg ? pg.leaderOf(shards.namespaceOf(portal)) : Optional.empty();
    }
}
