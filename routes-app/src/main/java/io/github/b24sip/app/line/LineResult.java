package io.github.b24sip.app.line;

import com.fasterxml.jackson.annotation.JsonValue;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/** What happened to a line, in one word: in reports, command results, metrics and the operator page. */
@RegisterForReflection
public enum LineResult {
    CREATED,
    UPDATED,
    REPLACED,
    DELETED,
    UNCHANGED,
    PLANNED,
    INVALID,
    FAILED;

    /** The word on the wire: lower case. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The result of one item of a sync report. */
    public static LineResult of(SyncItem item) {
        return of(item.action(), item.outcome());
    }

    /** The result of an item of a sync (of lines or of registrations) with this action and outcome. */
    public static LineResult of(SyncItem.Action action, SyncItem.Outcome outcome) {
        return switch (outcome) {
            case FAILED -> action == SyncItem.Action.INVALID ? INVALID : FAILED;
            case PLANNED -> PLANNED;
            case UNCHANGED -> UNCHANGED;
            case APPLIED ->
                switch (action) {
                    case CREATE -> CREATED;
                    case UPDATE -> UPDATED;
                    case REPLACE -> REPLACED;
                    case DELETE -> DELETED;
                    // an applied item is one of the four changes; anything else would be a report of no change
                    default -> UNCHANGED;
                };
        };
    }
}
