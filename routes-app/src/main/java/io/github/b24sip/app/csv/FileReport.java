package io.github.b24sip.app.csv;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a lines CSV did, in sum: where it came from, the mode it ran in, its data rows, the totals by result, and where
 * its report (every row's outcome) was written.
 */
@RegisterForReflection
public record FileReport(
        CsvOrigin origin, boolean mirror, boolean dryRun, int rows, Map<String, Integer> totals, Path reportJson) {

    public String file() {
        return origin.name();
    }
}
