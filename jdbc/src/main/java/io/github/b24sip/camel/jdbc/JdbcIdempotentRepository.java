package io.github.b24sip.camel.jdbc;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A Camel idempotent repository in PostgreSQL, one namespace ({@code repository}) per use: a key is added by exactly
 * one instance ({@code INSERT ... ON CONFLICT DO NOTHING} tells which), so a CSV file or a command id is taken once
 * across all of them.
 */
public class JdbcIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    protected final DataSource dataSource;
    protected final String repository;

    public JdbcIdempotentRepository(DataSource dataSource, String repository) {
        this.dataSource = dataSource;
        this.repository = repository;
    }

    @Override
    public boolean add(String key) {
        return update("INSERT INTO b24sip_processed (repository, message_id) VALUES (?, ?) ON CONFLICT DO NOTHING", key)
                == 1;
    }

    @Override
    public boolean contains(String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT 1 FROM b24sip_processed WHERE repository = ? AND message_id = ?")) {
            s.setString(1, repository);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public boolean remove(String key) {
        return update("DELETE FROM b24sip_processed WHERE repository = ? AND message_id = ?", key) == 1;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        update("DELETE FROM b24sip_processed WHERE repository = ?", null);
    }

    /** Runs a statement whose first parameter is the repository and second, when given, the key. */
    protected int update(String sql, String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, repository);
            if (key != null) {
                s.setString(2, key);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private IllegalStateException failure(SQLException e) {
        return new IllegalStateException(
                "The shared store's '" + repository + "' records failed (SQL state " + e.getSQLState() + ")", e);
    }

    @Override
    public String toString() {
        return "JdbcIdempotentRepository[" + repository + "]";
    }
}
