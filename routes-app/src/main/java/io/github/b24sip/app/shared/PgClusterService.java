package io.github.b24sip.app.shared;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Camel's cluster service on PostgreSQL, for {@code master:} endpoints: the leader of a namespace is the instance
 * holding a session-level advisory lock on it. The locks live on one connection kept open, so an instance that dies
 * (killed, or cut off) loses them as soon as the server sees its connection close, and another instance takes them
 * at its next heartbeat.
 *
 * <p>Leaderships spread over the instances alive (those that wrote their heartbeat lately): an instance takes at most
 * its fair share of the namespaces, and when more instances come it gives one away per heartbeat until it is down to
 * its share.
 */
public final class PgClusterService extends AbstractCamelClusterService<PgClusterService.View> {

    private static final Logger LOG = Logger.getLogger(PgClusterService.class);

    private final DataSource dataSource;
    private final String instance;
    private final Duration heartbeat;
    private final Map<String, View> views = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private Connection locks;

    public PgClusterService(DataSource dataSource, String instance, Duration heartbeat) {
        super("b24sip-postgresql");
        this.dataSource = dataSource;
        this.instance = instance;
        this.heartbeat = heartbeat;
    }

    @Override
    protected View createView(String namespace) {
        View view = new View(namespace);
        views.put(namespace, view);
        return view;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "b24sip-cluster");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::beat, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        }
        views.values().forEach(v -> v.lost());
        closeLocks();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM b24sip_instances WHERE instance = ?")) {
            s.setString(1, instance);
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.debugf("Could not remove instance %s from the shared store: %s", instance, e.getSQLState());
        }
        super.doStop();
    }

    /** One heartbeat: say this instance is alive, then take or give leaderships towards its fair share. */
    synchronized void beat() {
        try {
            int alive = heartbeatAndCountAlive();
            if (locks == null || !locks.isValid(2)) {
                closeLocks();
                views.values().forEach(View::lost);
                locks = dataSource.getConnection();
                locks.setAutoCommit(true);
            }
            List<View> started = new ArrayList<>(
                    views.values().stream().filter(v -> v.isRunAllowed()).toList());
            int share = (int) Math.ceil(started.size() / (double) Math.max(1, alive));
            long held = started.stream().filter(View::isLeader).count();
            if (held > share) {
                started.stream().filter(View::isLeader).findFirst().ifPresent(this::release);
                return;
            }
            for (View view : started) {
                if (held >= share) {
                    break;
                }
                if (!view.isLeader() && tryLock(view.getNamespace())) {
                    held++;
                    view.won();
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(
                    "Cluster heartbeat of %s failed (%s); leaderships are given up until it works again",
                    instance,
                    e instanceof SQLException s
                            ? "SQL state " + s.getSQLState()
                            : e.getClass().getSimpleName());
            closeLocks();
            views.values().forEach(View::lost);
        }
    }

    private int heartbeatAndCountAlive() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO b24sip_instances (instance, seen_at) VALUES (?, clock_timestamp()) "
                            + "ON CONFLICT (instance) DO UPDATE SET seen_at = clock_timestamp()")) {
                s.setString(1, instance);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM b24sip_instances WHERE seen_at > clock_timestamp() - ?::interval")) {
                s.setString(1, Math.max(5, heartbeat.toSeconds() * 3) + " seconds");
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        }
    }

    private boolean tryLock(String namespace) throws SQLException {
        try (PreparedStatement s = locks.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            s.setString(1, "b24sip:" + namespace);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    /** A view that stops gives its leadership up at once, so another instance need not wait for this one to end. */
    synchronized void stopped(View view) {
        if (view.isLeader() && locks != null) {
            unlock(view);
            view.lost();
        }
    }

    private void release(View view) {
        unlock(view);
        LOG.infof(
                "Instance %s hands %s over to another instance (more instances are alive)",
                instance, view.getNamespace());
        view.lost();
    }

    private void unlock(View view) {
        try (PreparedStatement s = locks.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            s.setString(1, "b24sip:" + view.getNamespace());
            s.executeQuery().close();
        } catch (SQLException e) {
            LOG.debugf("Could not release %s: %s", view.getNamespace(), e.getSQLState());
        }
    }

    private void closeLocks() {
        if (locks != null) {
            try {
                locks.close();
            } catch (SQLException e) {
                // the session is gone either way, and its locks with it
            }
            locks = null;
        }
    }

    /** One namespace as this instance sees it: led here or not. */
    public final class View extends AbstractCamelClusterView {

        private final Member local = new Member();
        private volatile boolean leader;

        View(String namespace) {
            super(PgClusterService.this, namespace);
        }

        void won() {
            leader = true;
            LOG.infof("Instance %s leads %s", instance, getNamespace());
            fireLeadershipChangedEvent(local);
        }

        void lost() {
            if (leader) {
                leader = false;
                fireLeadershipChangedEvent(Optional.empty());
            }
        }

        boolean isLeader() {
            return leader;
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return leader ? Optional.of(local) : Optional.empty();
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(local);
        }

        @Override
        protected void doStop() throws Exception {
            stopped(this);
            lost();
            super.doStop();
        }

        private final class Member implements CamelClusterMember {
            @Override
            public boolean isLeader() {
                return leader;
            }

            @Override
            public boolean isLocal() {
                return true;
            }

            @Override
            public String getId() {
                return instance;
            }
        }
    }
}
