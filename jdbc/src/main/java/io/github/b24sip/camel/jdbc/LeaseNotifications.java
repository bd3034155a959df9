package io.github.b24sip.camel.jdbc;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Wakes the other instances when the lease table changed in a way they act on: an instance joined (those over their
 * share hand leases over) or gave leases back (those under their share take them). PostgreSQL's {@code LISTEN}/{@code
 * NOTIFY} on the channel {@code b24sip_leases}, the payload the sender's instance id: a rebalance then waits for the
 * statements and the routes' stops, not for the next heartbeats. Only a hint: the heartbeat reads the table as before,
 * so a notification lost (the listening connection broken, the driver not PostgreSQL's) costs a heartbeat, nothing more.
 */
final class LeaseNotifications {

    static final String CHANNEL = "b24sip_leases";

    private static final Logger LOG = LoggerFactory.getLogger(LeaseNotifications.class);

    private final Supplier<DataSource> dataSource;
    private final String instance;
    private final long waitMillis;
    private final Runnable onOthersChange;
    private volatile boolean running;

    /**
     * @param waitMillis how long one wait for notifications lasts before the loop checks it should still run
     * @param onOthersChange called, on the listening thread, when another instance notified
     */
    LeaseNotifications(Supplier<DataSource> dataSource, String instance, long waitMillis, Runnable onOthersChange) {
        this.dataSource = dataSource;
        this.instance = instance;
        this.waitMillis = waitMillis;
        this.onOthersChange = onOthersChange;
    }

    /** Listens on a connection of its own, on a thread of {@code pool}, until {@link #stop}. */
    void start(ExecutorService pool) {
        running = true;
        pool.execute(this::listen);
    }

    void stop() {
        running = false;
    }

    /** Tells the other instances, on the connection of the statement that made the change (sent when it commits). */
    void tell(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, instance);
            s.execute();
        }
    }

    private void listen() {
        while (running) {
            try (Connection c = dataSource.get().getConnection()) {
                c.setAutoCommit(true);
                PGConnection pg = c.unwrap(PGConnection.class);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                while (running) {
                    PGNotification[] received = pg.getNotifications((int) waitMillis);
                    if (received != null && fromOthers(received)) {
                        LOG.debug("Lease notification to {}: {} notifications", instance, received.length);
                        onOthersChange.run();
                    }
                }
            } catch (LinkageError e) {
                LOG.debug("Lease notifications of {} off: PostgreSQL's driver is not on the class path", instance);
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.debug(
                        "Lease notifications of {} paused ({}); heartbeats alone move the leases meanwhile",
                        instance,
                        e.getClass().getSimpleName());
                pause();
            }
        }
    }

    private boolean fromOthers(PGNotification[] received) {
        for (PGNotification n : received) {
            if (!instance.equals(n.getParameter())) {
                return true;
            }
        }
        return false;
    }

    private void pause() {
        try {
            Thread.sleep(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
