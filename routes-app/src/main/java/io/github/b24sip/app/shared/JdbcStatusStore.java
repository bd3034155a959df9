package io.github.b24sip.app.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.camel.bitrix24.client.StatusStore;
import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The last known status of each cloud line of one portal, in PostgreSQL: what the poller that takes the portal over
 * compares with, and what {@code /api/lines} shows on every instance. Rows hold the status events as JSON (no
 * password is in them).
 */
public final class JdbcStatusStore implements StatusStore {

    private final DataSource dataSource;
    private final String portal;
    private final ObjectMapper json;

    public JdbcStatusStore(DataSource dataSource, String portal, ObjectMapper json) {
        this.dataSource = dataSource;
        this.portal = portal;
        this.json = json;
    }

    @Override
    public Map<Integer, SipLineStatusEvent> load(String portalUrl) {
        Map<Integer, SipLineStatusEvent> lines = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT config_id, event FROM b24sip_line_status WHERE portal = ? ORDER BY config_id")) {
            s.setString(1, portal);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    lines.put(r.getInt(1), json.readValue(r.getString(2), SipLineStatusEvent.class));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot read the line statuses of portal " + portal + " from the shared store: "
                            + e.getClass().getSimpleName(),
                    e);
        }
        return lines;
    }

    /** Every portal's stored statuses in one query, by portal name, each portal's lines by CONFIG_ID. */
    public static Map<String, List<SipLineStatusEvent>> loadAll(DataSource dataSource, ObjectMapper json) {
        Map<String, List<SipLineStatusEvent>> portals = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT portal, event FROM b24sip_line_status ORDER BY portal, config_id");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                portals.computeIfAbsent(r.getString(1), p -> new ArrayList<>())
                        .add(json.readValue(r.getString(2), SipLineStatusEvent.class));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot read the line statuses from the shared store: "
                            + e.getClass().getSimpleName(),
                    e);
        }
        return portals;
    }

    @Override
    public void replace(String portalUrl, Collection<SipLineStatusEvent> lastKnown) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM b24sip_line_status WHERE portal = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO b24sip_line_status (portal, config_id, event) VALUES (?, ?, ?)")) {
                delete.setString(1, portal);
                delete.executeUpdate();
                for (SipLineStatusEvent e : lastKnown) {
                    insert.setString(1, portal);
                    insert.setInt(2, e.configId());
                    insert.setString(3, json.writeValueAsString(e));
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot store the line statuses of portal " + portal + " in the shared store: "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }
}
