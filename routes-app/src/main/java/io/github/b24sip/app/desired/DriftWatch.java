package io.github.b24sip.app.desired;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.app.line.LineUndeletable;
import io.github.b24sip.app.portal.DriftPolicy;
import io.github.b24sip.app.portal.PortalChange;
import io.github.b24sip.app.portal.PortalDefinition;
import io.github.b24sip.app.portal.PortalSync;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import io.github.b24sip.camel.bitrix24.sync.SyncRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drift, detected from each status poll's snapshot at no extra request, on the instance that polls the portal (with
 * several instances, the leader of its shard): compares the lines with the declaration, reports each drift once when
 * it appears, again when it changes, and {@code resolved} when it is gone; under {@code repair}, puts the declared
 * lines back with the planner (only the fields that differ are written: each re-registration makes the portal notify
 * its administrators), and suspends a line repaired {@code b24sip.drift.repairs-per-hour} times within an hour until
 * it is declared anew or resumed.
 *
 * <p>The route calls {@link #observe}, sends the round's events to the status sinks, then {@link #commit} (the record
 * is written only after the sinks took every event: a crash repeats an event, never loses one), then {@link #repair}.
 */
@ApplicationScoped
public class DriftWatch {

    private static final Logger LOG = Logger.getLogger(DriftWatch.class);

    @Inject
    DeclaredState declared;

    @Inject
    Portals portals;

    @Inject
    PortalSync sync;

    @Inject
    AppConfig config;

    Clock clock = Clock.systemUTC();

    /** CONFIG_IDs per portal the portal refused to delete with REG_ID_NOT_FOUND: reported, not retried. */
    private final Map<String, Set<Integer>> undeletable = new ConcurrentHashMap<>();

    /** The drift record as of this instance's last poll of each portal: what its gauges and pages show. */
    private final Map<String, DriftRecord> lastSeen = new ConcurrentHashMap<>();

    private final RoundsInFlight rounds = new RoundsInFlight();

    /** A poll's snapshot of this portal is judged now, unless the previous one still is (then this one is skipped). */
    public boolean claim(String portal) {
        return rounds.claim(portal);
    }

    /** The portal's round is over (reported, committed, repaired, or failed): the next snapshot is judged. */
    public void release(String portal) {
        rounds.release(portal);
    }

    /** Whether this portal's poller should send snapshots: its policy is not {@code off}. */
    public boolean watches(PortalDefinition portal) {
        return declared.policy(portal) != DriftPolicy.OFF;
    }

    /** Judges a poll's snapshot of the portal's lines; {@code poll} is the poll's exchange, the reads' cause. */
    public DriftRound observe(Exchange poll, String portal, List<SipLine> lines) {
        DriftPolicy policy = portals.definition(portal).map(declared::policy).orElse(DriftPolicy.OFF);
        if (policy == DriftPolicy.OFF) {
            lastSeen.remove(portal);
            return DriftRound.none(portal);
        }
        if (sync.syncing(portal)) {
            // a CSV file or a repair is bringing the portal to its declaration right now: judged at the next poll
            return DriftRound.none(portal);
        }
        PortalDeclaration declaration = declared.of(portal);
        DriftRecord record = declared.drift(portal);
        lastSeen.put(portal, record);
        if (declaration.isEmpty() && record.reported().isEmpty()) {
            return DriftRound.none(portal);
        }
        Instant now = clock.instant();
        if (DriftLedger.settling(declaration.changedAt(), now, config.drift().settle())) {
            return DriftRound.none(portal);
        }
        List<Drift> drifts =
                new ArrayList<>(DriftDetector.detect(declaration, lines, undeletable.getOrDefault(portal, Set.of())));
        if (declaration.outgoing() != null) {
            outgoingDrift(poll, portal, declaration, lines, record).ifPresent(drifts::add);
        }
        DriftLedger.Outcome round = DriftLedger.round(
                new DriftLedger.Subject(portal, false),
                drifts,
                record,
                policy,
                now,
                config.drift().repairsPerHour(),
                DriftDetector::key,
                drift -> origin(declaration, drift),
                key -> declaredAt(declaration, key),
                drift -> drift.kind() != DriftKind.UNDELETABLE);
        round.events().stream()
                .filter(e -> DriftEvent.REPAIR_SUSPENDED.equals(e.drift()))
                .forEach(e -> LOG.warnf(
                        "Portal %s: line '%s' was repaired %d times within an hour and is changed back each time; its "
                                + "repair is suspended until it is declared anew or resumed",
                        portal, e.title(), config.drift().repairsPerHour()));
        SyncRequest repair = null;
        Integer outgoing = null;
        List<SipLine> unregistered = new ArrayList<>();
        if (!round.toRepair().isEmpty()) {
            List<Drift> toRepair = new ArrayList<>(round.toRepair());
            outgoing = toRepair.stream()
                    .filter(d -> d.kind() == DriftKind.OUTGOING)
                    .map(Drift::configId)
                    .findFirst()
                    .orElse(null);
            toRepair.removeIf(d -> d.kind() == DriftKind.OUTGOING);
            repair = DriftRepairs.request(declaration, toRepair, lines, unregistered);
        }
        List<DriftEvent> events = round.events();
        DriftRecord next = round.next();
        if (events.isEmpty() && next.equals(record) && repair == null && outgoing == null) {
            return DriftRound.none(portal);
        }
        return new DriftRound(portal, events, next, repair, unregistered, outgoing);
    }

    /** Where the declaration a drift departs from came from. */
    private static String origin(PortalDeclaration declaration, Drift drift) {
        if (drift.kind() == DriftKind.OUTGOING) {
            return declaration.outgoing().origin();
        }
        DeclaredLine line = declaration.lines().get(DriftDetector.key(drift));
        return line != null ? line.origin() : declaration.mirrorOrigin();
    }

    /** When what a drift key names was declared ({@link Instant#EPOCH}: not declared, as a prune's). */
    private static Instant declaredAt(PortalDeclaration declaration, String key) {
        if (DriftDetector.OUTGOING_KEY.equals(key)) {
            return declaration.outgoing() == null
                    ? Instant.EPOCH
                    : declaration.outgoing().declaredAt();
        }
        DeclaredLine line = declaration.lines().get(key);
        return line == null ? Instant.EPOCH : line.declaredAt();
    }

    /**
     * The {@code outgoing} drift, read with one {@code voximplant.line.outgoing.get} (only for a portal with a declared
     * default outgoing line). When the read fails, what was reported stands until a poll reads it.
     */
    private Optional<Drift> outgoingDrift(
            Exchange poll, String portal, PortalDeclaration declaration, List<SipLine> lines, DriftRecord record) {
        String current;
        try {
            current = sync.outgoingLine(poll, portal);
        } catch (Bitrix24SipException e) {
            LOG.warnf("Portal %s: reading its default outgoing line failed: %s", portal, e.getMessage());
            DriftRecord.Reported before = record.reported().get(DriftDetector.OUTGOING_KEY);
            return before == null ? Optional.empty() : Optional.of(before.drift());
        }
        return DriftDetector.outgoing(declaration, lines, current);
    }

    /** The round's events were sent: what was reported is kept for the next poll, on whichever instance. */
    public void commit(DriftRound round) {
        if (round.next() != null) {
            declared.saveDrift(round.portal(), round.next());
            lastSeen.put(round.portal(), round.next());
        }
    }

    /**
     * The portal's lines in drift of this kind as of this instance's last poll of it; empty when this instance has not
     * watched the portal (it does not poll it, or its policy is {@code off}).
     */
    public OptionalInt lines(String portal, DriftKind kind) {
        DriftRecord record = lastSeen.get(portal);
        if (record == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) record.reported().values().stream()
                .filter(r -> r.drift().kind() == kind)
                .count());
    }

    /** The portal's drift as of this instance's last poll of it, for the pages. */
    public Optional<DriftRecord> lastSeen(String portal) {
        return Optional.ofNullable(lastSeen.get(portal));
    }

    /**
     * The portal refused to delete this line (REG_ID_NOT_FOUND), whichever flow asked: it is reported {@code
     * undeletable} and neither repairs nor CSV prunes try it again while the app runs.
     */
    void onUndeletable(@Observes LineUndeletable refused) {
        undeletable
                .computeIfAbsent(refused.portal(), p -> ConcurrentHashMap.newKeySet())
                .add(refused.configId());
    }

    /** The CONFIG_IDs of the portal's lines it refused to delete with REG_ID_NOT_FOUND, as far as this instance saw. */
    public Set<Integer> undeletable(String portal) {
        return Set.copyOf(undeletable.getOrDefault(portal, Set.of()));
    }

    /** A portal removed (or changed: removed, then added): its drift is shown again after its next poll. */
    void onPortalChange(@Observes PortalChange change) {
        if (!change.added()) {
            lastSeen.remove(change.name());
            undeletable.remove(change.name());
        }
    }

    /**
     * Runs the round's repair, if any, for the poll that found it; a failure is logged and the next poll finds the drift
     * again.
     */
    public void repair(Exchange poll, DriftRound round) {
        String portal = round.portal();
        if (round.outgoing() != null) {
            try {
                sync.setOutgoing(poll, portal, ChangeSource.REPAIR, round.outgoing());
                LOG.infof(
                        "Portal %s: drift repaired: CONFIG_ID %d is its default outgoing line again",
                        portal, round.outgoing());
            } catch (Bitrix24SipException e) {
                LOG.warnf("Portal %s: setting its default outgoing line failed: %s", portal, e.getMessage());
            }
        }
        if (round.repair() == null) {
            return;
        }
        try {
            if (!round.unregistered().isEmpty()) {
                // a cloud line without a registration is registered only by a delete and an add
                sync.sync(
                        poll,
                        portal,
                        ChangeSource.REPAIR,
                        SyncRequest.of(List.of())
                                .withAbsentTitles(round.unregistered().stream()
                                        .map(SipLine::title)
                                        .toList())
                                .against(round.unregistered()));
            }
            // a REG_ID_NOT_FOUND among its items comes back as a LineUndeletable event
            SyncReport report = sync.sync(poll, portal, ChangeSource.REPAIR, round.repair());
            LOG.infof(
                    "Portal %s: drift repaired: %d created, %d updated, %d deleted, %d failed",
                    portal, report.created(), report.updated(), report.deleted(), report.failed());
        } catch (Bitrix24SipException e) {
            LOG.warnf("Portal %s: repairing its drift failed: %s", portal, e.getMessage());
        }
    }

    /** An operator resumes the repair of a portal's suspended lines. */
    public void resume(String portal) {
        DriftRecord record = declared.drift(portal);
        declared.saveDrift(portal, new DriftRecord(record.reported(), Map.of(), Map.of()));
    }
}
