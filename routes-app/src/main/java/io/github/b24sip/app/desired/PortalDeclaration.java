package io.github.b24sip.app.desired;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.b24sip.camel.bitrix24.model.PortalValues;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What was declared for one portal's lines: each line by its title key ({@link PortalValues#titleKey}), present or
 * absent. A mirror declaration ({@code mirror}: a mirror file, a {@code PUT} of the portal's lines) declares the whole
 * set, so a line on the portal it does not name is unexpected; upsert and delete rows and commands declare one line
 * each and leave the others alone.
 */
@RegisterForReflection
public record PortalDeclaration(
        String portal,
        boolean mirror,
        String mirrorOrigin,
        Map<String, DeclaredLine> lines,
        DeclaredOutgoing outgoing,
        Instant changedAt) {

    public PortalDeclaration {
        lines = Map.copyOf(lines);
    }

    public static PortalDeclaration none(String portal) {
        return new PortalDeclaration(portal, false, null, Map.of(), null, null);
    }

    @JsonIgnore // not a field: the stored JSON holds the record's components only
    public boolean isEmpty() {
        return !mirror && lines.isEmpty() && outgoing == null;
    }

    /**
     * With this line declared the portal's default outgoing line; it must be one of the declared lines (present).
     */
    public PortalDeclaration withOutgoing(DeclaredOutgoing declared) {
        return new PortalDeclaration(portal, mirror, mirrorOrigin, lines, declared, changedAt);
    }

    /**
     * The same declaration, changed at this time: a declaration this young may still be on its way to the portal (an
     * instance applying a file or a command), so drift is not judged against it yet.
     */
    public PortalDeclaration changedAt(Instant at) {
        return new PortalDeclaration(portal, mirror, mirrorOrigin, lines, outgoing, at);
    }

    /** The same declaration with other lines (sealed or opened passwords, at rest). */
    PortalDeclaration withLines(Map<String, DeclaredLine> other) {
        return new PortalDeclaration(portal, mirror, mirrorOrigin, other, outgoing, changedAt);
    }

    /** The declared default outgoing line's title key, or null when none is declared. */
    public String outgoingKey() {
        return outgoing == null ? null : PortalValues.titleKey(outgoing.title());
    }

    /** With these lines declared (a later declaration of a title replaces the earlier one). */
    public PortalDeclaration with(Collection<DeclaredLine> declared) {
        Map<String, DeclaredLine> next = new LinkedHashMap<>(lines);
        for (DeclaredLine line : declared) {
            String key = PortalValues.titleKey(line.title());
            DeclaredLine before = next.get(key);
            // a line declared again without a password keeps the one declared before, as the portal keeps its own
            next.put(
                    key,
                    line.password() == null && !line.absent() && before != null && !before.absent()
                            ? line.withPassword(before.password())
                            : line);
        }
        // a line declared absent can no longer be the default outgoing line
        DeclaredLine outgoingLine = outgoing == null ? null : next.get(outgoingKey());
        return new PortalDeclaration(
                portal,
                mirror,
                mirrorOrigin,
                next,
                outgoingLine == null || outgoingLine.absent() ? null : outgoing,
                changedAt);
    }

    /**
     * A mirror of these titles: the portal's whole set is declared, and a line declared earlier that the mirror does
     * not name is no longer declared.
     */
    public PortalDeclaration mirrored(Predicate<String> named, String origin) {
        Map<String, DeclaredLine> next = new LinkedHashMap<>();
        lines.forEach((key, line) -> {
            if (named.test(key) && !line.absent()) {
                next.put(key, line);
            }
        });
        return new PortalDeclaration(
                portal, true, origin, next, next.containsKey(outgoingKey()) ? outgoing : null, changedAt);
    }

    /** The whole set as given: a mirror of exactly these lines. */
    public static PortalDeclaration wholeSet(
            String portal, Collection<DeclaredLine> declared, String origin, Instant at) {
        return none(portal).with(declared).mirrored(keys(declared)::contains, origin);
    }

    private static Set<String> keys(Collection<DeclaredLine> declared) {
        Set<String> keys = new java.util.HashSet<>();
        declared.forEach(l -> keys.add(PortalValues.titleKey(l.title())));
        return keys;
    }
}
