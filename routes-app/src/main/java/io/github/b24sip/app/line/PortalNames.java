package io.github.b24sip.app.line;

import java.util.Optional;
import java.util.Set;

/** What checking a line needs to know of the portals: which names a row or command may give, and which one it means. */
public interface PortalNames {

    /** Every portal's name. */
    Set<String> names();

    /** The portal a name, domain or member_id refers to. */
    Optional<String> resolve(String reference);

    /**
     * Where a row or command that names no portal goes: the portal {@code b24sip.default-portal} names (the demo's
     * portal in the demo). Empty when none is set; a default that is not a portal now fails naming the setting.
     */
    Optional<String> defaultPortal();

    /** True when the portal can take changes (false while it waits for its application to be installed again). */
    boolean known(String name);

    /** Why a portal that is not {@link #known} takes no changes now, as the end of "'name' ...". */
    default String whyNotTaking(String name) {
        return "is waiting for its application to be installed again";
    }
}
