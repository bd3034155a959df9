package io.github.b24sip.app.portal;

import io.github.b24sip.app.InvalidFieldException;
import io.github.b24sip.app.secret.SecretSealer;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * A portal as a store kept it, read back: its settings opened and checked as any portal's, or, when they cannot be
 * used any more (a trust store deleted since, a secret that does not open), the portal in state {@code invalid} with
 * the reason. One stored portal is that portal's problem: the app and every other portal still start.
 */
public final class StoredPortal {

    private static final Logger LOG = Logger.getLogger(StoredPortal.class);

    private StoredPortal() {}

    public static PortalDefinition read(String name, String source, Map<String, String> stored, SecretSealer opener) {
        PortalSource from;
        try {
            from = PortalSource.parse(source);
        } catch (RuntimeException e) {
            return invalid(name, stored.get("url"), PortalSource.API, e);
        }
        try {
            return PortalDefinition.of(name, SealedSettings.open(opener, name, stored), from);
        } catch (RuntimeException e) {
            return invalid(name, stored.get("url"), from, e);
        }
    }

    /** The portal in state {@code invalid}, logged once with why and what to do. */
    public static PortalDefinition invalid(String name, String url, PortalSource source, RuntimeException why) {
        // our own exceptions name the field and never its value; any other is named by its kind only
        String problem = why instanceof InvalidFieldException
                ? why.getMessage()
                : "its settings cannot be used (" + why.getClass().getSimpleName() + ")";
        LOG.errorf(
                "Portal %s is invalid and not started: %s. Every other portal runs; put it right with PUT "
                        + "/api/portals/%s, or remove it with DELETE",
                name, problem, name);
        return PortalDefinition.invalid(name, url, source, problem);
    }
}
