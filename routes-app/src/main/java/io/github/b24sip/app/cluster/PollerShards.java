package io.github.b24sip.app.cluster;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.CamelStarted;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.Suspendable;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leadership of the pollers by shard. Each portal's status poller and each account's registration poller belongs to one
 * of {@code b24sip.cluster.shards} shards (a stable hash of its name); each shard is one namespace of the cluster
 * service, so one lease, and the instance leading a shard runs that shard's pollers. The lease work depends on shards
 * and instances, not on how many portals there are; a portal added at run time lands in its shard at once.
 *
 * <p>Pollers are routes that do not start with Camel when the store is shared. They are registered here with their
 * shard: this class starts a shard's routes the first time its leadership is taken here, and suspends their consumers
 * when it is lost or handed over, resuming them when it comes back. A suspension waits for a
 * poll under way to deliver and commit, and the cluster service gives the lease back only after that, so two instances
 * never poll a portal at once; a resumed consumer compares with the shared status store, so what another instance
 * delivered meanwhile is not delivered again. Suspending costs no route stop, so a hand-over gives its leases back
 * within the heartbeat that decided it. Leadership events of a shard come in order, on the cluster service's event
 * threads. Without a shared store every poller starts with Camel and this class only counts them.
 */
@ApplicationScoped
public class PollerShards {

    /** What a poller polls: a portal's line statuses or an account's registrations. */
    @RegisterForReflection
    public enum Kind {
        PORTAL,
        ACCOUNT
    }

    /** One poller's route, and where it belongs. */
    @RegisterForReflection
    public record Poller(String routeId, Kind kind, String name, int shard) {}

    static final String NAMESPACE_PREFIX = "b24sip-shard-";

    private static final Logger LOG = Logger.getLogger(PollerShards.class);

    @Inject
    AppConfig config;

    @Inject
    SharedStore shared;

    @Inject
    CamelContext camel;

    @Inject
    @Named("b24sipClusterService")
    CamelClusterService cluster;

    private final Map<String, Poller> pollers = new ConcurrentHashMap<>();
    private final AtomicBoolean opened = new AtomicBoolean();
    private Shard[] shards;

    @PostConstruct
    void init() {
        int count = config.cluster().shards();
        ShardHash.shardOf("", count); // refuses a count below 1, naming the setting
        shards = new Shard[count];
        for (int i = 0; i < count; i++) {
            shards[i] = new Shard(i);
        }
    }

    /** Whether pollers start with Camel: yes on a single instance, no when shard leadership starts them. */
    public boolean startWithCamel() {
        return !shared.enabled();
    }

    /** The cluster namespace that leads the poller named {@code name}. */
    public String namespaceOf(String name) {
        return namespaceOf(name, shards.length);
    }

    /** The cluster namespace of the poller named {@code name} among {@code shards} shards: b24sip-shard-&lt;n&gt;. */
    public static String namespaceOf(String name, int shards) {
        return NAMESPACE_PREFIX + ShardHash.shardOf(name, shards);
    }

    /**
     * A poller's first delay, in milliseconds: with several instances its place in the first three quarters of its
     * interval (by its name), counted from the moment its shard is taken each time it is taken ({@link
     * Shard#firstPollAfterTake}); on a single instance one second, as always.
     */
    public long initialDelay(String name, long intervalMillis) {
        return shared.enabled() ? firstPollOffset(name, intervalMillis) : 1000;
    }

    /**
     * Where a poller's first poll after a take falls: spread by its name over the first three quarters of its interval,
     * so the pollers of a shard taken over do not poll all at once, and those of a killed instance's shard, taken as its
     * lease expires (the cluster service beats once more at that moment), are all polled again within the lease
     * duration and one interval: the last quarter is left for the take and for route starts slower than a poller's
     * offset (five seconds of the default 20-s interval).
     */
    static long firstPollOffset(String name, long intervalMillis) {
        return ShardHash.offsetWithin(name, intervalMillis * 3 / 4);
    }

    /**
     * Declares a poller route about to be added; it runs while this instance leads its shard. Returns the shard's
     * namespace, which a route may carry as its group for the operators' consoles.
     */
    public String register(String routeId, Kind kind, String name) {
        Poller poller = new Poller(routeId, kind, name, ShardHash.shardOf(name, shards.length));
        pollers.put(routeId, poller);
        return NAMESPACE_PREFIX + poller.shard();
    }

    /** Poller routes now added to Camel: those of shards led here start at once. */
    public void added(Collection<String> routeIds) {
        if (!shared.enabled()) {
            return;
        }
        for (String id : routeIds) {
            Poller poller = pollers.get(id);
            if (poller != null) {
                Shard shard = shards[poller.shard()];
                synchronized (shard) {
                    if (shard.led && pollers.containsKey(id)) {
                        start(id);
                    }
                }
            }
        }
    }

    /** A poller about to be stopped and removed: forgotten first, so it is not started again when added. */
    public void unregister(String routeId) {
        pollers.remove(routeId);
    }

    /** The pollers of the given kind this instance runs: all of them alone, those of the shards it leads otherwise. */
    public List<Poller> ledHere(Kind kind) {
        List<Poller> led = new ArrayList<>();
        for (Poller p : pollers.values()) {
            if (p.kind() == kind && (!shared.enabled() || shards[p.shard()].led)) {
                led.add(p);
            }
        }
        return led;
    }

    /** Every poller of the given kind, led here or not. */
    public List<Poller> all(Kind kind) {
        return pollers.values().stream().filter(p -> p.kind() == kind).toList();
    }

    /**
     * Once Camel has started (its routes added, the pollers' among them, stopped), the shards' views are opened: the
     * cluster service takes leases only for views that exist, so none is taken before a leadership can start routes.
     */
    void onStart(@Observes StartupEvent start) {
        if (!shared.enabled()) {
            return;
        }
        CamelStarted.then(camel, this::open);
    }

    private void open() {
        if (!opened.compareAndSet(false, true)) {
            return;
        }
        for (Shard shard : shards) {
            view(shard.namespace).addEventListener((CamelClusterEventListener.Leadership)
                    (view, leader) -> shard.lead(leader != null && leader.isLocal()));
        }
    }

    private CamelClusterView view(String namespace) {
        try {
            return cluster.getView(namespace);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "The cluster view " + namespace + " could not be opened: " + e.getMessage(), e);
        }
    }

    private void start(String routeId) {
        try {
            if (camel.getRouteController().getRouteStatus(routeId) != ServiceStatus.Started) {
                camel.getRouteController().startRoute(routeId);
            }
        } catch (Exception e) {
            LOG.warnf("Poller %s could not be started: %s", routeId, e.getMessage());
        }
    }

    /**
     * One shard: whether this instance leads it. Its routes (the pollers registered with its index) are started the
     * first time the shard is led; after that a move suspends or resumes their consumers, which is what a hand-over
     * waits for: stopping the routes of a shard of 31 pollers took 1.1 to 3.3 s on bench scale-out's busy cores,
     * suspending takes as long as the polls under way.
     */
    private final class Shard {
        final int index;
        final String namespace;
        volatile boolean led;

        Shard(int index) {
            this.index = index;
            this.namespace = NAMESPACE_PREFIX + index;
        }

        /**
         * Suspends the shard's pollers: each starts no further poll, and returns once its poll under way delivered and
         * committed (the status consumer's suspend), so the lease goes back only after that.
         */
        private void suspendPolls() {
            for (Route route : routes()) {
                if (route.getConsumer() instanceof Suspendable && ServiceHelper.isStarted(route.getConsumer())) {
                    ServiceHelper.suspendService(route.getConsumer());
                }
            }
        }

        /**
         * Starts the routes never started here, and resumes those suspended; either way each poller's first poll comes
         * at its place in the interval counted from the take, whatever its route's start cost.
         */
        private void startOrResumePolls() throws Exception {
            long takenAt = System.nanoTime();
            for (Poller poller : pollers()) {
                Route route = camel.getRoute(poller.routeId());
                if (route == null) {
                    continue;
                }
                firstPollAfterTake(route, poller, takenAt);
                if (camel.getRouteController().getRouteStatus(route.getRouteId()) != ServiceStatus.Started) {
                    camel.getRouteController().startRoute(route.getRouteId());
                } else if (route.getConsumer() instanceof Suspendable
                        && ServiceHelper.isSuspended(route.getConsumer())) {
                    // resumed, the consumer compares its next poll with the shared status store: another instance
                    // polled meanwhile
                    ServiceHelper.resumeService(route.getConsumer());
                }
            }
        }

        /**
         * Sets the poller's first delay so that it polls at its place in the interval counted from {@code takenAt}: a
         * start or a resume takes its consumer's initial delay (the status consumer's resume sets its schedule anew).
         * Without this a resumed poller polled at the place its schedule had, up to a whole interval after the take,
         * and a started one its offset after its own start, however long the shard's other starts took.
         */
        private static void firstPollAfterTake(Route route, Poller poller, long takenAt) {
            if (route.getConsumer() instanceof ScheduledPollConsumer consumer) {
                long interval = consumer.getTimeUnit().toMillis(consumer.getDelay());
                long spent = (System.nanoTime() - takenAt) / 1_000_000;
                consumer.setInitialDelay(consumer.getTimeUnit()
                        .convert(Math.max(0, firstPollOffset(poller.name(), interval) - spent), TimeUnit.MILLISECONDS));
            }
        }

        /**
         * The shard's pollers, found by those registered here: a route made from a route template keeps its group as
         * the unresolved placeholder, so Camel's route groups cannot tell the shards apart.
         */
        private List<Poller> pollers() {
            return pollers.values().stream().filter(p -> p.shard() == index).toList();
        }

        /** The shard's poller routes. */
        private List<Route> routes() {
            List<Route> routes = new ArrayList<>();
            for (Poller poller : pollers()) {
                Route route = camel.getRoute(poller.routeId());
                if (route != null) {
                    routes.add(route);
                }
            }
            return routes;
        }

        /** Starts or stops polling every poller of the shard; returns once they have (a stop after the poll under way). */
        synchronized void lead(boolean leads) {
            if (leads == led) {
                return;
            }
            led = leads;
            if (!leads && (camel.isStopping() || camel.isStopped())) {
                return; // Camel stops every route itself
            }
            long t = System.nanoTime();
            try {
                if (leads) {
                    startOrResumePolls();
                } else {
                    suspendPolls();
                }
            } catch (Exception e) {
                LOG.warnf(
                        "The pollers of %s could not be %s: %s",
                        namespace, leads ? "started" : "suspended", e.getMessage());
            }
            LOG.debugf(
                    "%s: pollers %s in %d ms",
                    namespace, leads ? "started" : "suspended", (System.nanoTime() - t) / 1_000_000);
        }
    }
}
