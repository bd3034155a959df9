package io.github.b24sip.app.desired;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Several instances: declarations in {@code b24sip_declared} and drift records in {@code b24sip_drift}, one row per
 * portal each. A change of a declaration locks its row ({@code SELECT ... FOR UPDATE}), so two instances applying rows
 * for one portal at once both land.
 */
final class JdbcDeclarationStore implements DeclarationStore {

    private final DataSource dataSource;
    private final DeclarationCodec codec;

    JdbcDeclarationStore(DataSource dataSource, DeclarationCodec codec) {
        this.dataSource = dataSource;
        this.codec = codec;
    }

    @Override
    public PortalDeclaration load(String portal) {
        String text = select("SELECT doc FROM b24sip_declared WHERE portal = ?", portal);
        return text == null || text.isEmpty() ? PortalDeclaration.none(portal) : codec.readDeclaration(portal, text);
    }

    @Override
    public PortalDeclaration update(String portal, UnaryOperator<PortalDeclaration> change) {
        PortalDeclaration[] next = new PortalDeclaration[1];
        updateDoc(portal, text -> {
            next[0] = change.apply(text == null ? PortalDeclaration.none(portal) : codec.readDeclaration(portal, text));
            return codec.write(next[0]);
        });
        return next[0];
    }

    @Override
    public AccountDeclaration loadAccount(String account) {
        String text = select("SELECT doc FROM b24sip_declared WHERE portal = ?", DeclarationStore.accountKey(account));
        return text == null || text.isEmpty() ? AccountDeclaration.none(account) : codec.readAccount(account, text);
    }

    @Override
    public AccountDeclaration updateAccount(String account, UnaryOperator<AccountDeclaration> change) {
        AccountDeclaration[] next = new AccountDeclaration[1];
        updateDoc(DeclarationStore.accountKey(account), text -> {
            next[0] = change.apply(text == null ? AccountDeclaration.none(account) : codec.readAccount(account, text));
            return codec.write(next[0]);
        });
        return next[0];
    }

    /**
     * Changes one row's document with the row locked ({@code SELECT ... FOR UPDATE}), so that two instances changing
     * one declaration at once both land; {@code change} gets the stored text, or null for none.
     */
    private void updateDoc(String key, UnaryOperator<String> change) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO b24sip_declared (portal, doc) VALUES (?, '') ON CONFLICT (portal) DO NOTHING")) {
                    s.setString(1, key);
                    s.executeUpdate();
                }
                String text;
                try (PreparedStatement s =
                        c.prepareStatement("SELECT doc FROM b24sip_declared WHERE portal = ? FOR UPDATE")) {
                    s.setString(1, key);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        text = r.getString(1);
                    }
                }
                String next = change.apply(text == null || text.isEmpty() ? null : text);
                try (PreparedStatement s =
                        c.prepareStatement("UPDATE b24sip_declared SET doc = ?, updated_at = now() WHERE portal = ?")) {
                    s.setString(1, next);
                    s.setString(2, key);
                    s.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("write the declaration of " + key, e);
        }
    }

    @Override
    public DriftRecord loadDrift(String portal) {
        String text = select("SELECT doc FROM b24sip_drift WHERE portal = ?", portal);
        return text == null ? DriftRecord.empty() : codec.readDrift(text);
    }

    @Override
    public void saveDrift(String portal, DriftRecord record) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO b24sip_drift (portal, doc) VALUES (?, ?) "
                        + "ON CONFLICT (portal) DO UPDATE SET doc = EXCLUDED.doc, updated_at = now()")) {
            s.setString(1, portal);
            s.setString(2, codec.write(record));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("write the drift record of " + portal, e);
        }
    }

    @Override
    public void delete(String portal) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement a = c.prepareStatement("DELETE FROM b24sip_declared WHERE portal = ?");
                PreparedStatement b = c.prepareStatement("DELETE FROM b24sip_drift WHERE portal = ?")) {
            a.setString(1, portal);
            a.executeUpdate();
            b.setString(1, portal);
            b.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete the declaration of " + portal, e);
        }
    }

    private String select(String sql, String portal) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, portal);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw failure("read the declaration of " + portal, e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Cannot " + what + ": " + e.getSQLState(), null);
    }
}
