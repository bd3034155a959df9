package io.github.b24sip.app.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.secret.SecretSealer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Portals added at run time in PostgreSQL ({@code b24sip_portals}), shared by every instance; secrets sealed. Every
 * write takes a new revision from a sequence, so {@link #signature} (count and highest revision) changes with each
 * save and delete and instances can look for changes every few seconds for the price of one small query. Rows an
 * earlier version left in clear are sealed on the first read with a key.
 */
public final class JdbcPortalStore implements PortalStore {

    private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() {};

    private final DataSource dataSource;
    private final Supplier<SecretSealer> sealer;
    private final ObjectMapper json;

    public JdbcPortalStore(DataSource dataSource, Supplier<SecretSealer> sealer, ObjectMapper json) {
        this.dataSource = dataSource;
        this.sealer = sealer;
        this.json = json;
    }

    @Override
    public List<PortalDefinition> loadAll() {
        List<PortalDefinition> out = new ArrayList<>();
        List<PortalDefinition> reseal = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT name, source, settings FROM b24sip_portals");
                ResultSet r = s.executeQuery()) {
            SecretSealer opener = null;
            while (r.next()) {
                if (opener == null) {
                    opener = sealer.get();
                }
                String name = r.getString(1);
                Map<String, String> stored = json.readValue(r.getString(3), SETTINGS);
                PortalDefinition p = StoredPortal.read(name, r.getString(2), stored, opener);
                out.add(p);
                if (p.state() != PortalState.INVALID && SealedSettings.needsResealing(opener, stored)) {
                    reseal.add(p);
                }
            }
        } catch (SQLException e) {
            throw failure("read", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A row of b24sip_portals is not a JSON object of settings");
        }
        reseal.forEach(this::save);
        return out;
    }

    @Override
    public Optional<PortalDefinition> findByMemberId(String memberId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT name, source, settings FROM b24sip_portals WHERE member_id = ?")) {
            s.setString(1, memberId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String name = r.getString(1);
                Map<String, String> stored = json.readValue(r.getString(3), SETTINGS);
                return Optional.of(PortalDefinition.of(
                        name, SealedSettings.open(sealer.get(), name, stored), PortalSource.parse(r.getString(2))));
            }
        } catch (SQLException e) {
            throw failure("read", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A row of b24sip_portals is not a JSON object of settings");
        }
    }

    @Override
    public String signature() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT count(*), coalesce(max(revision), 0) FROM b24sip_portals");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1) + ":" + r.getLong(2);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public void save(PortalDefinition portal) {
        String settings;
        try {
            settings = json.writeValueAsString(SealedSettings.seal(sealer.get(), portal.name(), portal.settings()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the settings of portal " + portal.name());
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO b24sip_portals (name, source, member_id, "
                        + "settings, revision, updated_at) VALUES (?, ?, ?, ?, nextval('b24sip_portal_revisions'), "
                        + "now()) ON CONFLICT (name) DO UPDATE SET source = EXCLUDED.source, member_id = "
                        + "EXCLUDED.member_id, settings = EXCLUDED.settings, revision = EXCLUDED.revision, "
                        + "updated_at = now()")) {
            s.setString(1, portal.name());
            s.setString(2, portal.source().wireName());
            s.setString(3, portal.memberId());
            s.setString(4, settings);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    @Override
    public boolean delete(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM b24sip_portals WHERE name = ?")) {
            s.setString(1, name);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("delete", e);
        }
    }

    /** Says what failed without the statement's values: they hold sealed secrets. */
    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(
                "Cannot " + what + " the portals in the shared store (SQL state " + e.getSQLState() + ")");
    }

    @Override
    public String toString() {
        return "JdbcPortalStore";
    }
}
