package io.github.b24sip.app.shared;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Claims for files in a shared inbox, for the file consumer's {@code readLock=idempotent}: the instance whose claim
 * is inserted reads the file, the others leave it. A claim is removed when the file is done; one left by an instance
 * that died is taken over after {@code timeout}.
 */
public final class ClaimingRepository extends ServiceSupport implements IdempotentRepository {

    private final DataSource dataSource;
    private final String repository;
    private final Duration timeout;

    public ClaimingRepository(DataSource dataSource, String repository, Duration timeout) {
        this.dataSource = dataSource;
        this.repository = repository;
        this.timeout = timeout;
    }

    @Override
    public boolean add(String key) {
        String sql = "INSERT INTO b24sip_processed AS p (repository, message_id, created_at) VALUES (?, ?, clock_timestamp()) "
                + "ON CONFLICT (repository, message_id) DO UPDATE SET created_at = clock_timestamp() "
                + "WHERE p.created_at < clock_timestamp() - ?::interval";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, repository);
            s.setString(2, key);
            s.setString(3, timeout.toSeconds() + " seconds");
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot claim a file in the shared store (SQL state " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public boolean contains(String key) {
        return false;
    }

    @Override
    public boolean remove(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM b24sip_processed WHERE repository = ? AND message_id = ?")) {
            s.setString(1, repository);
            s.setString(2, key);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot release a file claim in the shared store (SQL state " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        // claims are released one by one
    }
}
