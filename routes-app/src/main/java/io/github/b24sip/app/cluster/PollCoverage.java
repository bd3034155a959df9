package io.github.b24sip.app.cluster;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.cluster.PollerShards.Kind;
import io.github.b24sip.app.cluster.PollerShards.Poller;
import io.github.b24sip.camel.jdbc.PgClusterService;
import io.github.b24sip.camel.status.StatusPollConsumer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.cluster.CamelClusterService;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether every portal and account is polled by somebody. Two gauges per kind: {@code b24sip_pollers_led}, the pollers
 * this instance runs, and {@code b24sip_pollers_unpolled}, those no instance has begun a poll of within three
 * intervals ({@code b24sip.status.delay}), which every instance computes alike from the shared table
 * {@code b24sip_polls}: each instance writes there, once a period and in one statement, when its pollers last began a
 * poll, and counts the pollers with a recent row. Alone, it counts from its own pollers. A poller registered less than
 * three intervals ago is not counted yet: it may not have had its first turn.
 */
@ApplicationScoped
public class PollCoverage {

    private static final Logger LOG = Logger.getLogger(PollCoverage.class);

    @Inject
    PollerShards shards;

    @Inject
    SharedStore shared;

    @Inject
    AppConfig config;

    @Inject
    CamelContext camel;

    @Inject
    MeterRegistry registry;

    @Inject
    @Named("b24sipClusterService")
    CamelClusterService cluster;

    private final Map<Kind, Integer> unpolled = new EnumMap<>(Kind.class);
    /** When each poller was first seen here: the grace before it counts as unpolled. */
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    /** The last poll of each poller written to the table, so a period writes only what moved. */
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    private ScheduledExecutorService timer;

    void onStart(@Observes StartupEvent start) {
        for (Kind kind : Kind.values()) {
            String tag = kind.name().toLowerCase();
            unpolled.put(kind, 0);
            Gauge.builder("b24sip.pollers.led", shards, s -> s.ledHere(kind).size())
                    .description("Pollers this instance runs (portals' line statuses, accounts' registrations)")
                    .tag("kind", tag)
                    .register(registry);
            Gauge.builder("b24sip.pollers.unpolled", this, c -> c.unpolled(kind))
                    .description("Pollers no instance has begun a poll of within three status intervals")
                    .tag("kind", tag)
                    .register(registry);
        }
        if (cluster instanceof PgClusterService pg) {
            FunctionCounter.builder("b24sip.cluster.statements", pg, PgClusterService::leaseStatements)
                    .description("SQL statements the cluster heartbeats sent (leases, instances alive)")
                    .register(registry);
        }
        long period = period().toMillis();
        timer = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "b24sip-poll-coverage");
        timer.scheduleWithFixedDelay(this::refresh, period, period, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (timer != null) {
            camel.getExecutorServiceManager().shutdownNow(timer);
        }
    }

    /** Pollers of this kind that nobody has polled lately, as of the last refresh. */
    public synchronized int unpolled(Kind kind) {
        return unpolled.getOrDefault(kind, 0);
    }

    /** A third of an interval, between 1 s and 10 s: fresh enough for a gauge read every 15 s, cheap at any fleet. */
    private Duration period() {
        long third = config.status().delay().toMillis() / 3;
        return Duration.ofMillis(Math.max(1000, Math.min(10_000, third)));
    }

    private Duration stale() {
        return config.status().delay().multipliedBy(3);
    }

    void refresh() {
        try {
            Instant now = Instant.now();
            Map<Kind, Integer> counted = new EnumMap<>(Kind.class);
            if (shared.enabled()) {
                Map<Kind, Integer> fresh = writeAndCount(now);
                for (Kind kind : Kind.values()) {
                    long due =
                            shards.all(kind).stream().filter(p -> due(p, now)).count();
                    counted.put(kind, (int) Math.max(0, due - fresh.getOrDefault(kind, 0)));
                }
            } else {
                for (Kind kind : Kind.values()) {
                    counted.put(kind, (int) shards.all(kind).stream()
                            .filter(p -> due(p, now))
                            .filter(p -> lastPoll(p)
                                    .map(t -> t.isBefore(now.minus(stale())))
                                    .orElse(true))
                            .count());
                }
            }
            synchronized (this) {
                unpolled.putAll(counted);
            }
            forgetRemoved();
        } catch (SQLException e) {
            LOG.warnf("Poll coverage not refreshed (SQL state %s); the gauges keep their last values", e.getSQLState());
        } catch (RuntimeException e) {
            LOG.warnf("Poll coverage not refreshed: %s", e.getMessage());
        }
    }

    /** Pollers removed since (portals gone) leave nothing behind here. */
    private void forgetRemoved() {
        Set<String> registered = new HashSet<>();
        for (Kind kind : Kind.values()) {
            shards.all(kind).forEach(p -> registered.add(p.routeId()));
        }
        firstSeen.keySet().retainAll(registered);
        written.keySet().retainAll(registered);
    }

    /** Registered long enough ago that it should have polled. */
    private boolean due(Poller p, Instant now) {
        return firstSeen.computeIfAbsent(p.routeId(), id -> now).isBefore(now.minus(stale()));
    }

    private Optional<Instant> lastPoll(Poller p) {
        Route route = camel.getRoute(p.routeId());
        return route != null && route.getConsumer() instanceof StatusPollConsumer<?, ?> consumer
                ? consumer.lastPollAttempt()
                : Optional.empty();
    }

    /** Writes this instance's new polls in one statement, then counts per kind the pollers polled lately. */
    private Map<Kind, Integer> writeAndCount(Instant now) throws SQLException {
        List<String> kinds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Long> ages = new ArrayList<>();
        List<Runnable> commits = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (Poller p : shards.ledHere(kind)) {
                Optional<Instant> polled = lastPoll(p);
                if (polled.isPresent() && !polled.get().equals(written.get(p.routeId()))) {
                    kinds.add(kind.name());
                    names.add(p.name());
                    ages.add(Math.max(0, Duration.between(polled.get(), now).toMillis()));
                    Instant t = polled.get();
                    commits.add(() -> written.put(p.routeId(), t));
                }
            }
        }
        Map<Kind, Integer> fresh = new EnumMap<>(Kind.class);
        try (Connection c = shared.dataSource().getConnection()) {
            if (!names.isEmpty()) {
                // the poll's time on the database's clock: its age here, taken from the database's now
                try (PreparedStatement s =
                        c.prepareStatement("INSERT INTO b24sip_polls (kind, name, instance, polled_at) "
                                + "SELECT k, n, ?, clock_timestamp() - a * interval '1 millisecond' "
                                + "FROM unnest(?::varchar[], ?::varchar[], ?::bigint[]) AS t(k, n, a) "
                                + "ON CONFLICT (kind, name) DO UPDATE SET instance = EXCLUDED.instance, "
                                + "polled_at = EXCLUDED.polled_at")) {
                    s.setString(1, shared.instance());
                    s.setArray(2, c.createArrayOf("varchar", kinds.toArray()));
                    s.setArray(3, c.createArrayOf("varchar", names.toArray()));
                    s.setArray(4, c.createArrayOf("bigint", ages.toArray()));
                    s.executeUpdate();
                }
                commits.forEach(Runnable::run);
            }
            try (PreparedStatement s = c.prepareStatement("SELECT kind, count(*) FROM b24sip_polls "
                    + "WHERE polled_at > clock_timestamp() - ? * interval '1 millisecond' GROUP BY kind")) {
                s.setLong(1, stale().toMillis());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        fresh.put(Kind.valueOf(r.getString(1)), r.getInt(2));
                    }
                }
            }
        }
        return fresh;
    }
}
