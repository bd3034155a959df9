package io.github.b24sip.camel.bitrix24.model;

import java.util.List;
import java.util.function.Function;

/**
 * The result of {@code bitrix24-sip:sync}: one item per desired line (and per pruned line), in the desired set's
 * order, then the totals and the HTTP requests the sync sent.
 */
public record SyncReport(
        boolean dryRun,
        List<SyncItem> items,
        int created,
        int updated,
        int unchanged,
        int deleted,
        int failed,
        long requests) {

    public static SyncReport of(boolean dryRun, List<SyncItem> items, long requests) {
        Totals t = Totals.of(items, SyncItem::action, SyncItem::outcome);
        return new SyncReport(
                dryRun, List.copyOf(items), t.created(), t.updated(), t.unchanged(), t.deleted(), t.failed(), requests);
    }

    /** What a sync's items add up to; a replace counts as created. */
    public record Totals(int created, int updated, int unchanged, int deleted, int failed) {

        public static <T> Totals of(
                List<T> items, Function<T, SyncItem.Action> action, Function<T, SyncItem.Outcome> outcome) {
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            int deleted = 0;
            int failed = 0;
            for (T item : items) {
                SyncItem.Outcome o = outcome.apply(item);
                if (o == SyncItem.Outcome.FAILED) {
                    failed++;
                } else if (o == SyncItem.Outcome.UNCHANGED) {
                    unchanged++;
                } else {
                    switch (action.apply(item)) {
                        case CREATE, REPLACE -> created++;
                        case UPDATE -> updated++;
                        case DELETE -> deleted++;
                        default -> {}
                    }
                }
            }
            return new Totals(created, updated, unchanged, deleted, failed);
        }
    }

    /**
     * The item of the line with this title, as the portal compares titles (trimmed, without regard to case), or null:
     * join a report's items to what was asked by title, not by position.
     */
    public SyncItem itemFor(String title) {
        String key = PortalValues.titleKey(title);
        if (key == null) {
            return null;
        }
        for (SyncItem item : items) {
            if (key.equals(PortalValues.titleKey(item.title()))) {
                return item;
            }
        }
        return null;
    }
}
