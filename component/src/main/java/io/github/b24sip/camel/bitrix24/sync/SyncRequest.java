package io.github.b24sip.camel.bitrix24.sync;

import io.github.b24sip.camel.bitrix24.model.SipLine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * What a sync is asked to do.
 *
 * @param desired       the lines that must exist as given (a {@code SipLineSpec}, a Map or a JSON object each)
 * @param absentTitles  titles of lines that must not exist
 * @param prune         also delete every other line of the portal
 * @param dryRun        plan only: nothing is written
 * @param existingLines the portal's lines as the caller read them, planned against instead of reading the portal (null:
 *                      the sync reads what it needs)
 */
public record SyncRequest(
        List<?> desired, List<String> absentTitles, boolean prune, boolean dryRun, List<SipLine> existingLines) {

    public SyncRequest {
        desired = Collections.unmodifiableList(new ArrayList<>(desired));
        absentTitles = absentTitles == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(absentTitles));
        existingLines = existingLines == null ? null : List.copyOf(existingLines);
    }

    /** These lines, nothing absent, no prune, applied, the portal read as needed. */
    public static SyncRequest of(List<?> desired) {
        return new SyncRequest(desired, List.of(), false, false, null);
    }

    public SyncRequest withAbsentTitles(Collection<String> titles) {
        return new SyncRequest(desired, new ArrayList<>(titles), prune, dryRun, existingLines);
    }

    public SyncRequest withPrune(boolean prune) {
        return new SyncRequest(desired, absentTitles, prune, dryRun, existingLines);
    }

    public SyncRequest withDryRun(boolean dryRun) {
        return new SyncRequest(desired, absentTitles, prune, dryRun, existingLines);
    }

    public SyncRequest against(List<SipLine> existing) {
        return new SyncRequest(desired, absentTitles, prune, dryRun, existing);
    }
}
