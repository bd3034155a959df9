package io.github.b24sip.app.desired;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the app remembers of a portal's drift between polls, kept beside its declaration so that whichever instance
 * polls the portal next reports only what changed: the drifts reported (by {@link DriftDetector#key}), the times each
 * line was repaired within the last hour, and the lines whose repair is suspended (with the declaration time they
 * were suspended under: a new declaration resumes them).
 */
@RegisterForReflection
public record DriftRecord(
        Map<String, Reported> reported, Map<String, List<Instant>> repairs, Map<String, Instant> suspended) {

    /** A drift as reported: what it was, and since when. */
    @RegisterForReflection
    public record Reported(Drift drift, Instant since) {}

    public DriftRecord {
        reported = reported == null ? Map.of() : Map.copyOf(reported);
        repairs = repairs == null ? Map.of() : Map.copyOf(repairs);
        suspended = suspended == null ? Map.of() : Map.copyOf(suspended);
    }

    public static DriftRecord empty() {
        return new DriftRecord(Map.of(), Map.of(), Map.of());
    }
}
