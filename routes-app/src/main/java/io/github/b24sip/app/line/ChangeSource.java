package io.github.b24sip.app.line;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/**
 * Where a change of lines came from: a CSV file (dropped or uploaded), a Kafka command, a JMS command, the portal API,
 * or a repair of drift.
 */
@RegisterForReflection
public enum ChangeSource {
    CSV,
    KAFKA,
    JMS,
    API,
    REPAIR;

    /** The word in metrics, logs and the shared record of applied commands: lower case. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
