package io.github.b24sip.app.desired;

import java.util.function.UnaryOperator;

/**
 * Where declarations and drift records are kept: a folder on one instance, PostgreSQL with several. Line passwords are
 * sealed at rest.
 */
public interface DeclarationStore {

    /** The portal's declaration; {@link PortalDeclaration#none} when nothing was declared. */
    PortalDeclaration load(String portal);

    /** Changes the portal's declaration atomically (against other instances too); returns the new one. */
    PortalDeclaration update(String portal, UnaryOperator<PortalDeclaration> change);

    /** The account's declared registrations; {@link AccountDeclaration#none} when nothing was declared. */
    AccountDeclaration loadAccount(String account);

    /** Changes the account's declaration atomically (against other instances too); returns the new one. */
    AccountDeclaration updateAccount(String account, UnaryOperator<AccountDeclaration> change);

    /**
     * The key an account's declaration and drift record are kept under beside the portals' (an account and a portal
     * may share a name): {@code vox:<account>}.
     */
    static String accountKey(String account) {
        return "vox:" + account;
    }

    /** The drift record of a portal, or of an account under its {@link #accountKey}. */
    DriftRecord loadDrift(String portal);

    void saveDrift(String portal, DriftRecord record);

    /** Forgets the portal (it was removed). */
    void delete(String portal);
}
