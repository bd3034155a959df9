package io.github.b24sip.camel.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * One instance's statements on the lease tables ({@code b24sip_instances}, {@code b24sip_leases}): every time on the
 * database's clock, every statement counted (the lease work, for metrics and the scale-out bench), every connection
 * with a network timeout so a stalled database does not hold a heartbeat for long. {@link PgClusterService} decides
 * what to write; this class only writes and reads it.
 */
final class LeaseTable {

    /** What a heartbeat read: the instances alive, who holds which lease, and when the first foreign lease expires. */
    record Reading(Set<String> alive, Map<String, String> holders, long firstForeignExpiryMillis) {}

    private final Supplier<DataSource> dataSource;
    private final String instance;
    private final Duration leaseDuration;
    private final long aliveMillis;
    private final int networkTimeoutMillis;
    private final LeaseNotifications notifications;
    private final LongAdder statements = new LongAdder();

    /**
     * @param aliveMillis how recent an instance's heartbeat row must be for the instance to count as alive
     */
    LeaseTable(
            Supplier<DataSource> dataSource,
            String instance,
            Duration leaseDuration,
            long aliveMillis,
            int networkTimeoutMillis,
            LeaseNotifications notifications) {
        this.dataSource = dataSource;
        this.instance = instance;
        this.leaseDuration = leaseDuration;
        this.aliveMillis = aliveMillis;
        this.networkTimeoutMillis = networkTimeoutMillis;
        this.notifications = notifications;
    }

    Connection connect() throws SQLException {
        Connection c = dataSource.get().getConnection();
        // a socket read timeout: pgjdbc runs it on the socket itself, so no executor is needed
        c.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
        c.setAutoCommit(true);
        return c;
    }

    /** This instance's heartbeat row, with how many scheduled heartbeats it has run. */
    void seen(Connection c, long heartbeats) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO b24sip_instances (instance, seen_at, heartbeats) "
                        + "VALUES (?, clock_timestamp(), ?) "
                        + "ON CONFLICT (instance) DO UPDATE SET seen_at = clock_timestamp(), heartbeats = EXCLUDED.heartbeats")) {
            s.setString(1, instance);
            s.setLong(2, heartbeats);
            statements.increment();
            s.executeUpdate();
        }
    }

    /** Extends every lease this instance still holds; returns their namespaces. */
    Set<String> renew(Connection c) throws SQLException {
        Set<String> held = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("UPDATE b24sip_leases SET expires_at = clock_timestamp() + "
                + "? * interval '1 millisecond' WHERE holder = ? AND expires_at > clock_timestamp() "
                + "RETURNING namespace")) {
            s.setLong(1, leaseDuration.toMillis());
            s.setString(2, instance);
            statements.increment();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    held.add(r.getString(1));
                }
            }
        }
        return held;
    }

    /** The instances alive (this one among them) and the leases not expired. */
    Reading read(Connection c) throws SQLException {
        Set<String> members = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT instance FROM b24sip_instances "
                + "WHERE seen_at > clock_timestamp() - ? * interval '1 millisecond'")) {
            s.setLong(1, aliveMillis);
            statements.increment();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    members.add(r.getString(1));
                }
            }
        }
        members.add(instance);
        Map<String, String> leases = new HashMap<>();
        long firstForeignExpiry = Long.MAX_VALUE;
        try (PreparedStatement s = c.prepareStatement("SELECT namespace, holder, "
                + "CAST(EXTRACT(EPOCH FROM expires_at - clock_timestamp()) * 1000 AS bigint) "
                + "FROM b24sip_leases WHERE expires_at > clock_timestamp()")) {
            statements.increment();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    leases.put(r.getString(1), r.getString(2));
                    if (!instance.equals(r.getString(2))) {
                        firstForeignExpiry = Math.min(firstForeignExpiry, r.getLong(3));
                    }
                }
            }
        }
        return new Reading(Set.copyOf(members), Map.copyOf(leases), firstForeignExpiry);
    }

    /** Takes, in one statement, the namespaces whose leases are free or expired; returns those this instance holds now. */
    Set<String> acquire(Connection c, List<String> namespaces) throws SQLException {
        Set<String> taken = new HashSet<>();
        if (namespaces.isEmpty()) {
            return taken;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO b24sip_leases AS l (namespace, holder, expires_at) "
                + "SELECT ns, ?, clock_timestamp() + ? * interval '1 millisecond' FROM unnest(?::varchar[]) AS ns "
                + "ON CONFLICT (namespace) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at "
                + "WHERE l.expires_at <= clock_timestamp() RETURNING namespace")) {
            s.setString(1, instance);
            s.setLong(2, leaseDuration.toMillis());
            s.setArray(3, c.createArrayOf("varchar", namespaces.toArray()));
            statements.increment();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    taken.add(r.getString(1));
                }
            }
        }
        return taken;
    }

    void release(Connection c, String namespace) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM b24sip_leases WHERE namespace = ? AND holder = ?")) {
            s.setString(1, namespace);
            s.setString(2, instance);
            statements.increment();
            s.executeUpdate();
        }
    }

    /** This instance leaves: its leases and its row go at once, so another instance need not wait for them to expire. */
    void leave(Connection c) throws SQLException {
        try (PreparedStatement leases = c.prepareStatement("DELETE FROM b24sip_leases WHERE holder = ?");
                PreparedStatement member = c.prepareStatement("DELETE FROM b24sip_instances WHERE instance = ?")) {
            leases.setString(1, instance);
            statements.increment();
            leases.executeUpdate();
            member.setString(1, instance);
            statements.increment();
            member.executeUpdate();
        }
        tell(c);
    }

    /** Wakes the other instances (a join, leases given back): {@link LeaseNotifications}. */
    void tell(Connection c) throws SQLException {
        statements.increment();
        notifications.tell(c);
    }

    long statements() {
        return statements.sum();
    }
}
