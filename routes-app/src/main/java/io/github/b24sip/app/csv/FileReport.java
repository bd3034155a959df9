package io.github.b24sip.app.csv;

import java.util.List;
import java.util.Map;

/** What a lines CSV did: the mode it ran in, every row's outcome in row order, then the totals by result. */
public record FileReport(
        String file,
        boolean mirror,
        boolean dryRun,
        int rows,
        Map<String, Integer> totals,
        List<RowOutcome> outcomes) {}
