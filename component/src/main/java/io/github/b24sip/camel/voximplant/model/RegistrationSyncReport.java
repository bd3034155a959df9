package io.github.b24sip.camel.voximplant.model;

import io.github.b24sip.camel.bitrix24.model.SyncReport;

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
        SyncReport.Totals t = SyncReport.Totals.of(items, RegistrationSyncItem::action, RegistrationSyncItem::outcome);
        return new RegistrationSyncReport(
                dryRun, List.copyOf(items), t.created(), t.updated(), t.unchanged(), t.deleted(), t.failed(), calls);
    }

    /** The item of the registration with this user name at this proxy, or null: join by key, not by position. */
    public RegistrationSyncItem itemFor(String sipUsername, String proxy) {
        String key = RegistrationSpec.key(sipUsername, proxy);
        return items.stream().filter(i -> key.equals(i.key())).findFirst().orElse(null);
    }
}
