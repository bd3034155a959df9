package io.github.b24sip.app.observe;

import io.github.b24sip.app.account.Accounts;
import io.github.b24sip.app.account.RegistrationBoard;
import io.github.b24sip.app.desired.DriftKind;
import io.github.b24sip.app.desired.DriftWatch;
import io.github.b24sip.app.portal.PortalActivity;
import io.github.b24sip.app.portal.PortalChange;
import io.github.b24sip.app.portal.PortalState;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.app.status.LineBoard;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The app's gauges, shown on /q/metrics next to Camel's: portals by state, each portal's lines by state, the age of its
 * last poll and whether it answers, the requests that waited for its bucket, and each account's registrations by
 * state. They read the boards and the portals; the counters are {@link AppCounters}'.
 */
@ApplicationScoped
public class AppGauges {

    @Inject
    MeterRegistry registry;

    @Inject
    Portals portals;

    @Inject
    Accounts accounts;

    @Inject
    RegistrationBoard registrations;

    @Inject
    LineBoard lines;

    @Inject
    PortalActivity activity;

    @Inject
    DriftWatch drift;

    /** The meters of each portal, removed with it. */
    private final Map<String, List<Meter>> portalMeters = new ConcurrentHashMap<>();

    void onStart(@Observes StartupEvent event) {
        portals.names().forEach(this::portalMeters);
        for (String account : accounts.names()) {
            for (String state : List.of("successful", "failed", "in-progress", "deactivated")) {
                Gauge.builder("b24sip.registrations", registrations, b -> b.count(account, state))
                        .description("The SIP registrations of a Voximplant account this instance polls, by state")
                        .tag("account", account)
                        .tag("state", state)
                        .register(registry);
            }
        }
        for (PortalState state : PortalState.values()) {
            Gauge.builder(
                            "b24sip.portals",
                            portals,
                            p -> p.definitions().stream()
                                    .filter(d -> d.state() == state)
                                    .count())
                    .description("Portals the app works with, by state (needs-reinstall: the application must be "
                            + "installed again)")
                    .tag("state", state.wireName())
                    .register(registry);
        }
    }

    void onPortalChange(@Observes PortalChange change) {
        if (change.added()) {
            portalMeters(change.name());
        } else {
            List<Meter> meters = portalMeters.remove(change.name());
            if (meters != null) {
                meters.forEach(registry::remove);
            }
        }
    }

    /**
     * A portal's meters. The gauges are what an alert reads (deploy/prometheus/b24sip-alerts.yml): lines by state now,
     * the age of the last poll that worked and whether the portal answers its polls, each as this instance sees it:
     * with several instances, the one polling the portal shows its lines, its last poll and whether it is up; the
     * others show no line and NaN, which Prometheus's min and max skip.
     */
    private void portalMeters(String portal) {
        portalMeters.computeIfAbsent(portal, p -> {
            List<Meter> meters = new ArrayList<>();
            meters.add(FunctionCounter.builder("b24sip.rate.limit.waits", portals, r -> r.rateLimitWaits(p))
                    .description("Requests that waited for the portal's request bucket or operating budget")
                    .tag("portal", p)
                    .register(registry));
            for (String state : LineBoard.STATES) {
                meters.add(Gauge.builder("b24sip.lines", lines, b -> b.count(p, state))
                        .description("Cloud lines of the portal by registration state now (polled by this instance)")
                        .tag("portal", p)
                        .tag("state", state)
                        .register(registry));
            }
            meters.add(Gauge.builder(
                            "b24sip.portal.last.poll.seconds",
                            activity,
                            a -> a.lastPollHere(p)
                                    .map(at ->
                                            Duration.between(at, Instant.now()).toMillis() / 1000.0)
                                    .orElse(Double.NaN))
                    .description("Seconds since this instance last read the portal's statuses; NaN when it does not "
                            + "poll the portal")
                    .tag("portal", p)
                    .register(registry));
            meters.add(Gauge.builder(
                            "b24sip.portal.up",
                            activity,
                            a -> a.up(p).map(up -> up ? 1.0 : 0.0).orElse(Double.NaN))
                    .description("1 while the portal answers this instance's polls, 0 from a failed poll until one "
                            + "works again (and while its application must be installed again); NaN when this "
                            + "instance does not poll the portal")
                    .tag("portal", p)
                    .register(registry));
            for (DriftKind kind : DriftKind.values()) {
                meters.add(Gauge.builder(
                                "b24sip.drift.lines",
                                drift,
                                d -> activity.lastPollHere(p).isEmpty()
                                        ? Double.NaN
                                        : d.lines(p, kind).stream()
                                                .mapToDouble(n -> n)
                                                .findFirst()
                                                .orElse(Double.NaN))
                        .description("Lines of the portal that differ from what was declared, by drift kind, as this "
                                + "instance's last poll found them; NaN when this instance does not poll the portal "
                                + "or its drift policy is off")
                        .tag("portal", p)
                        .tag("kind", kind.wireName())
                        .register(registry));
            }
            return meters;
        });
    }
}
