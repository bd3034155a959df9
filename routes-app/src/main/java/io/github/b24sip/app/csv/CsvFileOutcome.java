package io.github.b24sip.app.csv;

import java.util.Locale;

/** How a lines file ended, as the {@code b24sip.csv.files} metric counts it. */
public enum CsvFileOutcome {
    /** Moved to done/, every row applied, unchanged, planned or invalid. */
    CLEAN,
    /** Moved to done/ with rows or prune deletes that failed (each one in the report with its error). */
    WITH_FAILED_ROWS,
    /** Moved to error/: a step failed in a way that leaves what some rows did unknown. */
    ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
