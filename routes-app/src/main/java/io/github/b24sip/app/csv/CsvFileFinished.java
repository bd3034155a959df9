package io.github.b24sip.app.csv;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * A CSV came to an end, whatever the end: announced as a CDI event, so the meters and the operator page follow every
 * file without the CSV flow knowing them. {@code reason} says why a file went to {@code error/} (else null);
 * {@code report} is false when the file ended before a report was begun.
 */
@RegisterForReflection
public record CsvFileFinished(
        Instant at,
        CsvOrigin origin,
        CsvFileOutcome outcome,
        boolean mirror,
        boolean dryRun,
        int rows,
        Map<String, Integer> totals,
        String reason,
        boolean report) {

    static CsvFileFinished of(FileReport done, CsvFileOutcome outcome) {
        return new CsvFileFinished(
                Instant.now(),
                done.origin(),
                outcome,
                done.mirror(),
                done.dryRun(),
                done.rows(),
                done.totals(),
                null,
                true);
    }

    static CsvFileFinished failed(CsvOrigin origin, boolean mirror, boolean dryRun, String reason, boolean report) {
        return new CsvFileFinished(
                Instant.now(), origin, CsvFileOutcome.ERROR, mirror, dryRun, 0, Map.of(), reason, report);
    }
}
