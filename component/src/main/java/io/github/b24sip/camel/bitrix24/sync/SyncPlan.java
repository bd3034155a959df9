package io.github.b24sip.camel.bitrix24.sync;

import java.util.List;

/**
 * A sync's steps, in the report's order: the desired lines as given, then the absent titles as given, then the lines
 * pruned.
 */
public record SyncPlan(List<SyncStep> steps, boolean dryRun) {

    public SyncPlan {
        steps = List.copyOf(steps);
    }
}
