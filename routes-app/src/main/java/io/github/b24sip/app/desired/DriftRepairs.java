package io.github.b24sip.app.desired;

import io.github.b24sip.camel.bitrix24.model.PortalValues;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.sync.SyncRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sync that repairs some drifts, planned by the component's planner against the lines the poll read: changed
 * lines are updated (only the fields that differ), missing and unregistered lines added (an unregistered one after
 * its delete), lines declared absent deleted, and lines a mirror declaration does not name pruned. Nothing else on the
 * portal is read or touched.
 */
final class DriftRepairs {

    private DriftRepairs() {}

    /**
     * @param unregistered filled with the unregistered lines to delete before the request runs
     * @return the request, or null when there is nothing to repair
     */
    static SyncRequest request(
            PortalDeclaration declaration, List<Drift> drifts, List<SipLine> lines, List<SipLine> unregistered) {
        if (drifts.isEmpty()) {
            return null;
        }
        List<SipLineSpec> desired = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        Set<Integer> against = new HashSet<>();
        boolean prune = false;
        for (Drift drift : drifts) {
            DeclaredLine line = declaration.lines().get(PortalValues.titleKey(drift.title()));
            switch (drift.kind()) {
                case CHANGED -> {
                    desired.add(line.spec());
                    against.add(drift.configId());
                }
                case MISSING -> desired.add(line.spec());
                case UNREGISTERED -> {
                    desired.add(line.spec());
                    lines.stream().filter(l -> l.configId() == drift.configId()).forEach(unregistered::add);
                }
                case UNEXPECTED -> {
                    against.add(drift.configId());
                    if (line != null && line.absent()) {
                        absent.add(line.title());
                    } else {
                        prune = true;
                    }
                }
                case UNDELETABLE, OUTGOING -> {}
            }
        }
        List<SipLine> existing =
                lines.stream().filter(l -> against.contains(l.configId())).toList();
        return SyncRequest.of(desired).withAbsentTitles(absent).withPrune(prune).against(existing);
    }
}
