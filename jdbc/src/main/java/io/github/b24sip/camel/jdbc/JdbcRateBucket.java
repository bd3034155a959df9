package io.github.b24sip.camel.jdbc;

import io.github.b24sip.camel.bitrix24.spi.SharedRateBucket;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Each portal's leaky bucket in one PostgreSQL row, filled by every instance's requests: one statement drains it by
 * the time passed (the database's clock, so instances need not agree on theirs), adds the request and returns the
 * level, with the row locked for that statement only.
 */
public final class JdbcRateBucket implements SharedRateBucket {

    private static final String ADD =
            "INSERT INTO b24sip_rate_buckets AS b (portal, level, updated_at) VALUES (?, 1, clock_timestamp()) "
                    + "ON CONFLICT (portal) DO UPDATE SET level = GREATEST(0, b.level - EXTRACT(EPOCH FROM "
                    + "(clock_timestamp() - b.updated_at)) * ?) + 1, "
                    + "updated_at = clock_timestamp() RETURNING level";

    private final DataSource dataSource;

    public JdbcRateBucket(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public double add(String portalUrl, double drainPerSecond) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(ADD)) {
            s.setString(1, portalUrl);
            s.setDouble(2, drainPerSecond);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getDouble(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "The shared rate bucket of " + portalUrl + " cannot be read (SQL state " + e.getSQLState() + ")",
                    e);
        }
    }
}
