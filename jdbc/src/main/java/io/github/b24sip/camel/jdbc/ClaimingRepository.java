package io.github.b24sip.camel.jdbc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Claims for files in a shared inbox, for the file consumer's {@code readLock=idempotent-changed}: the instance whose
 * claim is inserted reads the file, the others leave it. While this instance holds a claim it renews it every third of
 * {@code timeout}, so a file that takes longer than that to apply stays this instance's; a claim left by an instance
 * that died (no longer renewed) is taken over after {@code timeout}. A claim is removed when the file is done.
 */
public final class ClaimingRepository extends JdbcIdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimingRepository.class);

    private final String claim;
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public ClaimingRepository(
            DataSource dataSource, String repository, Duration timeout, ScheduledExecutorService renewals) {
        super(dataSource, repository);
        this.claim = "INSERT INTO b24sip_processed AS p (repository, message_id, created_at) VALUES (?, ?, "
                + "clock_timestamp()) "
                + "ON CONFLICT (repository, message_id) DO UPDATE SET created_at = clock_timestamp() "
                + "WHERE p.created_at < clock_timestamp() - interval '" + timeout.toSeconds() + " seconds'";
        long every = Math.max(100, timeout.toMillis() / 3);
        renewals.scheduleWithFixedDelay(this::renewHeld, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean add(String key) {
        boolean claimed = update(claim, key) == 1;
        LOG.debug("claim of {}: {}", key, claimed ? "taken" : "held by another instance");
        if (claimed) {
            held.add(key);
        }
        return claimed;
    }

    /**
     * Releases a claim this instance holds; a claim of another instance is left alone. Camel's read lock removes the
     * key on rollback, including after an attempt that found the file claimed elsewhere: deleting by key alone would
     * then free another instance's claim, and a third poll would apply the file a second time beside it.
     */
    @Override
    public boolean remove(String key) {
        if (!held.remove(key)) {
            return false;
        }
        return super.remove(key);
    }

    /** A claim is taken by {@link #add}; nothing is ever "already there" to the read lock. */
    @Override
    public boolean contains(String key) {
        return false;
    }

    /** Claims are released one by one, never all at once. */
    @Override
    public void clear() {
        // nothing
    }

    /** Moves every claim held here to now, so none reaches the timeout while its file is being applied. */
    void renewHeld() {
        if (held.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE b24sip_processed SET created_at = clock_timestamp() "
                        + "WHERE repository = ? AND message_id = ANY(?)")) {
            Array keys = c.createArrayOf("varchar", held.toArray());
            s.setString(1, repository);
            s.setArray(2, keys);
            s.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warn(
                    "Renewing {} CSV claims failed ({}); retried at the next renewal",
                    held.size(),
                    e instanceof SQLException s
                            ? "SQL state " + s.getSQLState()
                            : e.getClass().getSimpleName());
        }
    }
}
