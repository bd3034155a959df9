package io.github.b24sip.camel.bitrix24.sync;

import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.model.PortalValues;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Action;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Outcome;
import io.github.b24sip.camel.bitrix24.support.SpecValidator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Plans a sync without touching the portal: turns a {@link SyncRequest} and the portal's lines into one
 * {@link SyncStep} per line, keyed by line.
 *
 * <p>Titles match as the portal compares them (trimmed, without regard to case), and values are compared as the
 * portal stores them ({@link PortalValues}): a scheme or padding in the input is not a change, so applying the same
 * set twice plans nothing the second time. A desired line without a password keeps the stored one. Lines on the portal
 * without a title (the portal allows them) are each their own entry, by CONFIG_ID: never matched by a desired line,
 * each deleted on its own by prune.
 */
public final class SyncPlanner {

    /** Without prune, a set of at most this many titles is read with a TITLE filter instead of reading every line. */
    public static final int FILTERED_READ_MAX_TITLES = 50;

    private SyncPlanner() {}

    /**
     * The titles whose lines the plan needs, for a TITLE-filtered read; empty when it needs every line (prune, or more
     * than {@value #FILTERED_READ_MAX_TITLES} titles).
     */
    public static Optional<Set<String>> titlesToRead(SyncRequest request) {
        Map<String, String> titles = new LinkedHashMap<>();
        for (Object item : request.desired()) {
            SipLineSpec spec = parse(item);
            if (spec != null && PortalValues.titleKey(spec.title()) != null) {
                titles.putIfAbsent(
                        PortalValues.titleKey(spec.title()), spec.title().trim());
            }
        }
        for (String title : request.absentTitles()) {
            if (PortalValues.titleKey(title) != null) {
                titles.putIfAbsent(PortalValues.titleKey(title), title.trim());
            }
        }
        if (request.prune() || titles.size() > FILTERED_READ_MAX_TITLES) {
            return Optional.empty();
        }
        return Optional.of(new LinkedHashSet<>(titles.values()));
    }

    public static SyncPlan plan(SyncRequest request, List<SipLine> existingLines) {
        List<SipLineSpec> specs = new ArrayList<>();
        Map<String, Integer> titleCount = new HashMap<>();
        for (Object item : request.desired()) {
            SipLineSpec spec = parse(item);
            specs.add(spec);
            String key = spec == null ? null : PortalValues.titleKey(spec.title());
            if (key != null) {
                titleCount.merge(key, 1, Integer::sum);
            }
        }
        Map<String, SipLine> byTitle = new LinkedHashMap<>();
        List<SipLine> untitled = new ArrayList<>();
        for (SipLine line : existingLines) {
            String key = PortalValues.titleKey(line.title());
            if (key == null) {
                untitled.add(line);
            } else {
                byTitle.putIfAbsent(key, line);
            }
        }
        List<SyncStep> steps = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            steps.add(desired(i, request.desired().get(i), specs.get(i), titleCount, byTitle));
        }
        Map<String, String> absent = new LinkedHashMap<>();
        request.absentTitles().stream()
                .filter(t -> PortalValues.titleKey(t) != null)
                .forEach(t -> absent.putIfAbsent(PortalValues.titleKey(t), t.trim()));
        absent.forEach((key, title) -> steps.add(absent(title, titleCount.containsKey(key), byTitle.get(key))));
        if (request.prune()) {
            byTitle.forEach((key, line) -> {
                if (!titleCount.containsKey(key) && !absent.containsKey(key)) {
                    steps.add(new SyncStep.Delete(LineKey.title(line.title()), line));
                }
            });
            untitled.forEach(line -> steps.add(new SyncStep.Delete(LineKey.untitled(line.configId()), line)));
        }
        return new SyncPlan(steps, request.dryRun());
    }

    private static SyncStep desired(
            int position, Object raw, SipLineSpec spec, Map<String, Integer> titleCount, Map<String, SipLine> byTitle) {
        SyncItem invalid = validate(raw, spec, titleCount);
        if (invalid != null) {
            return new SyncStep.Settled(LineKey.position(position), invalid);
        }
        String title = spec.title().trim();
        LineKey key = LineKey.title(title);
        SipLine line = byTitle.get(PortalValues.titleKey(title));
        if (line == null) {
            return new SyncStep.Create(key, title, spec);
        }
        if (!spec.effectiveType().equals(line.type())) {
            return new SyncStep.Replace(key, title, line, spec);
        }
        SipLineSpec changes = changes(spec, line);
        return changes == null ? new SyncStep.Keep(key, title, line) : new SyncStep.Update(key, title, line, changes);
    }

    /** An absent title: deleted when it exists, already done when not, refused when it is also desired. */
    private static SyncStep absent(String title, boolean alsoDesired, SipLine line) {
        LineKey key = LineKey.title(title);
        if (alsoDesired) {
            return new SyncStep.Settled(
                    key,
                    new SyncItem(
                            title,
                            Action.INVALID,
                            Outcome.FAILED,
                            null,
                            null,
                            "CONFLICTING_TITLE",
                            "the title '" + title + "' is both desired and to be deleted"));
        }
        if (line == null) {
            return new SyncStep.Settled(
                    key, new SyncItem(title, Action.DELETE, Outcome.UNCHANGED, null, null, null, null));
        }
        return new SyncStep.Delete(key, line);
    }

    private static SipLineSpec parse(Object item) {
        try {
            return SipLineSpec.from(item);
        } catch (Bitrix24SipException e) {
            return null;
        }
    }

    private static SyncItem validate(Object raw, SipLineSpec spec, Map<String, Integer> titleCount) {
        String title = spec == null ? null : spec.title();
        try {
            if (spec == null) {
                SipLineSpec.from(raw);
            }
            SpecValidator.checkAdd(spec);
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
     * The names of the fields ({@code type}, {@code title}, {@code server}, {@code login}, {@code password}) in which a
     * stored line differs from the desired one, compared as {@link #plan} compares them: normalised as the portal
     * stores values, a desired line without a password never differing in it. Empty when a sync would keep the line.
     */
    public static List<String> differences(SipLineSpec spec, SipLine line) {
        if (!spec.effectiveType().equals(line.type())) {
            return List.of("type");
        }
        SipLineSpec update = changes(spec, line);
        if (update == null) {
            return List.of();
        }
        List<String> fields = new ArrayList<>(4);
        if (update.title() != null) {
            fields.add("title");
        }
        if (update.server() != null) {
            fields.add("server");
        }
        if (update.login() != null) {
            fields.add("login");
        }
        if (update.password() != null) {
            fields.add("password");
        }
        return fields;
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
}
