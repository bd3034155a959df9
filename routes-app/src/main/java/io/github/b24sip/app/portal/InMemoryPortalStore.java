package io.github.b24sip.app.portal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's portal store: portals added through the portal API for this run alone, kept in memory (nothing written,
 * so nothing to seal), gone when the demo stops.
 */
final class InMemoryPortalStore implements PortalStore {

    private final Map<String, PortalDefinition> portals = new TreeMap<>();
    private long revision;

    @Override
    public synchronized List<PortalDefinition> loadAll() {
        return List.copyOf(portals.values());
    }

    @Override
    public synchronized String signature() {
        return Long.toString(revision);
    }

    @Override
    public synchronized void save(PortalDefinition portal) {
        portals.put(portal.name(), portal);
        revision++;
    }

    @Override
    public synchronized boolean delete(String name) {
        boolean removed = portals.remove(name) != null;
        revision++;
        return removed;
    }
}
