package io.github.b24sip.app.portal;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.line.InvalidLineException;
import io.github.b24sip.app.line.LineRequest;
import io.github.b24sip.app.line.PortalNames;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portals the app works with now: those of {@code b24sip.portals.*} (fixed until a restart), and those added at run
 * time through the portal API or an application install, kept in the {@link PortalStore} so every instance sees them.
 * Each portal gets a bitrix24-sip component of its own, registered as {@code bitrix24-sip-<name>} ({@link
 * PortalComponents}), so route URIs name the portal and carry no credential. A portal added or removed is announced as
 * a {@link PortalChange}: the status poller, the meters and the line board follow it. With no portal configured and
 * none stored the app refuses to start, unless {@code b24sip.demo=true} asks for the embedded simulator's {@code
 * demo} portal, or the app takes portals from installs or the API ({@code b24sip.application.client-id} or a secrets
 * key).
 */
@ApplicationScoped
public class Portals implements PortalNames {

    public static final String SCHEME_PREFIX = PortalComponents.SCHEME_PREFIX;
    private static final Logger LOG = Logger.getLogger(Portals.class);

    @Inject
    AppConfig config;

    @Inject
    DemoPortal demo;

    @Inject
    PortalComponents components;

    @Inject
    PortalStores stores;

    @Inject
    Event<PortalChange> changes;

    private final Map<String, PortalDefinition> active = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    private String storeSignature;

    /**
     * Registers the configured portals and the stored ones, once; every caller that needs the portals goes through
     * here first, so none sees an empty registry because it asked before start-up finished.
     */
    public void load() {
        if (!loaded) {
            loadOnce();
        }
    }

    private synchronized void loadOnce() {
        if (loaded) {
            return;
        }
        List<PortalDefinition> initial = new ArrayList<>();
        if (isDemo()) {
            initial.add(demo.start());
        } else {
            if (config.demo() && !config.portals().isEmpty()) {
                LOG.warn("b24sip.demo=true is ignored: portals are configured");
            }
            config.portals().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> initial.add(PortalComponents.fromProperties(e.getKey(), e.getValue())));
            if (stores.runtimePortals()) {
                storeSignature = stores.store().signature();
                for (PortalDefinition stored : stores.store().loadAll()) {
                    if (config.portals().containsKey(stored.name())) {
                        LOG.warnf("Stored portal %s is ignored: a configured portal has that name", stored.name());
                    } else {
                        initial.add(stored);
                    }
                }
            } else if (initial.isEmpty()) {
                throw new NoPortalConfiguredException();
            }
        }
        for (PortalDefinition portal : initial) {
            PortalDefinition used = registered(portal);
            active.put(used.name(), used);
            LOG.infof("Portal %s: %s", used.name(), used);
        }
        loaded = true;
    }

    /** The portal names now, sorted. */
    public Set<String> names() {
        load();
        return new TreeSet<>(active.keySet());
    }

    /** Every portal now, by name. */
    public Collection<PortalDefinition> definitions() {
        load();
        List<PortalDefinition> all = new ArrayList<>(active.values());
        all.sort(Comparator.comparing(PortalDefinition::name));
        return all;
    }

    public Optional<PortalDefinition> definition(String name) {
        load();
        return Optional.ofNullable(name == null ? null : active.get(name));
    }

    public boolean isDemo() {
        return config.portals().isEmpty() && config.demo();
    }

    /** A portal that takes rows and commands now: known, and not waiting for a reinstall. */
    public boolean known(String name) {
        return definition(name).filter(p -> p.state() == PortalState.LIVE).isPresent();
    }

    @Override
    public String whyNotTaking(String name) {
        return definition(name)
                .filter(p -> p.state() == PortalState.INVALID)
                .map(p -> "is invalid (" + p.problem() + "): put it right through the portal API")
                .orElse("is waiting for its application to be installed again");
    }

    /**
     * The name of the portal that a row or command names: by its name, its domain ({@code acme.bitrix24.com}) or, for
     * an installed portal, its {@code member_id}.
     */
    public Optional<String> resolve(String reference) {
        load();
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        String ref = reference.trim();
        if (active.containsKey(ref)) {
            return Optional.of(ref);
        }
        String host = ref.toLowerCase(Locale.ROOT);
        return active.values().stream()
                .filter(p -> host.equals(p.domain()) || ref.equals(p.memberId()))
                .map(PortalDefinition::name)
                .findFirst();
    }

    /**
     * The portal a row or command without one goes to: {@code b24sip.default-portal}, or the demo's portal in the demo.
     * Never "the only portal there is": that would change meaning the moment a second portal is added.
     */
    public Optional<String> defaultPortal() {
        Optional<String> configured = config.defaultPortal().filter(p -> !p.isBlank());
        if (configured.isEmpty()) {
            return isDemo() ? Optional.of(DemoPortal.NAME) : Optional.empty();
        }
        String reference = configured.get().trim();
        return Optional.of(resolve(reference)
                .orElseThrow(() -> new InvalidLineException(
                        "portal",
                        "is left out, and " + LineRequest.DEFAULT_PORTAL_SETTING + " names '" + reference
                                + "', which is not a portal now")));
    }

    /** The endpoint URI of an operation on a portal, e.g. {@code bitrix24-sip-sales:sync?prune=true}. */
    public String uri(String portal, String operation) {
        if (definition(portal).isEmpty()) {
            throw new UnknownPortalException(portal);
        }
        return SCHEME_PREFIX + portal + ":" + operation;
    }

    /** How many requests to the portal waited for its rate limit; 0 for a portal gone. */
    public long rateLimitWaits(String portal) {
        return components.rateLimitWaits(portal);
    }

    /**
     * Adds a portal, or replaces one added at run time: stored first (so every instance will see it), then in effect
     * here. A configured portal cannot be replaced.
     */
    public synchronized void put(PortalDefinition portal) {
        load();
        PortalDefinition before = active.get(portal.name());
        if (before != null && before.source() == PortalSource.CONFIG
                || config.portals().containsKey(portal.name())) {
            throw new ConfiguredPortalException(portal.name(), isDemo());
        }
        // what the portal's component opens (its trust store) is checked before it is stored, so the caller is told
        components.check(portal);
        stores.store().save(portal);
        storeSignature = null;
        apply(portal);
    }

    /**
     * Removes a portal added at run time: from the store, then here; {@code clean} also forgets its last known
     * statuses. False when there was none.
     */
    public synchronized boolean remove(String name, boolean clean) {
        load();
        PortalDefinition before = active.get(name);
        if (before != null && before.source() == PortalSource.CONFIG) {
            throw new ConfiguredPortalException(name, isDemo());
        }
        boolean stored = stores.runtimePortals() && stores.store().delete(name);
        storeSignature = null;
        if (before == null) {
            return stored;
        }
        stop(before, clean);
        components.forget(before, clean);
        return true;
    }

    /**
     * Takes in what other instances stored since the last look: new and changed portals start, removed ones stop.
     * Cheap when nothing changed (one signature read).
     */
    public synchronized void refreshFromStore() {
        if (!loaded || !stores.runtimePortals()) {
            return;
        }
        String signature = stores.store().signature();
        if (signature.equals(storeSignature)) {
            return;
        }
        List<PortalDefinition> stored = stores.store().loadAll();
        Set<String> storedNames = new TreeSet<>();
        for (PortalDefinition portal : stored) {
            if (config.portals().containsKey(portal.name())) {
                continue;
            }
            storedNames.add(portal.name());
            if (!portal.equals(active.get(portal.name()))) {
                apply(portal);
            }
        }
        for (PortalDefinition current : List.copyOf(active.values())) {
            if (current.source() != PortalSource.CONFIG && !storedNames.contains(current.name())) {
                stop(current, false);
            }
        }
        storeSignature = signature;
    }

    /**
     * Installed portals whose refresh token the OAuth server refused ({@code invalid_grant}: expired, or the
     * application removed without its uninstall reaching us) are put in {@code needs-reinstall}: stored so every
     * instance sees it, no longer polled, their rows and commands refused, until the portal installs the application
     * again. Nothing is retried meanwhile, so nothing floods the log.
     */
    public synchronized void markRefusedInstalls() {
        for (PortalDefinition portal : List.copyOf(active.values())) {
            if (portal.source() == PortalSource.INSTALL
                    && portal.state() == PortalState.LIVE
                    && components.authorizationRefused(portal.name())) {
                LOG.warnf(
                        "Portal %s: the OAuth server refused its refresh token; it needs the application installed "
                                + "again (member_id %s) and is not polled until then",
                        portal.name(), portal.memberId());
                PortalDefinition waiting = portal.withState(PortalState.NEEDS_REINSTALL);
                stores.store().save(waiting);
                storeSignature = null;
                apply(waiting);
            }
        }
    }

    private void apply(PortalDefinition portal) {
        PortalDefinition before = active.get(portal.name());
        if (before != null) {
            stop(before, false);
        }
        PortalDefinition used = registered(portal);
        active.put(used.name(), used);
        LOG.infof("Portal %s %s: %s", used.name(), before == null ? "added" : "changed", used);
        changes.fire(PortalChange.added(used));
    }

    /**
     * The portal with its component registered; a stored portal whose component cannot be made (its trust store
     * replaced by one its password does not open, say) is that portal's problem: it is kept as {@code invalid}, and
     * every other portal runs. A configured portal still stops the start, naming its setting.
     */
    private PortalDefinition registered(PortalDefinition portal) {
        if (portal.state() == PortalState.INVALID) {
            return portal;
        }
        try {
            components.register(portal);
            return portal;
        } catch (RuntimeException e) {
            if (portal.source() == PortalSource.CONFIG) {
                throw e;
            }
            return StoredPortal.invalid(portal.name(), portal.url(), portal.source(), e);
        }
    }

    private void stop(PortalDefinition portal, boolean clean) {
        active.remove(portal.name());
        changes.fire(PortalChange.removed(portal, clean));
        components.unregister(portal);
        LOG.infof("Portal %s removed%s", portal.name(), clean ? ", its last known statuses forgotten" : "");
    }

    /** A row, command or call names a portal the app does not have (now). */
    @RegisterForReflection
    public static final class UnknownPortalException extends IllegalArgumentException {
        public UnknownPortalException(String portal) {
            super("Unknown portal '" + portal + "'");
        }
    }

    /** A portal of the properties, or the demo's own, cannot be changed or removed at run time. */
    @RegisterForReflection
    public static final class ConfiguredPortalException extends IllegalStateException {
        public ConfiguredPortalException(String portal, boolean demo) {
            super(
                    demo
                            ? "portal '" + portal
                                    + "' is the demo's own portal (b24sip.demo=true): it cannot be changed or "
                                    + "removed; add a portal under another name"
                            : "portal '" + portal + "' is configured in b24sip.portals." + portal
                                    + ".*: change it there (and restart), not at run time");
        }
    }
}
