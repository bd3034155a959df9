package io.github.b24sip.camel.bitrix24.sync;

import io.github.b24sip.camel.bitrix24.client.SipApi;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brings one portal's lines to a desired set keyed by title: reads the lines the plan needs (unless the caller gave
 * them), plans ({@link SyncPlanner}), and applies or only reports the plan ({@link SyncExecutor}).
 */
public final class LineSync {

    private final SipApi api;
    private final SyncExecutor executor;

    public LineSync(SipApi api) {
        this.api = api;
        this.executor = new SyncExecutor(api);
    }

    public SyncReport sync(SyncRequest request) {
        long requestsBefore = api.client().requestCount();
        List<SipLine> existing = request.existingLines() != null ? request.existingLines() : read(request);
        SyncPlan plan = SyncPlanner.plan(request, existing);
        List<SyncItem> items = plan.dryRun() ? SyncExecutor.planned(plan) : executor.execute(plan);
        return SyncReport.of(plan.dryRun(), items, api.client().requestCount() - requestsBefore);
    }

    /** Every line when pruning or when the set is large; otherwise only the lines with the set's titles. */
    private List<SipLine> read(SyncRequest request) {
        Optional<Set<String>> titles = SyncPlanner.titlesToRead(request);
        if (titles.isEmpty()) {
            return api.get(null, null);
        }
        if (titles.get().isEmpty()) {
            return List.of();
        }
        // the portal's = and IN compare text without regard to case, as the title check does
        return api.get(Map.of("TITLE", new ArrayList<>(titles.get())), null);
    }
}
