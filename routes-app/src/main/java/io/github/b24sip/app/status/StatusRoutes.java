package io.github.b24sip.app.status;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.cluster.PollerShards;
import io.github.b24sip.app.desired.DriftRound;
import io.github.b24sip.app.desired.DriftWatch;
import io.github.b24sip.app.portal.PortalChange;
import io.github.b24sip.app.portal.PortalDefinition;
import io.github.b24sip.app.portal.PortalState;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.camel.bitrix24.Bitrix24SipConstants;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Status polling: the component's consumer per portal; each change becomes a {@link LineStatus} JSON event sent to
 * every sink switched on in configuration (log, Kafka topic, JMS topic, HTTP webhook, JSON-lines file).
 */
@ApplicationScoped
public class StatusRoutes extends RouteBuilder {

    /** Where every status event goes as JSON text, with {@link #STATUS_KEY} set: the sinks switched on. */
    public static final String SINKS = "direct:status-sinks";

    /** The header with what an event is about (a portal's name, an account's): the Kafka sink's record key. */
    public static final String STATUS_KEY = "B24SipStatusKey";

    /** The demo's registrations settle within seconds, so its portal is polled often enough to watch them move. */
    static final long DEMO_DELAY_MS = 2000;

    @Inject
    AppConfig config;

    @Inject
    Portals portals;

    @Inject
    LineBoard board;

    @Inject
    PollerShards shards;

    @Inject
    DriftWatch drift;

    @Inject
    CamelContext camel;

    /** The header with the name of the portal a drift snapshot is from. */
    static final String PORTAL = "B24SipPortal";

    private static final String DRIFT_ROUND = "b24sipDriftRound";

    /** The route template every portal's poller comes from. */
    static final String POLLER_TEMPLATE = "b24sip-status-poller";

    private static final Logger LOG = Logger.getLogger(StatusRoutes.class);

    /** The portals whose poller route exists. */
    private final Set<String> polled = new HashSet<>();

    /** Portals added or removed, waiting for their pollers to start or stop. */
    private final BlockingQueue<PortalChange> pending = new LinkedBlockingQueue<>();

    private ExecutorService routeChanges;

    private ExecutorService driftThreads;

    private boolean configured;

    @Override
    public synchronized void configure() throws Exception {
        // spotless:off (the route DSL's indentation shows its structure: choice, when, otherwise, end)
        quietErrors(this);
        pollerTemplate();
        for (PortalDefinition portal : portals.definitions()) {
            if (portal.state() == PortalState.LIVE) {
                pollRoute(this, portal.name());
                polled.add(portal.name());
            }
        }

        // Each sink is declared once: its setting switches it on, and its steps become route status-to-<name>.
        List<String> sinks = new ArrayList<>();
        sinks.add(config.status().log() ? sink("log", r -> r.log("Status event ${body}"))
                : "log:io.github.b24sip.app.status?level=DEBUG");
        config.status().kafkaTopic().ifPresent(topic -> sinks.add(sink("kafka", r -> r
                .setHeader(KafkaConstants.KEY, header(STATUS_KEY))
                .to("kafka:" + topic))));
        config.status().jmsTopic().ifPresent(topic -> sinks.add(sink("jms", r -> r
                .to("jms:topic:" + topic))));
        // POSTs each event; a failing webhook is retried twice at once, then the event fails: the poller offers it
        // again on its next poll (at least once), so an outage of the webhook loses nothing
        config.status().httpUrl().ifPresent(url -> sinks.add(sink("http", r -> r
                .onException(Exception.class)
                    .maximumRedeliveries(2).redeliveryDelay(200).useExponentialBackOff().backOffMultiplier(2)
                    .retryAttemptedLogLevel(LoggingLevel.DEBUG).logExhausted(false).handled(false)
                .end()
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .to(url))));
        config.status().file().ifPresent(file -> {
            Path path = Path.of(file).toAbsolutePath();
            sinks.add(sink("file", r -> r
                    .to("file:" + path.getParent() + "?fileName=" + path.getFileName()
                            + "&fileExist=Append&appendChars=\\n")));
        });
        // routes of the integrator's own (b24sip.routes.dir) named in b24sip.status.to
        config.status().to().ifPresent(sinks::addAll);

        // Records each change, warns about registrations in error, and fans the JSON event out to the sinks.
        from("direct:status-events")
                .routeId("status-events")
                .bean(board, "record")
                .setHeader(STATUS_KEY, simple("${body.portal}"))
                .filter(simple("${body.status} == 'error' && ${body.removed} == false"))
                    .log(LoggingLevel.WARN, "Portal ${body.portal}: line '${body.title}' registration is in error "
                            + "(${body.statusCode}: ${body.errorMessage})")
                .end()
                .marshal().json()
                .convertBodyTo(String.class)
                .to(SINKS);

        // A poll's snapshot: drift events to every sink, kept as reported once the sinks took them, then the repair.
        // It runs off the poller's thread (wire-tapped), one round per portal at a time: see RoundsInFlight.
        from("direct:drift")
                .routeId("drift")
                .doTry()
                    .process(e -> e.setProperty(DRIFT_ROUND, drift.observe(
                            e,
                            e.getMessage().getHeader(PORTAL, String.class),
                            snapshot(e.getMessage().getBody(List.class)))))
                    .to("direct:drift-events")
                    .process(e -> drift.commit(e.getProperty(DRIFT_ROUND, DriftRound.class)))
                    .process(e -> drift.repair(e, e.getProperty(DRIFT_ROUND, DriftRound.class)))
                .doFinally()
                    .process(e -> drift.release(e.getMessage().getHeader(PORTAL, String.class)))
                .end();
        from("direct:drift-events")
                .routeId("drift-events")
                .split(exchangeProperty(DRIFT_ROUND).method("events")).stopOnException()
                    .setHeader(STATUS_KEY, simple("${body.portal}"))
                    .marshal().json()
                    .convertBodyTo(String.class)
                    .to(SINKS);

        // Every status event, a line's or a registration's, as JSON text, to every sink.
        from(SINKS)
                .routeId("status-sinks")
                .multicast().to(sinks.toArray(String[]::new));
        // spotless:on
        configured = true;
    }

    /**
     * Every portal's poller, the ones there at start-up and the ones added at run time: the component's consumer of
     * the portal's cloud line statuses, one exchange per change, and, when the portal's drift is watched, a snapshot
     * after each poll, wire-tapped to the drift round.
     */
    private void pollerTemplate() {
        // spotless:off (the route DSL's indentation shows its structure: choice, when, otherwise, end)
        routeTemplate(POLLER_TEMPLATE)
                .templateParameter("portal")
                .templateParameter("uri")
                .templateParameter("autoStartup")
                .from("{{uri}}")
                .autoStartup("{{autoStartup}}")
                // a sink that fails fails the event, which the poller offers again: quiet, as every status route
                .errorHandler(defaultErrorHandler().logExhausted(false))
                .setProperty(PORTAL, constant("{{portal}}"))
                .choice()
                    .when(e -> isSnapshot(e) && drift.claim(portalOf(e)))
                        .setHeader(PORTAL, exchangeProperty(PORTAL))
                        .wireTap("direct:drift").executorService(driftThreads())
                    .endChoice()
                    .when(StatusRoutes::isSnapshot)
                        .log(LoggingLevel.DEBUG, "Portal ${exchangeProperty." + PORTAL + "}: its previous drift "
                                + "round is still on its way; this poll's snapshot is skipped")
                    .otherwise()
                        .process(e -> e.getMessage().setBody(
                                LineStatus.of(portalOf(e), e.getMessage().getBody(SipLineStatusEvent.class))))
                        .to("direct:status-events")
                .end();
        // spotless:on
    }

    /** Adds one portal's poller to {@code builder}, from the poller template. */
    private void pollRoute(RouteBuilder builder, String portal) {
        board.expect(portal);
        long delay = portals.isDemo()
                ? Math.min(DEMO_DELAY_MS, config.status().delay().toMillis())
                : config.status().delay().toMillis();
        boolean snapshots = portals.definition(portal).map(drift::watches).orElse(false);
        String poll = portals.uri(
                portal,
                "status?delay=" + delay + "&initialDelay=" + shards.initialDelay(portal, delay)
                        + (snapshots ? "&emitSnapshot=true" : ""));
        // With several instances, only the instance that leads the portal's shard polls it: PollerShards starts it.
        shards.register(routeId(portal), PollerShards.Kind.PORTAL, portal);
        builder.templatedRoute(POLLER_TEMPLATE)
                .routeId(routeId(portal))
                .parameter("portal", portal)
                .parameter("uri", poll)
                .parameter("autoStartup", String.valueOf(shards.startWithCamel()));
    }

    private static String portalOf(Exchange e) {
        return e.getProperty(PORTAL, String.class);
    }

    private static boolean isSnapshot(Exchange e) {
        return Boolean.TRUE.equals(e.getMessage().getHeader(Bitrix24SipConstants.SNAPSHOT));
    }

    /**
     * The threads drift rounds run on, off the pollers': two, with a queue as long as a fleet; when it is full the
     * poller runs its round itself, which paces it.
     */
    synchronized ExecutorService driftThreads() {
        if (driftThreads == null) {
            driftThreads = getContext()
                    .getExecutorServiceManager()
                    .newThreadPool(
                            this,
                            "Drift",
                            new ThreadPoolProfileBuilder("b24sip-drift")
                                    .poolSize(1)
                                    .maxPoolSize(2)
                                    .maxQueueSize(100_000)
                                    .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns)
                                    .build());
        }
        return driftThreads;
    }

    @SuppressWarnings("unchecked")
    private static List<SipLine> snapshot(List<?> lines) {
        return (List<SipLine>) lines;
    }

    /**
     * A sink that fails fails the event: the poller logs it once per poll and offers it again on the next one, so
     * Camel's own stack trace per failed event would only repeat that.
     */
    private static void quietErrors(RouteBuilder builder) {
        builder.errorHandler(builder.defaultErrorHandler().logExhausted(false));
    }

    static String routeId(String portal) {
        return "status-poll-" + portal;
    }

    /**
     * A portal added or removed at run time: its poller starts or stops here (with several instances, its route is on
     * every instance and the one leading its shard runs it), on a thread of its own, so an install or an API
     * call answers once the portal is stored and registered, not after Camel added its route: Camel's route adding
     * goes over every route there is, and 2,000 installs in a row each waiting for it made the 2,000th slow. Changes are
     * applied in the order they came, the routes added by a burst in one go. Portals there at start-up got theirs in
     * {@link #configure}.
     */
    void onPortalChange(@Observes PortalChange change) {
        pending.add(change);
        routeChanges().execute(this::applyPending);
    }

    /** The thread that starts and stops pollers; its own lock, never the one held while routes are added. */
    private ExecutorService routeChanges() {
        synchronized (pending) {
            if (routeChanges == null) {
                routeChanges = camel.getExecutorServiceManager().newSingleThreadExecutor(this, "b24sip-poller-routes");
            }
            return routeChanges;
        }
    }

    /** Applies the changes waiting, in order: consecutive additions as one batch of routes. */
    private synchronized void applyPending() {
        if (!configured) {
            pending.clear(); // configure() reads the portals as they are now
            return;
        }
        List<PortalChange> batch = new ArrayList<>();
        pending.drainTo(batch);
        List<String> toAdd = new ArrayList<>();
        for (PortalChange change : batch) {
            try {
                if (change.added()) {
                    // a portal waiting for a reinstall is not polled: its calls would only be refused
                    if (change.portal().state() == PortalState.LIVE && polled.add(change.name())) {
                        toAdd.add(change.name());
                    }
                } else {
                    addPollRoutes(toAdd);
                    if (polled.remove(change.name())) {
                        String id = routeId(change.name());
                        shards.unregister(id);
                        camel.getRouteController().stopRoute(id);
                        camel.removeRoute(id);
                        board.forget(change.name());
                    }
                }
            } catch (Exception e) {
                LOG.warnf(
                        "The status poller of portal %s could not be %s: %s",
                        change.name(), change.added() ? "started" : "stopped", e.getMessage());
            }
        }
        try {
            addPollRoutes(toAdd);
        } catch (Exception e) {
            LOG.warnf("The status pollers of %d portals could not be started: %s", toAdd.size(), e.getMessage());
        }
    }

    private void addPollRoutes(List<String> portals) throws Exception {
        if (portals.isEmpty()) {
            return;
        }
        List<String> adding = List.copyOf(portals);
        portals.clear();
        // one batch of routes from the poller template: Camel's route adding goes over every route there is
        RouteBuilder batch = new RouteBuilder() {
            @Override
            public void configure() {
                adding.forEach(p -> pollRoute(this, p));
            }
        };
        camel.addRoutes(batch); // configures the builder: it declares templated routes only
        camel.addTemplatedRoutes(batch);
        shards.added(adding.stream().map(StatusRoutes::routeId).toList());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        ExecutorService executor = routeChanges;
        if (executor != null) {
            camel.getExecutorServiceManager().shutdownNow(executor);
        }
    }

    /** A sink's route, {@code direct:status-to-<name>} with {@code steps}; returns the URI to multicast to. */
    private String sink(String name, Consumer<RouteDefinition> steps) {
        String uri = "direct:status-to-" + name;
        steps.accept(from(uri).routeId("status-to-" + name));
        return uri;
    }
}
