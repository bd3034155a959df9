package io.github.b24sip.camel.voximplant.model;

import io.github.b24sip.camel.bitrix24.model.SyncItem.Outcome;

import java.util.List;

/**
 * The result of {@code voximplant-sip:sync}: one item per desired registration in the order given, then one per
 * registration pruned; the totals and the API calls the sync made.
 */
public record RegistrationSyncReport(
        boolean dryRun,
        List<RegistrationSyncItem> items,
        int created,
        int updated,
        int unchanged,
        int deleted,
        int failed,
        long calls) {

    public static RegistrationSyncReport of(boolean dryRun, List<RegistrationSyncItem> items, long calls) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int deleted = 0;
        int failed = 0;
        for (RegistrationSyncItem item : items) {
            if (item.failed()) {
                failed++;
            } else if (item.outcome() == Outcome.UNCHANGED) {
                unchanged++;
            } else {
                switch (item.action()) {
                    case CREATE -> created++;
                    case UPDATE -> updated++;
                    case DELETE -> deleted++;
                    default -> {}
                }
            }
        }
        return new RegistrationSyncReport(
                dryRun, List.copyOf(items), created, updated, unchanged, deleted, failed, calls);
    }

    /** The item of the registration with this user name at this proxy, or null: join by key, not by position. */
    public RegistrationSyncItem itemFor(String sipUsername, String proxy) {
        String key = RegistrationSpec.key(sipUsername, proxy);
        return items.stream().filter(i -> key.equals(i.key())).findFirst().orElse(null);
    }
}
