package io.github.b24sip.app.desired;

import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.sync.SyncRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * One poll's drift: the events to send, the record to keep once they are sent, and the repair to run then (null:
 * none). {@code unregistered} lines are deleted before the repair adds them again; {@code outgoing} is the CONFIG_ID
 * of the line to make the portal's default outgoing line again (null: none).
 */
@RegisterForReflection // the drift route splits its events by a bean method call
public record DriftRound(
        String portal,
        List<DriftEvent> events,
        DriftRecord next,
        SyncRequest repair,
        List<SipLine> unregistered,
        Integer outgoing) {

    static DriftRound none(String portal) {
        return new DriftRound(portal, List.of(), null, null, List.of(), null);
    }
}
