package io.github.b24sip.app.desired;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.cluster.SharedStore;
import io.github.b24sip.app.portal.DriftPolicy;
import io.github.b24sip.app.portal.PortalChange;
import io.github.b24sip.app.portal.PortalDefinition;
import io.github.b24sip.app.secret.Secrets;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Predicate;

/**
 * What was declared for each portal's lines, kept across restarts when a secrets key seals their passwords: in
 * PostgreSQL with the shared store, else in the folder {@code b24sip.drift.dir}; without a key, in memory for the run. CSV rows,
 * commands and the portal API declare; drift detection reads.
 */
@ApplicationScoped
public class DeclaredState {

    private static final Logger LOG = Logger.getLogger(DeclaredState.class);

    @Inject
    AppConfig config;

    @Inject
    SharedStore shared;

    @Inject
    Secrets secrets;

    @Inject
    ObjectMapper json;

    private DeclarationStore store;
    private DriftPolicy defaultPolicy;

    synchronized DeclarationStore store() {
        if (store == null) {
            DeclarationCodec codec = new DeclarationCodec(() -> secrets.sealer("declared line passwords"), json);
            if (!secrets.configured()) {
                // passwords are stored sealed or not at all: without a key, nothing is written
                LOG.infof(
                        "Declared lines are kept in memory, for this run and this instance only: keeping them across "
                                + "restarts and sharing them between instances needs %s (their passwords are stored "
                                + "sealed)",
                        Secrets.KEY_SETTING);
                store = new InMemoryDeclarationStore();
            } else if (shared.enabled()) {
                store = new JdbcDeclarationStore(shared.dataSource(), codec);
            } else {
                store = new FileDeclarationStore(Path.of(config.drift().dir()), codec);
            }
        }
        return store;
    }

    /** A mistyped {@code b24sip.drift.policy} stops the start, naming the key, like the app's other settings. */
    void checkAtStart(@Observes StartupEvent event) {
        defaultPolicy();
    }

    /** The drift policy of a portal: its own, else {@code b24sip.drift.policy}. */
    public DriftPolicy policy(PortalDefinition portal) {
        return portal.driftPolicyOr(defaultPolicy());
    }

    public synchronized DriftPolicy defaultPolicy() {
        if (defaultPolicy == null) {
            try {
                defaultPolicy = DriftPolicy.parse(config.drift().policy());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("b24sip.drift.policy: " + e.getMessage());
            }
        }
        return defaultPolicy;
    }

    public PortalDeclaration of(String portal) {
        return store().load(portal);
    }

    /**
     * Declares each of these lines (present or absent), leaving the portal's other declarations alone. Like every
     * declaration by a flow, it never fails the flow: the lines are applied whether or not their declaration could be
     * kept ({@link #keep}).
     */
    public void declare(String portal, Collection<DeclaredLine> lines) {
        if (!lines.isEmpty()) {
            keep(portal, () -> store().update(portal, d -> d.with(lines).changedAt(Instant.now())));
        }
    }

    /** Declares the portal's default outgoing line: one of its declared lines (declare the line first). */
    public void declareOutgoing(String portal, DeclaredOutgoing outgoing) {
        keep(portal, () -> store().update(portal, d -> d.withOutgoing(outgoing).changedAt(Instant.now())));
    }

    /** A mirror named these titles: they are the portal's whole set. */
    public void mirror(String portal, Predicate<String> named, String origin) {
        keep(portal, () -> store().update(portal, d -> d.mirrored(named, origin).changedAt(Instant.now())));
    }

    /**
     * Keeps a declaration; when the store refuses (the database is down, say), says so and lets the flow go on: what
     * the file or command asked is still applied, only drift is not watched against it until it is declared again.
     */
    private void keep(String name, Runnable declaring) {
        try {
            declaring.run();
        } catch (RuntimeException e) {
            LOG.warnf(
                    "%s: a declaration could not be kept (%s); it is applied, but drift is not watched against it "
                            + "until it is declared again",
                    name, e.getMessage());
        }
    }

    /** Replaces the portal's declaration with this whole set (the portal API's PUT). */
    public PortalDeclaration replace(String portal, PortalDeclaration whole) {
        return store().update(portal, d -> whole.changedAt(Instant.now()));
    }

    /** An account's declared registrations. */
    public AccountDeclaration ofAccount(String account) {
        return store().loadAccount(account);
    }

    /** Declares each of these registrations (present or absent), leaving the account's others alone. */
    public void declareRegistrations(String account, Collection<DeclaredRegistration> registrations) {
        if (!registrations.isEmpty()) {
            keep(account, () -> store().updateAccount(account, d -> d.with(registrations, Instant.now())));
        }
    }

    public DriftRecord accountDrift(String account) {
        return store().loadDrift(DeclarationStore.accountKey(account));
    }

    void saveAccountDrift(String account, DriftRecord record) {
        store().saveDrift(DeclarationStore.accountKey(account), record);
    }

    /** The drift policy of an account: its own ({@code drift-policy}, null: none), else {@code b24sip.drift.policy}. */
    public DriftPolicy policy(DriftPolicy own) {
        return own != null ? own : defaultPolicy();
    }

    public DriftRecord drift(String portal) {
        return store().loadDrift(portal);
    }

    void saveDrift(String portal, DriftRecord record) {
        store().saveDrift(portal, record);
    }

    /** An uninstall that asks to clean up ({@code data[CLEAN]=1}) forgets what was declared with the rest. */
    void onPortalChange(@Observes PortalChange change) {
        if (!change.added() && change.clean()) {
            store().delete(change.name());
        }
    }
}
