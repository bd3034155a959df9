package io.github.b24sip.app.portal;

import io.github.b24sip.app.shared.SharedStore;
import io.github.b24sip.camel.bitrix24.Bitrix24SipComponent;
import io.github.b24sip.camel.jdbc.PgClusterService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;

import java.time.Instant;
import java.util.Optional;

/** Who polls a portal and when its statuses were last read here: for /api/portals and the operator page. */
@ApplicationScoped
public class PortalActivity {

    @Inject
    CamelContext camel;

    @Inject
    SharedStore shared;

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
     * False after a call or poll of the portal failed, until a poll worked again, and while its application's refresh
     * token is refused (it must be installed again); true otherwise, also before the first call.
     */
    public boolean up(String portal) {
        if (!(camel.hasComponent(PortalComponents.SCHEME_PREFIX + portal) instanceof Bitrix24SipComponent b)) {
            return false;
        }
        return b.portals().stream()
                .allMatch(p -> !p.reinstallNeeded()
                        && (p.lastErrorAt() == null
                                || p.lastPoll() != null && p.lastPoll().isAfter(p.lastErrorAt())));
    }

    /** The instance whose poller reads the portal: this one alone, or the leader of its namespace. */
    public Optional<String> polledBy(String portal) {
        if (!shared.enabled()) {
            return Optional.of(shared.instance());
        }
        return cluster instanceof PgClusterService pg ? pg.leaderOf("b24sip-status-" + portal) : Optional.empty();
    }
}
