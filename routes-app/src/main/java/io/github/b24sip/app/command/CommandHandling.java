package io.github.b24sip.app.command;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/** What became of a command: applied, sent to the dead letters, or rolled back for redelivery (JMS). */
@RegisterForReflection
public enum CommandHandling {
    APPLIED,
    DEAD_LETTERED,
    ROLLED_BACK;

    /** The word in the {@code b24sip_commands_total{outcome}} metric: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
