package io.github.b24sip.camel.jdbc;

import io.github.b24sip.camel.bitrix24.spi.TokenPair;
import io.github.b24sip.camel.bitrix24.spi.TokenStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * OAuth token pairs in PostgreSQL, shared by every instance. A refresh runs with the application's row locked
 * ({@code SELECT ... FOR UPDATE}), so one instance rotates the pair and the others, waiting on the lock, find it
 * rotated and adopt it: the spent refresh token is never sent twice. The table holds live tokens: grant it to the app
 * alone; the tokens themselves are sealed ({@link TokenSealing}).
 */
public final class JdbcTokenStore implements TokenStore {

    private static final String INSERT =
            "INSERT INTO b24sip_oauth_tokens (portal, client_id, access_token, refresh_token, "
                    + "updated_at) VALUES (?, ?, ?, ?, now()) ON CONFLICT (portal, client_id) ";

    private final DataSource dataSource;
    private final Supplier<? extends TokenSealing> sealer;

    public JdbcTokenStore(DataSource dataSource, Supplier<? extends TokenSealing> sealer) {
        this.dataSource = dataSource;
        this.sealer = sealer;
    }

    /** Forgets every pair of a portal: it was removed or uninstalled. */
    public void deletePortal(String portalUrl) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM b24sip_oauth_tokens WHERE portal = ?")) {
            s.setString(1, portalUrl);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete", e);
        }
    }

    /**
     * Seals the pairs an earlier version stored in clear, and those sealed with a previous key; run at start-up with
     * a key. Returns how many rows were written again.
     */
    public int sealStoredPairs() {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT portal, client_id, access_token, refresh_token FROM " + "b24sip_oauth_tokens");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4)});
                }
            }
            TokenSealing s = sealer.get();
            int written = 0;
            for (String[] row : rows) {
                if (s.needsResealing(row[2]) || s.needsResealing(row[3])) {
                    upsert(c, row[0], row[1], open(row[0], row[1], row[2], row[3]));
                    written++;
                }
            }
            return written;
        } catch (SQLException e) {
            throw failure("seal", e);
        }
    }

    @Override
    public TokenPair load(String portalUrl, String clientId) {
        try (Connection c = dataSource.getConnection()) {
            return select(c, portalUrl, clientId, false);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public void save(String portalUrl, String clientId, TokenPair tokens) {
        try (Connection c = dataSource.getConnection()) {
            upsert(c, portalUrl, clientId, tokens);
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    @Override
    public TokenPair refresh(String portalUrl, String clientId, TokenPair seen, UnaryOperator<TokenPair> rotate) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // a row to lock, even before the first refresh: the pair this instance started with
                write(c, INSERT + "DO NOTHING", portalUrl, clientId, seen);
                TokenPair stored = select(c, portalUrl, clientId, true);
                TokenPair result;
                if (stored != null && !Objects.equals(stored.accessToken(), seen.accessToken())) {
                    result = stored;
                } else {
                    result = rotate.apply(stored != null ? stored : seen);
                    upsert(c, portalUrl, clientId, result);
                }
                c.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("refresh", e);
        }
    }

    private TokenPair select(Connection c, String portalUrl, String clientId, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT access_token, refresh_token FROM b24sip_oauth_tokens "
                + "WHERE portal = ? AND client_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            s.setString(1, portalUrl);
            s.setString(2, clientId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? open(portalUrl, clientId, r.getString(1), r.getString(2)) : null;
            }
        }
    }

    private void upsert(Connection c, String portalUrl, String clientId, TokenPair tokens) throws SQLException {
        write(
                c,
                INSERT + "DO UPDATE SET access_token = EXCLUDED.access_token, refresh_token = EXCLUDED.refresh_token, "
                        + "updated_at = now()",
                portalUrl,
                clientId,
                tokens);
    }

    private TokenPair open(String portalUrl, String clientId, String access, String refresh) {
        TokenSealing s = sealer.get();
        return new TokenPair(
                s.open(access, TokenSealing.tokenContext(portalUrl, clientId, "access")),
                s.open(refresh, TokenSealing.tokenContext(portalUrl, clientId, "refresh")));
    }

    private void write(Connection c, String sql, String portalUrl, String clientId, TokenPair tokens)
            throws SQLException {
        TokenSealing sealing = sealer.get();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, portalUrl);
            s.setString(2, clientId);
            s.setString(
                    3, sealing.seal(tokens.accessToken(), TokenSealing.tokenContext(portalUrl, clientId, "access")));
            s.setString(
                    4, sealing.seal(tokens.refreshToken(), TokenSealing.tokenContext(portalUrl, clientId, "refresh")));
            s.executeUpdate();
        }
    }

    /** Says what failed without the statement's values: they are tokens. */
    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(
                "Cannot " + what + " the OAuth tokens in the shared store (SQL state " + e.getSQLState() + ")");
    }

    @Override
    public String toString() {
        return "JdbcTokenStore";
    }
}
