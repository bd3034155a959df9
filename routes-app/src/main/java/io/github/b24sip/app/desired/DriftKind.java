package io.github.b24sip.app.desired;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/**
 * How a portal's line differs from its declaration: {@code changed} (fields differ), {@code missing} (declared, not on
 * the portal), {@code unexpected} (declared absent, or not named by a mirror declaration), {@code unregistered} (a
 * cloud line with REG_ID 0: only a delete and an add registers it), {@code undeletable} (its registration vanished at
 * Voximplant, so the portal refuses to delete it: REG_ID_NOT_FOUND), {@code outgoing} (the portal's default outgoing
 * line is not the declared one).
 */
@RegisterForReflection
public enum DriftKind {
    CHANGED,
    MISSING,
    UNEXPECTED,
    UNREGISTERED,
    UNDELETABLE,
    OUTGOING;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
