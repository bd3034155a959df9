package io.github.b24sip.app.portal;

import java.util.List;
import java.util.Optional;

/**
 * Where portals added at run time (the portal API, application installs) are kept, so every instance sees them and a
 * restart keeps them: PostgreSQL with the shared store, else a file. Secrets are sealed at rest ({@link
 * SealedSettings}).
 */
public interface PortalStore {

    /** Every stored portal, secrets opened. */
    List<PortalDefinition> loadAll();

    /**
     * A value that changes whenever a portal is saved or deleted, by any instance; cheap to read, so instances can
     * look often.
     */
    String signature();

    void save(PortalDefinition portal);

    /** Removes a portal; false when none had that name. */
    boolean delete(String name);

    /**
     * The stored portal installed with this {@code member_id}, for an install that reaches an instance before that
     * instance has taken the portal in. Empty by default: where one instance owns the store, its registry holds every
     * stored portal already.
     */
    default Optional<PortalDefinition> findByMemberId(String memberId) {
        return Optional.empty();
    }
}
