package io.github.b24sip.camel.bitrix24.client;

import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.model.ItemResult;
import io.github.b24sip.camel.bitrix24.model.PortalValues;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Brings one portal's lines to a desired set keyed by title: reads the lines, plans create / update / unchanged /
 * replace (a type change: delete + add) / delete, then applies the writes in batches. Deletes go first, so freed
 * titles and cloud slots are there for the adds. Unchanged lines cost no write, and a title that must be absent and
 * already is costs none either, so applying the same set twice changes nothing the second time.
 *
 * <p>Titles match as the portal compares them (trimmed, without regard to case), and values are compared as the
 * portal stores them ({@link PortalValues}): a scheme or padding in the input is not a change. A desired line without
 * a password keeps the stored one. Lines on the portal without a title (the portal allows them) are each their own
 * entry, by CONFIG_ID: never matched by a desired line, each deleted on its own by prune.
 */
public final class SipSync {

    private final SipApi api;

    public SipSync(SipApi api) {
        this.api = api;
    }

    /** A desired line at its position in the input, and the plan for it. */
    private record Planned(int position, SipLineSpec spec, SipLine existing, Action action, SyncItem invalid) {}

    /** The lines read from the portal: by title key, and those without a title. */
    private record Existing(Map<String, SipLine> byTitle, List<SipLine> untitled) {}

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
        return sync(desired, absentTitles, prune, dryRun, null);
    }

    /**
     * @param existingLines the portal's lines as the caller read them, planned against instead of reading the portal
     *                      (null: read them)
     */
    public SyncReport sync(
            List<?> desired,
            Collection<String> absentTitles,
            boolean prune,
            boolean dryRun,
            List<SipLine> existingLines) {
        long requestsBefore = api.client().requestCount();
        List<Planned> plan = new ArrayList<>();
        Map<String, Integer> titleCount = new HashMap<>();
        Map<String, String> desiredTitles = new LinkedHashMap<>();
        List<SipLineSpec> specs = new ArrayList<>();
        for (Object item : desired) {
            SipLineSpec spec = null;
            try {
                spec = SipLineSpec.from(item);
            } catch (Bitrix24SipException e) {
                // kept as null: reported as invalid below
            }
            specs.add(spec);
            String key = spec == null ? null : PortalValues.titleKey(spec.title());
            if (key != null) {
                titleCount.merge(key, 1, Integer::sum);
                desiredTitles.putIfAbsent(key, spec.title().trim());
            }
        }
        Map<String, String> absent = new LinkedHashMap<>();
        absentTitles.stream()
                .filter(t -> PortalValues.titleKey(t) != null)
                .forEach(t -> absent.putIfAbsent(PortalValues.titleKey(t), t.trim()));
        Existing existing =
                index(existingLines != null ? existingLines : read(desiredTitles.values(), absent.values(), prune));
        for (int i = 0; i < specs.size(); i++) {
            SipLineSpec spec = specs.get(i);
            SyncItem invalid = validate(desired.get(i), spec, titleCount);
            if (invalid != null) {
                plan.add(new Planned(i, spec, null, Action.INVALID, invalid));
                continue;
            }
            SipLine line = existing.byTitle().get(PortalValues.titleKey(spec.title()));
            Action action = line == null
                    ? Action.CREATE
                    : !spec.effectiveType().equals(line.type())
                            ? Action.REPLACE
                            : changes(spec, line) == null ? Action.UNCHANGED : Action.UPDATE;
            plan.add(new Planned(i, spec, line, action, null));
        }
        // removals: the absent titles that exist, in the order given, then the pruned lines
        List<SipLine> removals = new ArrayList<>();
        Map<String, SyncItem> settled = new HashMap<>();
        absent.forEach((key, title) -> {
            SipLine line = existing.byTitle().get(key);
            if (titleCount.containsKey(key)) {
                settled.put(
                        key,
                        new SyncItem(
                                title,
                                Action.INVALID,
                                Outcome.FAILED,
                                null,
                                null,
                                "CONFLICTING_TITLE",
                                "the title '" + title + "' is both desired and to be deleted"));
            } else if (line == null) {
                settled.put(key, new SyncItem(title, Action.DELETE, Outcome.UNCHANGED, null, null, null, null));
            } else {
                removals.add(line);
            }
        });
        if (prune) {
            existing.byTitle().forEach((key, line) -> {
                if (!titleCount.containsKey(key) && !absent.containsKey(key)) {
                    removals.add(line);
                }
            });
            removals.addAll(existing.untitled());
        }
        List<SyncItem> done = dryRun ? planOnly(plan, removals) : apply(plan, removals);
        List<SyncItem> items = new ArrayList<>(done.subList(0, plan.size()));
        Iterator<SyncItem> removed = done.subList(plan.size(), done.size()).iterator();
        absent.keySet().forEach(key -> items.add(settled.containsKey(key) ? settled.get(key) : removed.next()));
        removed.forEachRemaining(items::add);
        return SyncReport.of(dryRun, items, api.client().requestCount() - requestsBefore);
    }

    /** Every line when pruning or when the set is large; otherwise only the lines with the set's titles. */
    private List<SipLine> read(Collection<String> desiredTitles, Collection<String> absent, boolean prune) {
        Set<String> titles = new LinkedHashSet<>(desiredTitles);
        titles.addAll(absent);
        if (prune || titles.size() > FILTERED_READ_MAX_TITLES) {
            return api.get(null, null);
        }
        if (titles.isEmpty()) {
            return List.of();
        }
        // the portal's = and IN compare text without regard to case, as the title check does
        return api.get(Map.of("TITLE", new ArrayList<>(titles)), null);
    }

    private static Existing index(List<SipLine> lines) {
        Map<String, SipLine> byTitle = new LinkedHashMap<>();
        List<SipLine> untitled = new ArrayList<>();
        for (SipLine line : lines) {
            String key = PortalValues.titleKey(line.title());
            if (key == null) {
                untitled.add(line);
            } else {
                byTitle.putIfAbsent(key, line);
            }
        }
        return new Existing(byTitle, untitled);
    }

    private static SyncItem validate(Object raw, SipLineSpec spec, Map<String, Integer> titleCount) {
        String title = spec == null ? null : spec.title();
        try {
            if (spec == null) {
                SipLineSpec.from(raw);
            }
            SpecValidator.addParams(spec);
        } catch (Bitrix24SipException e) {
            return new SyncItem(
                    title, Action.INVALID, Outcome.FAILED, null, null, e.getErrorCode(), e.getDescription());
        }
        int count = titleCount.get(PortalValues.titleKey(title));
        if (count > 1) {
            return new SyncItem(
                    title,
                    Action.INVALID,
                    Outcome.FAILED,
                    null,
                    null,
                    "DUPLICATE_TITLE",
                    "the title '" + title.trim() + "' appears " + count
                            + " times in the desired set (titles match without regard to case)");
        }
        return null;
    }

    /**
     * The update that brings a stored line to the desired one: only the fields that differ once normalised as the
     * portal stores them (an update with SERVER, LOGIN or PASSWORD re-registers the line), or null when none does.
     * A title differing only in case is updated alone, which does not re-register. A desired line without a password
     * keeps the stored one (the portal returns passwords in clear, so a changed password is seen).
     */
    static SipLineSpec changes(SipLineSpec spec, SipLine line) {
        String title = PortalValues.trimmed(spec.title());
        String server = PortalValues.server(spec.server());
        String login = PortalValues.trimmed(spec.login());
        String password = PortalValues.hasPassword(spec.password()) ? PortalValues.trimmed(spec.password()) : null;
        SipLineSpec update = new SipLineSpec(
                Objects.equals(title, line.title()) ? null : title,
                null,
                Objects.equals(server, line.server()) ? null : server,
                Objects.equals(login, line.login()) ? null : login,
                password == null || password.equals(line.password()) ? null : password,
                line.configId());
        boolean nothing = update.title() == null
                && update.server() == null
                && update.login() == null
                && update.password() == null;
        return nothing ? null : update;
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
        removals.forEach(l -> items.add(
                new SyncItem(titleOf(l), Action.DELETE, Outcome.PLANNED, l.configId(), l.regId(), null, null)));
        return items;
    }

    private List<SyncItem> apply(List<Planned> plan, List<SipLine> removals) {
        Map<Integer, SyncItem> byPosition = new LinkedHashMap<>();
        // 1. deletes: pruned lines and the old halves of type changes
        List<Object> deleteIds = new ArrayList<>();
        List<Planned> replaced =
                plan.stream().filter(p -> p.action() == Action.REPLACE).toList();
        replaced.forEach(p -> deleteIds.add(p.existing().configId()));
        removals.forEach(l -> deleteIds.add(l.configId()));
        List<ItemResult<Boolean>> deletes = deleteIds.isEmpty() ? List.of() : api.deleteAll(deleteIds);
        List<Planned> toAdd = new ArrayList<>(
                plan.stream().filter(p -> p.action() == Action.CREATE).toList());
        for (int i = 0; i < replaced.size(); i++) {
            if (deletes.get(i).isSuccess()) {
                toAdd.add(replaced.get(i));
            } else {
                byPosition.put(
                        replaced.get(i).position(),
                        item(
                                replaced.get(i),
                                Outcome.FAILED,
                                replaced.get(i).existing(),
                                deletes.get(i).error()));
            }
        }
        List<SyncItem> pruned = new ArrayList<>();
        for (int i = 0; i < removals.size(); i++) {
            ItemResult<Boolean> r = deletes.get(replaced.size() + i);
            SipLine l = removals.get(i);
            pruned.add(new SyncItem(
                    titleOf(l),
                    Action.DELETE,
                    r.isSuccess() ? Outcome.APPLIED : Outcome.FAILED,
                    l.configId(),
                    l.regId(),
                    r.isSuccess() ? null : r.error().getErrorCode(),
                    r.isSuccess() ? null : r.error().getDescription()));
        }
        // 2. adds, 3. updates
        List<ItemResult<SipLine>> added = toAdd.isEmpty()
                ? List.of()
                : api.addAll(toAdd.stream().map(p -> (Object) p.spec()).toList());
        recordResults(byPosition, toAdd, added, (planned, r) -> r.isSuccess() ? r.value() : null);
        List<Planned> toUpdate =
                plan.stream().filter(p -> p.action() == Action.UPDATE).toList();
        List<ItemResult<Boolean>> updated = toUpdate.isEmpty()
                ? List.of()
                : api.updateAll(toUpdate.stream()
                        .map(p -> changes(p.spec(), p.existing()))
                        .toList());
        recordResults(byPosition, toUpdate, updated, (planned, r) -> planned.existing());
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

    /** An untitled line is reported with an empty title; its CONFIG_ID tells it apart. */
    private static String titleOf(SipLine line) {
        return line.title() == null ? "" : line.title();
    }

    /** The items of a batched step: applied or failed per result, with the line {@code line} gives for each. */
    private static <T> void recordResults(
            Map<Integer, SyncItem> byPosition,
            List<Planned> planned,
            List<ItemResult<T>> results,
            BiFunction<Planned, ItemResult<T>, SipLine> line) {
        for (int i = 0; i < planned.size(); i++) {
            Planned p = planned.get(i);
            ItemResult<T> r = results.get(i);
            byPosition.put(
                    p.position(),
                    item(p, r.isSuccess() ? Outcome.APPLIED : Outcome.FAILED, line.apply(p, r), r.error()));
        }
    }

    private static SyncItem item(Planned p, Outcome outcome, SipLine line, Bitrix24SipException error) {
        return new SyncItem(
                p.spec().title().trim(),
                p.action(),
                outcome,
                line == null ? null : line.configId(),
                line == null ? null : line.regId(),
                error == null ? null : error.getErrorCode(),
                error == null ? null : error.getDescription());
    }
}
