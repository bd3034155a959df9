package io.github.b24sip.app.desired;

import io.github.b24sip.camel.bitrix24.model.PortalValues;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.sync.SyncPlanner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the cloud lines one status poll read with a portal's declaration (office lines are not polled, so not
 * watched; GET /api/portals/{name}/plan compares them): the planner's comparison ({@link
 * SyncPlanner#differences}), so a drift is exactly what a sync would write. Fields only the portal's UI sets
 * (AUTH_USER, OUTBOUND_PROXY, DETECT_LINE_NUMBER, LINE_DETECT_HEADER_ORDER) are never compared.
 */
public final class DriftDetector {

    private DriftDetector() {}

    /**
     * @param undeletable CONFIG_IDs of lines the portal refused to delete with REG_ID_NOT_FOUND
     */
    public static List<Drift> detect(PortalDeclaration declared, List<SipLine> lines, Set<Integer> undeletable) {
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
        List<Drift> drifts = new ArrayList<>();
        Set<String> named = new HashSet<>();
        declared.lines().forEach((key, line) -> {
            named.add(key);
            SipLine onPortal = byTitle.get(key);
            if (line.absent()) {
                if (onPortal != null) {
                    drifts.add(unexpected(onPortal, undeletable));
                }
                return;
            }
            if (!SipLineSpec.CLOUD.equals(line.type())) {
                // the poll reads cloud lines only (an office line has no registration to poll): not watched
                return;
            }
            if (onPortal == null) {
                drifts.add(new Drift(line.title(), null, DriftKind.MISSING, List.of()));
                return;
            }
            List<String> fields = SyncPlanner.differences(line.spec(), onPortal);
            if (!fields.isEmpty()) {
                drifts.add(new Drift(line.title(), onPortal.configId(), DriftKind.CHANGED, fields));
            } else if (onPortal.hasNoRegistration()) {
                drifts.add(new Drift(line.title(), onPortal.configId(), DriftKind.UNREGISTERED, List.of()));
            }
        });
        if (declared.mirror()) {
            byTitle.forEach((key, line) -> {
                if (!named.contains(key)) {
                    drifts.add(unexpected(line, undeletable));
                }
            });
            untitled.forEach(line -> drifts.add(unexpected(line, undeletable)));
        }
        return drifts;
    }

    /**
     * The {@code outgoing} drift: the declared default outgoing line is on the portal, registered, and yet not the
     * portal's default ({@code currentLineId}, as {@code voximplant.line.outgoing.get} answers). Empty when it is, when
     * none is declared, or when the line is missing or unregistered (those drifts say so, and its repair comes first).
     */
    public static Optional<Drift> outgoing(PortalDeclaration declared, List<SipLine> lines, String currentLineId) {
        String key = declared.outgoingKey();
        if (key == null) {
            return Optional.empty();
        }
        Optional<SipLine> line = lines.stream()
                .filter(l -> key.equals(PortalValues.titleKey(l.title())))
                .findFirst();
        if (line.isEmpty()
                || line.get().hasNoRegistration()
                || line.get().lineId().equals(currentLineId)) {
            return Optional.empty();
        }
        return Optional.of(new Drift(line.get().title(), line.get().configId(), DriftKind.OUTGOING, List.of()));
    }

    private static Drift unexpected(SipLine line, Set<Integer> undeletable) {
        return new Drift(
                line.title(),
                line.configId(),
                undeletable.contains(line.configId()) ? DriftKind.UNDELETABLE : DriftKind.UNEXPECTED,
                List.of());
    }

    /** The key an {@code outgoing} drift is remembered by: one per portal, beside its line's own drift. */
    static final String OUTGOING_KEY = "@outgoing";

    /**
     * The key a drift is remembered by: its title's key, or its CONFIG_ID for an untitled line; {@value #OUTGOING_KEY}
     * for the default outgoing line.
     */
    public static String key(Drift drift) {
        if (drift.kind() == DriftKind.OUTGOING) {
            return OUTGOING_KEY;
        }
        String key = PortalValues.titleKey(drift.title());
        return key != null ? key : "#" + drift.configId();
    }
}
