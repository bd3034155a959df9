package io.github.b24sip.app.csv;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a lines CSV did, in sum: the mode it ran in, its data rows, the totals by result, and where its report (every
 * row's outcome) was written.
 */
public record FileReport(
        String file, boolean mirror, boolean dryRun, int rows, Map<String, Integer> totals, Path reportJson) {}
