package io.github.b24sip.camel.bitrix24.model;

import java.util.List;

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
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int deleted = 0;
        int failed = 0;
        for (SyncItem item : items) {
            if (item.failed()) {
                failed++;
            } else if (item.outcome() == SyncItem.Outcome.UNCHANGED) {
                unchanged++;
            } else if (item.outcome() == SyncItem.Outcome.APPLIED || item.outcome() == SyncItem.Outcome.PLANNED) {
                switch (item.action()) {
                    case CREATE, REPLACE -> created++;
                    case UPDATE -> updated++;
                    case DELETE -> deleted++;
                    default -> {}
                }
            }
        }
        return new SyncReport(dryRun, List.copyOf(items), created, updated, unchanged, deleted, failed, requests);
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
