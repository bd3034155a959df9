package io.github.b24sip.app.portal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A portal added (or changed: removed, then added) or removed at run time, fired as a CDI event by {@link Portals} once
 * its component is registered, before it is unregistered. {@code clean}: forget what the app keeps of it beyond its
 * reports and past events (an uninstall with {@code data[CLEAN]=1}).
 */
@RegisterForReflection
public record PortalChange(PortalDefinition portal, boolean added, boolean clean) {

    static PortalChange added(PortalDefinition portal) {
        return new PortalChange(portal, true, false);
    }

    static PortalChange removed(PortalDefinition portal, boolean clean) {
        return new PortalChange(portal, false, clean);
    }

    public String name() {
        return portal.name();
    }
}
