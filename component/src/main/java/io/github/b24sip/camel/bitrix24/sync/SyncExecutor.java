package io.github.b24sip.camel.bitrix24.sync;

import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.client.SipApi;
import io.github.b24sip.camel.bitrix24.model.ItemResult;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Action;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link SyncPlan} in batches: deletes first (pruned lines, absent titles and the old halves of type changes),
 * so that freed titles and cloud slots are there for the adds; then adds, then updates. Each batch's results come
 * back under the steps' line keys, and each step's item is made from its own key's result.
 */
public final class SyncExecutor {

    private final SipApi api;

    public SyncExecutor(SipApi api) {
        this.api = api;
    }

    /** The items a dry run reports: each step planned, or unchanged. */
    public static List<SyncItem> planned(SyncPlan plan) {
        List<SyncItem> items = new ArrayList<>();
        for (SyncStep step : plan.steps()) {
            if (step instanceof SyncStep.Settled settled) {
                items.add(settled.item());
            } else if (step instanceof SyncStep.Keep keep) {
                items.add(item(keep.title(), Action.UNCHANGED, Outcome.UNCHANGED, keep.line(), null));
            } else if (step instanceof SyncStep.Create create) {
                items.add(item(create.title(), Action.CREATE, Outcome.PLANNED, null, null));
            } else if (step instanceof SyncStep.Update update) {
                items.add(item(update.title(), Action.UPDATE, Outcome.PLANNED, update.line(), null));
            } else if (step instanceof SyncStep.Replace replace) {
                items.add(item(replace.title(), Action.REPLACE, Outcome.PLANNED, replace.line(), null));
            } else if (step instanceof SyncStep.Delete delete) {
                items.add(item(titleOf(delete.line()), Action.DELETE, Outcome.PLANNED, delete.line(), null));
            }
        }
        return items;
    }

    /** Applies the plan; one item per step, in the plan's order. */
    public List<SyncItem> execute(SyncPlan plan) {
        Map<LineKey, Integer> toDelete = new LinkedHashMap<>();
        Map<LineKey, SipLineSpec> toUpdate = new LinkedHashMap<>();
        for (SyncStep step : plan.steps()) {
            if (step instanceof SyncStep.Replace replace) {
                toDelete.put(replace.key(), replace.line().configId());
            } else if (step instanceof SyncStep.Delete delete) {
                toDelete.put(delete.key(), delete.line().configId());
            } else if (step instanceof SyncStep.Update update) {
                toUpdate.put(update.key(), update.changes());
            }
        }
        Map<LineKey, ItemResult<Boolean>> deleted = toDelete.isEmpty() ? Map.of() : api.deleteEach(toDelete);
        Map<LineKey, SipLineSpec> toAdd = new LinkedHashMap<>();
        for (SyncStep step : plan.steps()) {
            if (step instanceof SyncStep.Create create) {
                toAdd.put(create.key(), create.spec());
            } else if (step instanceof SyncStep.Replace replace
                    && deleted.get(replace.key()).isSuccess()) {
                toAdd.put(replace.key(), replace.spec());
            }
        }
        Map<LineKey, ItemResult<SipLine>> added = toAdd.isEmpty() ? Map.of() : api.addEach(toAdd);
        Map<LineKey, ItemResult<Boolean>> updated = toUpdate.isEmpty() ? Map.of() : api.updateEach(toUpdate);
        List<SyncItem> items = new ArrayList<>();
        for (SyncStep step : plan.steps()) {
            items.add(outcome(step, deleted, added, updated));
        }
        return items;
    }

    private static SyncItem outcome(
            SyncStep step,
            Map<LineKey, ItemResult<Boolean>> deleted,
            Map<LineKey, ItemResult<SipLine>> added,
            Map<LineKey, ItemResult<Boolean>> updated) {
        if (step instanceof SyncStep.Settled settled) {
            return settled.item();
        } else if (step instanceof SyncStep.Keep keep) {
            return item(keep.title(), Action.UNCHANGED, Outcome.UNCHANGED, keep.line(), null);
        } else if (step instanceof SyncStep.Create create) {
            ItemResult<SipLine> r = added.get(create.key());
            return item(create.title(), Action.CREATE, outcome(r), r.value(), r.error());
        } else if (step instanceof SyncStep.Replace replace) {
            ItemResult<Boolean> removed = deleted.get(replace.key());
            if (!removed.isSuccess()) {
                return item(replace.title(), Action.REPLACE, Outcome.FAILED, replace.line(), removed.error());
            }
            ItemResult<SipLine> r = added.get(replace.key());
            return item(replace.title(), Action.REPLACE, outcome(r), r.value(), r.error());
        } else if (step instanceof SyncStep.Update update) {
            ItemResult<Boolean> r = updated.get(update.key());
            return item(update.title(), Action.UPDATE, outcome(r), update.line(), r.error());
        }
        SyncStep.Delete delete = (SyncStep.Delete) step;
        ItemResult<Boolean> r = deleted.get(delete.key());
        return item(titleOf(delete.line()), Action.DELETE, outcome(r), delete.line(), r.error());
    }

    private static Outcome outcome(ItemResult<?> result) {
        return result.isSuccess() ? Outcome.APPLIED : Outcome.FAILED;
    }

    /** An untitled line is reported with an empty title; its CONFIG_ID tells it apart. */
    private static String titleOf(SipLine line) {
        return line.title() == null ? "" : line.title();
    }

    private static SyncItem item(String title, Action action, Outcome outcome, SipLine line, Bitrix24SipException e) {
        return new SyncItem(
                title,
                action,
                outcome,
                line == null ? null : line.configId(),
                line == null ? null : line.regId(),
                e == null ? null : e.getErrorCode(),
                e == null ? null : e.getDescription());
    }
}
