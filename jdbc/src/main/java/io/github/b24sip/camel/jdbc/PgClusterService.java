package io.github.b24sip.camel.jdbc;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Camel's cluster service on PostgreSQL, for {@code master:} endpoints: the leader of a namespace is the instance
 * holding its lease, a row of {@code b24sip_leases} with an expiry on the database's clock. The leader renews its
 * leases every heartbeat; another instance takes a namespace only once its lease has expired.
 *
 * <p>A leader that cannot renew (the database stalls, the network drops) gives its leaderships up on its own clock
 * once {@code renewDeadline} has passed since it sent its last renewal that worked, so its {@code master:} routes stop
 * before the lease ({@code leaseDuration} from that renewal, on the database's clock) lets another instance in. Every
 * JDBC call has a network timeout, so a stalled database does not hold the heartbeat for long either. The same model
 * as Kubernetes' leader election (lease duration, renew deadline, retry period).
 *
 * <p>None of its threads waits on another: the heartbeat (JDBC), the deadline watch, and the leadership events (a few
 * threads, which start and stop routes, and may take a while): a route starting never delays a renewal. A leadership
 * handed to another instance keeps its lease until its routes have stopped.
 *
 * <p>Leaderships spread over the instances alive (those that wrote their heartbeat within a lease duration less a
 * heartbeat, so a dead instance's leases are found about to expire, and taken as soon as they do): an
 * instance takes at most its fair share of the namespaces. When more instances come it hands every lease over its share
 * over in one heartbeat and gives each back as soon as its routes have stopped; a joining instance takes up to its
 * share of the free leases in one statement at its next heartbeat. Leases held stay held, so a join moves only what
 * must move. The lease work grows with the namespaces and instances, so the routes app keeps namespaces few: one per
 * shard of portals, not one per portal. A join and a release are also told to the other instances at once
 * ({@link LeaseNotifications}), so a rebalance need not wait for their heartbeats.
 *
 * <p>Split by role: this class runs the heartbeat and the views (the leadership of each namespace, its events on a
 * pool of their own, the renew deadline); {@link LeaseTable} holds the statements, {@link FairShare} the shares and the
 * order of asking, {@link LeaseNotifications} the wake-ups.
 */
public final class PgClusterService extends AbstractCamelClusterService<PgClusterService.View> {

    private static final Logger LOG = LoggerFactory.getLogger(PgClusterService.class);
    /**
     * Namespaces whose leadership events run at the same time: the first start of a shard's 31 pollers takes a second or
     * more on busy cores (bench scale-out), and a hand-over queued behind them would hold its lease that much longer.
     */
    private static final int EVENT_THREADS = 16;

    private final Supplier<DataSource> dataSource;
    private final String instance;
    private final Duration heartbeat;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Map<String, View> views = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private ExecutorService events;
    private ExecutorService listener;
    private final LeaseNotifications notifications;
    private final LeaseTable table;
    /** This instance has told the others it joined. */
    private volatile boolean announced;
    /** Until when (System.nanoTime) the leases held here are surely still this instance's. */
    private volatile long validUntilNanos;
    /** The instances alive and who holds which lease, as the last heartbeat read them. */
    private volatile Set<String> alive = Set.of();

    private volatile Map<String, String> holders = Map.of();
    /** In how many milliseconds the first lease another instance holds expires, as the last heartbeat read it. */
    private volatile long nextForeignExpiryMillis = Long.MAX_VALUE;
    /** Held by the heartbeat running: heartbeats never overlap. */
    private final Object beating = new Object();
    /** An extra heartbeat is queued. */
    private final AtomicBoolean beatRequested = new AtomicBoolean();
    /**
     * The heartbeats the schedule ran (not the extra ones), written with the instance's row: the unit a rebalance is
     * measured in.
     */
    private final AtomicLong heartbeats = new AtomicLong();

    public PgClusterService(
            Supplier<DataSource> dataSource,
            String instance,
            Duration heartbeat,
            Duration leaseDuration,
            Duration renewDeadline) {
        super("b24sip-postgresql");
        if (renewDeadline.compareTo(leaseDuration) >= 0 || heartbeat.compareTo(renewDeadline) >= 0) {
            throw new IllegalArgumentException("b24sip.cluster: heartbeat (" + heartbeat + ") < renew-deadline ("
                    + renewDeadline + ") < lease-duration (" + leaseDuration + ") is required");
        }
        this.dataSource = dataSource;
        this.instance = instance;
        this.heartbeat = heartbeat;
        this.leaseDuration = leaseDuration;
        this.renewDeadline = renewDeadline;
        this.notifications = new LeaseNotifications(dataSource, instance, heartbeat.toMillis(), this::beatSoon);
        this.table = new LeaseTable(
                dataSource,
                instance,
                leaseDuration,
                // alive until about a heartbeat before its leases would expire (never less than the renew deadline,
                // after which a silent instance has stopped its pollers on its own): the others then count it out,
                // find its leases about to expire and take them right after they do (beatAtForeignExpiry)
                Math.max(
                        renewDeadline.toMillis(), leaseDuration.minus(heartbeat).toMillis()),
                // a statement answers within a third of the deadline, or the heartbeat fails
                (int) Math.max(200, renewDeadline.toMillis() / 3),
                notifications);
    }

    @Override
    protected View createView(String namespace) {
        View view = new View(namespace);
        views.put(namespace, view);
        // an instance can lead once its views are open: it counts itself in at once, not a heartbeat later
        beatSoon();
        return view;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (dataSource.get() == null) {
            return;
        }
        var pools = getCamelContext().getExecutorServiceManager();
        scheduler = pools.newScheduledThreadPool(this, "b24sip-cluster", 2);
        events = pools.newFixedThreadPool(this, "b24sip-cluster-events", EVENT_THREADS);
        scheduler.scheduleWithFixedDelay(
                () -> {
                    heartbeats.incrementAndGet();
                    beat();
                },
                0,
                heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
        long watch = Math.max(50, heartbeat.toMillis() / 4);
        scheduler.scheduleWithFixedDelay(this::watchDeadline, watch, watch, TimeUnit.MILLISECONDS);
        listener = pools.newSingleThreadExecutor(this, "b24sip-cluster-notifications");
        notifications.start(listener);
    }

    @Override
    protected void doStop() throws Exception {
        if (scheduler == null) {
            super.doStop();
            return;
        }
        var pools = getCamelContext().getExecutorServiceManager();
        notifications.stop();
        pools.shutdownNow(listener);
        pools.shutdownNow(scheduler);
        scheduler = null;
        synchronized (this) {
            views.values().forEach(View::lose);
        }
        pools.shutdownGraceful(events, 10_000);
        events = null;
        // leases given back at once, so another instance need not wait for them to expire
        try (Connection c = table.connect()) {
            table.leave(c);
        } catch (SQLException e) {
            LOG.debug("Could not remove instance {} from the shared store: {}", instance, e.getSQLState());
        }
        super.doStop();
    }

    /**
     * One heartbeat: say this instance is alive, renew its leases, then move towards its share in one step: every lease
     * over the share is handed over at once, or every free lease up to the share is taken in one statement. Leases kept
     * stay kept (sticky), so a join moves only what must move. Heartbeats never overlap: an extra one runs as soon as a
     * hand-over's routes have stopped, to give its lease back without waiting for the next.
     */
    void beat() {
        beatRequested.set(false);
        synchronized (beating) {
            beatOnce();
        }
    }

    private void beatOnce() {
        long started = System.nanoTime();
        try (Connection c = table.connect()) {
            try {
                List<View> running =
                        views.values().stream().filter(View::isRunAllowed).toList();
                if (!running.isEmpty()) {
                    // alive, and so counted in the others' shares, only once it can lead: an instance whose views are
                    // not open yet (its routes still being added) would leave its share unpolled meanwhile
                    table.seen(c, heartbeats.get());
                    if (!announced) {
                        // those over their share hand leases over now, not at their next heartbeat
                        table.tell(c);
                        announced = true;
                    }
                }
                releaseHandedOver(c);
                Set<String> renewed = table.renew(c);
                // a lease being handed over is still this instance's until its routes stopped, but not led here
                renewed.removeIf(ns -> views.containsKey(ns) && views.get(ns).handingOver);
                LeaseTable.Reading read = table.read(c);
                alive = read.alive();
                holders = read.holders();
                nextForeignExpiryMillis = read.firstForeignExpiryMillis();
                int share = FairShare.of(running.size(), alive, instance);
                List<View> won = new ArrayList<>();
                Set<View> given = new HashSet<>();
                if (renewed.size() > share) {
                    // released only once their routes have stopped (handOver), so their pollers have finished and
                    // committed before another instance can take them. Those whose routes are still starting go last:
                    // their hand-over would wait for the start (seconds, on an instance that just joined)
                    running.stream()
                            .filter(v -> renewed.contains(v.getNamespace()))
                            .sorted(Comparator.comparing((View v) -> v.changing)
                                    .thenComparing(View::getNamespace, Comparator.reverseOrder()))
                            .limit(renewed.size() - share)
                            .forEach(given::add);
                } else if (renewed.size() < share) {
                    Map<String, String> held = holders;
                    List<String> free = FairShare.preferred(
                                    running.stream()
                                            .filter(v -> !v.handingOver && !renewed.contains(v.getNamespace()))
                                            .map(View::getNamespace)
                                            .filter(ns -> !held.containsKey(ns))
                                            .toList(),
                                    alive,
                                    instance)
                            .stream()
                            .limit(share - renewed.size())
                            .toList();
                    Set<String> taken = table.acquire(c, free);
                    running.stream()
                            .filter(v -> taken.contains(v.getNamespace()))
                            .forEach(won::add);
                    if (renewed.size() + taken.size() < share) {
                        beatAtForeignExpiry();
                    }
                }
                LOG.debug(
                        "Heartbeat of {}: {} alive, share {}, renewed {}, won {}, handing over {}",
                        instance,
                        alive.size(),
                        share,
                        renewed.size(),
                        won.size(),
                        given.size());
                apply(started, renewed, won, given);
            } finally {
                // the connection goes back to the pool as it came
                c.setNetworkTimeout(Runnable::run, 0);
            }
        } catch (Exception e) {
            LOG.warn(
                    "Cluster heartbeat of {} failed ({}); its leaderships end at the renew deadline unless a "
                            + "heartbeat works before",
                    instance,
                    e instanceof SQLException s
                            ? "SQL state " + s.getSQLState()
                            : e.getClass().getSimpleName());
        }
    }

    /** Asks for a heartbeat now (a hand-over's routes have stopped), unless one is already asked for. */
    private void beatSoon() {
        ScheduledExecutorService s = scheduler;
        if (s != null && beatRequested.compareAndSet(false, true)) {
            try {
                s.execute(this::beat);
            } catch (RuntimeException e) {
                beatRequested.set(false); // stopping: the lease is deleted by doStop
            }
        }
    }

    /**
     * Below its share, and another instance's lease expires before the next heartbeat: a holder renews every heartbeat,
     * so that holder has been silent for most of a lease duration. One extra heartbeat just after the expiry takes the
     * lease then rather than up to a heartbeat later, so a killed instance's pollers run again within the lease
     * duration and one poll interval.
     */
    private void beatAtForeignExpiry() {
        long in = nextForeignExpiryMillis;
        ScheduledExecutorService s = scheduler;
        if (s != null && in < heartbeat.toMillis()) {
            try {
                s.schedule(this::beat, Math.max(0, in) + 10, TimeUnit.MILLISECONDS);
                LOG.debug("Heartbeat of {}: an extra one in {} ms, when a lease it may take expires", instance, in);
            } catch (RuntimeException e) {
                // stopping
            }
        }
    }

    /** How many SQL statements this instance's heartbeats have sent since it started. */
    public long leaseStatements() {
        return table.statements();
    }

    /** The instance leading a namespace, as the last heartbeat read the leases; empty when none does. */
    public Optional<String> leaderOf(String namespace) {
        View view = views.get(namespace);
        if (view != null && view.isLeader()) {
            return Optional.of(instance);
        }
        return Optional.ofNullable(holders.get(namespace));
    }

    /**
     * Gives back the leases handed over whose routes have stopped. Only the heartbeat writes leases, so a lease is never
     * renewed after its release, nor taken for a leadership here between a hand-over and its release.
     */
    private void releaseHandedOver(Connection c) throws SQLException {
        boolean released = false;
        for (View view : views.values()) {
            if (view.handingOver && view.routesStopped) {
                table.release(c, view.getNamespace());
                view.routesStopped = false;
                view.handingOver = false;
                released = true;
            }
        }
        if (released) {
            // those under their share take them now, not at their next heartbeat
            table.tell(c);
        }
    }

    /** What a heartbeat found, applied to the views, unless the heartbeat itself took past the deadline. */
    private synchronized void apply(long started, Set<String> renewed, List<View> won, Set<View> given) {
        long deadline = started + renewDeadline.toNanos();
        if (System.nanoTime() >= deadline) {
            LOG.warn(
                    "Cluster heartbeat of {} took past the renew deadline ({}); leaderships given up",
                    instance,
                    renewDeadline);
            views.values().forEach(View::lose);
            return;
        }
        validUntilNanos = deadline;
        for (View view : views.values()) {
            boolean leads = renewed.contains(view.getNamespace()) && !given.contains(view) || won.contains(view);
            if (leads) {
                view.win();
            } else {
                if (given.contains(view) && view.isLeader()) {
                    LOG.info(
                            "Instance {} hands {} over to another instance (more instances are alive)",
                            instance,
                            view.getNamespace());
                    view.handOver();
                } else {
                    view.lose();
                }
            }
        }
    }

    /** Runs often, on a thread of its own: past the deadline, every leadership here ends, whatever the heartbeat does. */
    synchronized void watchDeadline() {
        if (System.nanoTime() < validUntilNanos) {
            return;
        }
        boolean led = false;
        for (View view : views.values()) {
            led |= view.isLeader();
            view.lose();
        }
        if (led) {
            LOG.warn(
                    "Instance {} could not renew its leases within {}; its master routes stop before another "
                            + "instance can take them",
                    instance,
                    renewDeadline);
        }
    }

    /** A view that stops gives its lease back at once, so another instance need not wait for it to expire. */
    void stopped(View view) {
        boolean led;
        synchronized (this) {
            led = view.isLeader();
            view.lose();
        }
        if (!led || scheduler == null) {
            return;
        }
        try (Connection c = table.connect()) {
            table.release(c, view.getNamespace());
            table.tell(c);
        } catch (SQLException e) {
            LOG.debug("Could not release {}: {}", view.getNamespace(), e.getSQLState());
        }
    }

    /**
     * Leadership events start and stop routes: on a small pool of their own, never on the heartbeat's thread; each
     * namespace's events in order, different namespaces' side by side (a route takes seconds to start, and a hand-over
     * queued behind every other namespace's start would hold its lease that much longer). {@code then} runs once the
     * routes have started or stopped. An event the namespace's leadership has changed back from while it waited is
     * skipped: the listeners see only changes that still hold. Called with the service's lock held.
     */
    private void announce(View view, boolean leads, Runnable then) {
        ExecutorService out = events;
        Runnable event = () -> {
            if (leads != view.leader) {
                // overtaken while queued (a shard won, then handed over before its routes began to start): its routes
                // are left as they are, so a hand-over does not wait for a start nobody needs any more
                then.run();
                return;
            }
            long t = System.nanoTime();
            view.changing = true;
            try {
                view.fireChange(leads);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Leadership of {}: its routes failed to {}: {}",
                        view.getNamespace(),
                        leads ? "start" : "stop",
                        e.getMessage());
            }
            long ms = (System.nanoTime() - t) / 1_000_000;
            if (ms > 1000) {
                LOG.info(
                        "Leadership of {}: its routes took {} ms to {}",
                        view.getNamespace(),
                        ms,
                        leads ? "start" : "stop");
            }
            view.changing = false;
            then.run();
        };
        if (out == null) {
            event.run();
        } else {
            view.lastEvent = view.lastEvent.thenRunAsync(event, out);
        }
    }

    /** One namespace as this instance sees it: led here or not. */
    public final class View extends AbstractCamelClusterView {

        private final Member local = new Member(instance);
        private volatile boolean leader;
        /** The last leadership event queued for this namespace: the next one runs after it. */
        private CompletableFuture<Void> lastEvent = CompletableFuture.completedFuture(null);
        /** Between a hand-over and the release of its lease (by the heartbeat). */
        private volatile boolean handingOver;
        /** A hand-over's routes have stopped: the next heartbeat releases the lease. */
        private volatile boolean routesStopped;
        /** A leadership event of this namespace is running: its routes are starting or stopping. */
        private volatile boolean changing;

        View(String namespace) {
            super(PgClusterService.this, namespace);
        }

        /** Called with the service's lock held. */
        void win() {
            if (!leader) {
                leader = true;
                LOG.info("Instance {} leads {}", instance, getNamespace());
                announce(this, true, () -> {});
            }
        }

        /** Called with the service's lock held. */
        void lose() {
            if (leader) {
                leader = false;
                LOG.info("Instance {} no longer leads {}", instance, getNamespace());
                announce(this, false, () -> {});
            }
        }

        /**
         * Leadership given away while the lease is still valid: the lease goes back only after the routes stopped, so
         * two instances never run this namespace's routes at once. Called with the service's lock held.
         */
        void handOver() {
            if (leader) {
                leader = false;
                handingOver = true;
                LOG.info("Instance {} no longer leads {}", instance, getNamespace());
                announce(this, false, () -> {
                    routesStopped = true;
                    beatSoon();
                });
            }
        }

        private void fireChange(boolean leads) {
            if (leads) {
                fireLeadershipChangedEvent(local);
            } else {
                fireLeadershipChangedEvent(Optional.empty());
            }
        }

        boolean isLeader() {
            return leader;
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            if (leader) {
                return Optional.of(local);
            }
            String holder = holders.get(getNamespace());
            return holder == null || holder.equals(instance) ? Optional.empty() : Optional.of(new Member(holder));
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        /** The instances alive at the last heartbeat, this one first. */
        @Override
        public List<CamelClusterMember> getMembers() {
            List<CamelClusterMember> members = new ArrayList<>();
            members.add(local);
            alive.stream().filter(m -> !m.equals(instance)).sorted().forEach(m -> members.add(new Member(m)));
            return members;
        }

        @Override
        protected void doStop() throws Exception {
            stopped(this);
            super.doStop();
        }

        private final class Member implements CamelClusterMember {
            private final String id;

            Member(String id) {
                this.id = id;
            }

            @Override
            public boolean isLeader() {
                return id.equals(instance) ? leader : id.equals(holders.get(getNamespace()));
            }

            @Override
            public boolean isLocal() {
                return id.equals(instance);
            }

            @Override
            public String getId() {
                return id;
            }
        }
    }
}
