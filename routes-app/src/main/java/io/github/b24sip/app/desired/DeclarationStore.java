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

    DriftRecord loadDrift(String portal);

    void saveDrift(String portal, DriftRecord record);

    /** Forgets the portal (it was removed). */
    void delete(String portal);
}
