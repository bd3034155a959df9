package io.github.b24sip.app.desired;

import io.github.b24sip.app.portal.DriftPolicy;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What one poll's drifts mean against what was reported before, for a portal's lines and an account's registrations
 * alike: each drift reported once when it appears and again when it changes, {@code resolved} when gone; under
 * {@code repair}, which drifts to repair now, at most {@code repairsPerHour} times a line within an hour, after which
 * the line is suspended (one event) until it is declared anew or an operator resumes it.
 */
final class DriftLedger {

    private static final Duration HOUR = Duration.ofHours(1);

    /** Who drifted: a portal (its lines) or a Voximplant account (its registrations), as the events name it. */
    @RegisterForReflection
    record Subject(String name, boolean account) {}

    /** What a round decided: the events to send, the record to keep after them, and the drifts to repair now. */
    @RegisterForReflection
    record Outcome(List<DriftEvent> events, DriftRecord next, List<Drift> toRepair) {}

    private DriftLedger() {}

    /**
     * Whether a declaration changed at {@code changedAt} is too young to judge at {@code now}: whichever instance took
     * the CSV file or command may still be writing it to the portal or account.
     */
    static boolean settling(Instant changedAt, Instant now, Duration settle) {
        return changedAt != null && changedAt.isAfter(now.minus(settle));
    }

    /**
     * @param key        the key a drift is remembered by
     * @param origin     where the declaration a drift departs from came from
     * @param declaredAt when what a key names was declared ({@link Instant#EPOCH}: not declared, as a prune's)
     * @param repairable whether a drift can be repaired at all (an undeletable line cannot)
     */
    static Outcome round(
            Subject subject,
            List<Drift> drifts,
            DriftRecord record,
            DriftPolicy policy,
            Instant now,
            int repairsPerHour,
            Function<Drift, String> key,
            Function<Drift, String> origin,
            Function<String, Instant> declaredAt,
            Function<Drift, Boolean> repairable) {
        List<DriftEvent> events = new ArrayList<>();
        Map<String, DriftRecord.Reported> reported = new LinkedHashMap<>();
        for (Drift drift : drifts) {
            String k = key.apply(drift);
            DriftRecord.Reported before = record.reported().get(k);
            Instant since = before == null || before.drift().kind() != drift.kind() ? now : before.since();
            reported.put(k, new DriftRecord.Reported(drift, since));
            if (before == null || !before.drift().equals(drift)) {
                events.add(DriftEvent.appeared(subject, drift, policy.wireName(), origin.apply(drift), since));
            }
        }
        record.reported().forEach((k, before) -> {
            if (!reported.containsKey(k)) {
                events.add(DriftEvent.resolved(subject, before.drift(), policy.wireName(), now));
            }
        });
        Map<String, List<Instant>> repairs = new HashMap<>();
        record.repairs().forEach((k, times) -> {
            List<Instant> recent =
                    times.stream().filter(t -> t.isAfter(now.minus(HOUR))).toList();
            if (!recent.isEmpty()) {
                repairs.put(k, recent);
            }
        });
        // a suspension holds until the line is declared anew (or an operator resumes it), whether it drifts now or not
        Map<String, Instant> suspended = new HashMap<>();
        record.suspended().forEach((k, under) -> {
            if (Objects.equals(under, declaredAt.apply(k))) {
                suspended.put(k, under);
            } else {
                // declared anew: its repairs start counting again
                repairs.remove(k);
            }
        });
        List<Drift> toRepair = new ArrayList<>();
        if (policy == DriftPolicy.REPAIR) {
            for (Drift drift : drifts) {
                String k = key.apply(drift);
                if (!repairable.apply(drift) || suspended.containsKey(k)) {
                    continue;
                }
                List<Instant> recent = repairs.getOrDefault(k, List.of());
                if (recent.size() >= repairsPerHour) {
                    suspended.put(k, declaredAt.apply(k));
                    events.add(DriftEvent.suspended(subject, drift, policy.wireName(), now));
                    continue;
                }
                List<Instant> times = new ArrayList<>(recent);
                times.add(now);
                repairs.put(k, times);
                toRepair.add(drift);
            }
        }
        return new Outcome(events, new DriftRecord(reported, repairs, suspended), toRepair);
    }
}
