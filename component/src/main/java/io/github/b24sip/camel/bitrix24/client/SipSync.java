package io.github.b24sip.camel.bitrix24.client;

import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.model.ItemResult;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Action;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Outcome;
import io.github.b24sip.camel.bitrix24.model.SyncReport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Brings one portal's lines to a desired set keyed by title: reads the lines, plans create / update / unchanged /
 * replace (a type change: delete + add) / delete, then applies the writes in batches. Deletes go first, so freed
 * titles and cloud slots are there for the adds. Unchanged lines cost no write, and a title that must be absent and
 * already is costs none either, so applying the same set twice changes nothing the second time.
 */
public final class SipSync {

    private final SipApi api;

    public SipSync(SipApi api) {
        this.api = api;
    }

    /** A desired line at its position in the input, and the plan for it. */
    private record Planned(int position, SipLineSpec spec, SipLine existing, Action action, SyncItem invalid) {
    }

    /** Without prune, a set of at most this many titles is read with a TITLE filter instead of reading every line. */
    static final int FILTERED_READ_MAX_TITLES = 50;

    public SyncReport sync(List<?> desired, boolean prune, boolean dryRun) {
        return sync(desired, List.of(), prune, dryRun);
    }

    /**
     * @param absentTitles titles of lines that must not exist: an existing one is deleted, a missing one is reported
     *                     unchanged; their items follow the desired set's items in the report
     */
    public SyncReport sync(List<?> desired, Collection<String> absentTitles, boolean prune, boolean dryRun) {
        long requestsBefore = api.client().requestCount();
        List<Planned> plan = new ArrayList<>();
        Map<String, Integer> titleCount = new HashMap<>();
        List<SipLineSpec> specs = new ArrayList<>();
        for (Object item : desired) {
            SipLineSpec spec = null;
            try {
                spec = SipLineSpec.from(item);
            } catch (Bitrix24SipException e) {
                // kept as null: reported as invalid below
            }
            specs.add(spec);
            if (spec != null && spec.title() != null) {
                titleCount.merge(spec.title().trim(), 1, Integer::sum);
            }
        }
        Set<String> absent = new LinkedHashSet<>();
        absentTitles.stream().filter(t -> t != null && !t.isBlank()).forEach(t -> absent.add(t.trim()));
        Map<String, SipLine> existing = new LinkedHashMap<>();
        for (SipLine line : read(titleCount.keySet(), absent, prune)) {
            existing.putIfAbsent(line.title() == null ? "" : line.title(), line);
        }
        for (int i = 0; i < specs.size(); i++) {
            SipLineSpec spec = specs.get(i);
            SyncItem invalid = validate(desired.get(i), spec, titleCount);
            if (invalid != null) {
                plan.add(new Planned(i, spec, null, Action.INVALID, invalid));
                continue;
            }
            String title = spec.title().trim();
            SipLine line = existing.get(title);
            Action action = line == null ? Action.CREATE
                    : !spec.effectiveType().equals(line.type()) ? Action.REPLACE
                    : same(spec, line) ? Action.UNCHANGED : Action.UPDATE;
            plan.add(new Planned(i, spec, line, action, null));
        }
        // removals: the absent titles that exist, in the order given, then the pruned lines
        List<SipLine> removals = new ArrayList<>();
        Map<String, SyncItem> settled = new HashMap<>();
        for (String title : absent) {
            SipLine line = existing.get(title);
            if (titleCount.containsKey(title)) {
                settled.put(title, new SyncItem(title, Action.INVALID, Outcome.FAILED, null, null, "CONFLICTING_TITLE",
                        "the title '" + title + "' is both desired and to be deleted"));
            } else if (line == null) {
                settled.put(title, new SyncItem(title, Action.DELETE, Outcome.UNCHANGED, null, null, null, null));
            } else {
                removals.add(line);
            }
        }
        if (prune) {
            existing.forEach((title, line) -> {
                if (!titleCount.containsKey(title) && !absent.contains(title)) {
                    removals.add(line);
                }
            });
        }
        List<SyncItem> done = dryRun ? planOnly(plan, removals) : apply(plan, removals);
        List<SyncItem> items = new ArrayList<>(done.subList(0, plan.size()));
        Iterator<SyncItem> removed = done.subList(plan.size(), done.size()).iterator();
        absent.forEach(title -> items.add(settled.containsKey(title) ? settled.get(title) : removed.next()));
        removed.forEachRemaining(items::add);
        return SyncReport.of(dryRun, items, api.client().requestCount() - requestsBefore);
    }

    /** Every line when pruning or when the set is large; otherwise only the lines with the set's titles. */
    private List<SipLine> read(Set<String> desiredTitles, Set<String> absent, boolean prune) {
        Set<String> titles = new LinkedHashSet<>(desiredTitles);
        titles.addAll(absent);
        if (prune || titles.size() > FILTERED_READ_MAX_TITLES) {
            return api.get(null, null);
        }
        if (titles.isEmpty()) {
            return List.of();
        }
        return api.get(Map.of("TITLE", new ArrayList<>(titles)), null);
    }

    private static SyncItem validate(Object raw, SipLineSpec spec, Map<String, Integer> titleCount) {
        String title = spec == null ? null : spec.title();
        try {
            if (spec == null) {
                SipLineSpec.from(raw);
            }
            SpecValidator.addParams(spec);
        } catch (Bitrix24SipException e) {
            return new SyncItem(title, Action.INVALID, Outcome.FAILED, null, null, e.getErrorCode(), e.getDescription());
        }
        if (titleCount.get(title.trim()) > 1) {
            return new SyncItem(title, Action.INVALID, Outcome.FAILED, null, null, "DUPLICATE_TITLE",
                    "the title '" + title.trim() + "' appears " + titleCount.get(title.trim()) + " times in the desired set");
        }
        return null;
    }

    /** The portal returns passwords in clear, so a changed password is seen and updated too. */
    private static boolean same(SipLineSpec spec, SipLine line) {
        return Objects.equals(spec.server().trim(), line.server()) && Objects.equals(spec.login().trim(), line.login())
                && Objects.equals(spec.password() == null ? "" : spec.password(), line.password() == null ? "" : line.password());
    }

    private static List<SyncItem> planOnly(List<Planned> plan, List<SipLine> removals) {
        List<SyncItem> items = new ArrayList<>();
        for (Planned p : plan) {
            if (p.invalid() != null) {
                items.add(p.invalid());
            } else {
                Outcome outcome = p.action() == Action.UNCHANGED ? Outcome.UNCHANGED : Outcome.PLANNED;
                items.add(item(p, outcome, p.existing(), null));
            }
        }
        removals.forEach(l -> items.add(new SyncItem(l.title(), Action.DELETE, Outcome.PLANNED, l.configId(), l.regId(), null, null)));
        return items;
    }

    private List<SyncItem> apply(List<Planned> plan, List<SipLine> removals) {
        Map<Integer, SyncItem> byPosition = new LinkedHashMap<>();
        // 1. deletes: pruned lines and the old halves of type changes
        List<Object> deleteIds = new ArrayList<>();
        List<Planned> replaced = plan.stream().filter(p -> p.action() == Action.REPLACE).toList();
        replaced.forEach(p -> deleteIds.add(p.existing().configId()));
        removals.forEach(l -> deleteIds.add(l.configId()));
        List<ItemResult<Boolean>> deletes = deleteIds.isEmpty() ? List.of() : api.deleteAll(deleteIds);
        List<Planned> toAdd = new ArrayList<>(plan.stream().filter(p -> p.action() == Action.CREATE).toList());
        for (int i = 0; i < replaced.size(); i++) {
            if (deletes.get(i).isSuccess()) {
                toAdd.add(replaced.get(i));
            } else {
                byPosition.put(replaced.get(i).position(), item(replaced.get(i), Outcome.FAILED, replaced.get(i).existing(), deletes.get(i).error()));
            }
        }
        List<SyncItem> pruned = new ArrayList<>();
        for (int i = 0; i < removals.size(); i++) {
            ItemResult<Boolean> r = deletes.get(replaced.size() + i);
            SipLine l = removals.get(i);
            pruned.add(new SyncItem(l.title(), Action.DELETE, r.isSuccess() ? Outcome.APPLIED : Outcome.FAILED, l.configId(),
                    l.regId(), r.isSuccess() ? null : r.error().getErrorCode(), r.isSuccess() ? null : r.error().getDescription()));
        }
        // 2. adds, 3. updates
        List<ItemResult<SipLine>> added = toAdd.isEmpty() ? List.of() : api.addAll(toAdd.stream().map(p -> (Object) p.spec()).toList());
        for (int i = 0; i < toAdd.size(); i++) {
            ItemResult<SipLine> r = added.get(i);
            byPosition.put(toAdd.get(i).position(), item(toAdd.get(i), r.isSuccess() ? Outcome.APPLIED : Outcome.FAILED,
                    r.isSuccess() ? r.value() : null, r.error()));
        }
        List<Planned> toUpdate = plan.stream().filter(p -> p.action() == Action.UPDATE).toList();
        List<ItemResult<Boolean>> updated = toUpdate.isEmpty() ? List.of()
                : api.updateAll(toUpdate.stream().map(p -> changes(p.spec(), p.existing())).toList());
        for (int i = 0; i < toUpdate.size(); i++) {
            ItemResult<Boolean> r = updated.get(i);
            byPosition.put(toUpdate.get(i).position(), item(toUpdate.get(i), r.isSuccess() ? Outcome.APPLIED : Outcome.FAILED,
                    toUpdate.get(i).existing(), r.error()));
        }
        List<SyncItem> items = new ArrayList<>();
        for (Planned p : plan) {
            if (p.invalid() != null) {
                items.add(p.invalid());
            } else if (p.action() == Action.UNCHANGED) {
                items.add(item(p, Outcome.UNCHANGED, p.existing(), null));
            } else {
                items.add(byPosition.get(p.position()));
            }
        }
        items.addAll(pruned);
        return items;
    }

    /** Only the fields that differ, so an update does not restart a registration for nothing. */
    private static SipLineSpec changes(SipLineSpec spec, SipLine line) {
        String server = Objects.equals(spec.server().trim(), line.server()) ? null : spec.server();
        String login = Objects.equals(spec.login().trim(), line.login()) ? null : spec.login();
        String password = Objects.equals(spec.password() == null ? "" : spec.password(), line.password() == null ? "" : line.password())
                ? null : (spec.password() == null ? "" : spec.password());
        return new SipLineSpec(null, null, server, login, password, line.configId());
    }

    private static SyncItem item(Planned p, Outcome outcome, SipLine line, Bitrix24SipException error) {
        return new SyncItem(p.spec().title().trim(), p.action(), outcome, line == null ? null : line.configId(),
                line == null ? null : line.regId(), error == null ? null : error.getErrorCode(),
                error == null ? null : error.getDescription());
    }
}
