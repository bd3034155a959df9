package io.github.b24sip.camel.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;

/**
 * The last delivered status events of one poller's things (a portal's lines, an account's registrations) as rows of
 * {@code (owner, key, event JSON)}: read all at once, replaced all at once in one transaction.
 *
 * @param <E> the event
 */
final class JdbcEventRows<E> {

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Class<E> type;
    private final ToLongFunction<E> key;
    private final String select;
    private final String delete;
    private final String insert;
    /** What the rows are, for errors: "line statuses of portal", "registration states of account". */
    private final String what;

    JdbcEventRows(
            DataSource dataSource,
            ObjectMapper json,
            Class<E> type,
            ToLongFunction<E> key,
            String table,
            String ownerColumn,
            String keyColumn,
            String what) {
        this.dataSource = dataSource;
        this.json = json;
        this.type = type;
        this.key = key;
        this.select = "SELECT event FROM " + table + " WHERE " + ownerColumn + " = ? ORDER BY " + keyColumn;
        this.delete = "DELETE FROM " + table + " WHERE " + ownerColumn + " = ?";
        this.insert = "INSERT INTO " + table + " (" + ownerColumn + ", " + keyColumn + ", event) VALUES (?, ?, ?)";
        this.what = what;
    }

    List<E> load(String owner) {
        List<E> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(select)) {
            s.setString(1, owner);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add(json.readValue(r.getString(1), type));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot read the " + what + " " + owner + " from the shared store: "
                            + e.getClass().getSimpleName(),
                    e);
        }
        return events;
    }

    void replace(String owner, Collection<E> events) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement d = c.prepareStatement(delete);
                    PreparedStatement i = c.prepareStatement(insert)) {
                d.setString(1, owner);
                d.executeUpdate();
                for (E e : events) {
                    i.setString(1, owner);
                    i.setLong(2, key.applyAsLong(e));
                    i.setString(3, json.writeValueAsString(e));
                    i.addBatch();
                }
                i.executeBatch();
                c.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot store the " + what + " " + owner + " in the shared store: "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }
}
