package io.github.b24sip.app.shared;

import java.time.Duration;
import javax.sql.DataSource;

/**
 * Claims for files in a shared inbox, for the file consumer's {@code readLock=idempotent-changed}: the instance whose
 * claim is inserted reads the file, the others leave it. A claim is removed when the file is done; one left by an
 * instance that died is taken over after {@code timeout}.
 */
public final class ClaimingRepository extends JdbcIdempotentRepository {

    private final String claim;

    public ClaimingRepository(DataSource dataSource, String repository, Duration timeout) {
        super(dataSource, repository);
        this.claim = "INSERT INTO b24sip_processed AS p (repository, message_id, created_at) VALUES (?, ?, "
                + "clock_timestamp()) "
                + "ON CONFLICT (repository, message_id) DO UPDATE SET created_at = clock_timestamp() "
                + "WHERE p.created_at < clock_timestamp() - interval '" + timeout.toSeconds() + " seconds'";
    }

    @Override
    public boolean add(String key) {
        return update(claim, key) == 1;
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
}
