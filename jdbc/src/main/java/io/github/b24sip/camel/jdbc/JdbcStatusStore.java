package io.github.b24sip.camel.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.github.b24sip.camel.bitrix24.spi.StatusStore;

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

    private final String portal;
    private final JdbcEventRows<SipLineStatusEvent> rows;

    public JdbcStatusStore(DataSource dataSource, String portal, ObjectMapper json) {
        this.portal = portal;
        this.rows = new JdbcEventRows<>(
                dataSource,
                json,
                SipLineStatusEvent.class,
                SipLineStatusEvent::configId,
                "b24sip_line_status",
                "portal",
                "config_id",
                "line statuses of portal");
    }

    @Override
    public Map<Integer, SipLineStatusEvent> load(String portalUrl) {
        Map<Integer, SipLineStatusEvent> lines = new LinkedHashMap<>();
        rows.load(portal).forEach(e -> lines.put(e.configId(), e));
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
        rows.replace(portal, lastKnown);
    }
}
