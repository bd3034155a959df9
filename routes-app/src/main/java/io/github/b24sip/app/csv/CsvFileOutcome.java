package io.github.b24sip.app.csv;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/** How a CSV ended, as the {@code b24sip.csv.files} metric counts it and the operator page shows it. */
@RegisterForReflection
public enum CsvFileOutcome {
    /** Moved to done/, every row applied, unchanged or planned. */
    CLEAN,
    /** Moved to done/ with rows refused before anything was sent (each one in the report with its field and why). */
    WITH_INVALID_ROWS,
    /** Moved to done/ with rows or prune deletes that failed at the portal (each one in the report with its error). */
    WITH_FAILED_ROWS,
    /** Moved to error/: unreadable or too big (nothing applied), or a step failed leaving what rows did unknown. */
    ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
