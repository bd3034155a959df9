package io.github.b24sip.app.portal;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the app does when a portal's lines differ from what was declared for them: {@code observe} reports the drift
 * and changes nothing, {@code repair} also puts the declared lines back, {@code off} does neither. {@code
 * b24sip.drift.policy} for every portal, a portal's {@code drift-policy} for one.
 */
@RegisterForReflection
public enum DriftPolicy {
    OBSERVE,
    REPAIR,
    OFF;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code observe}, {@code repair} or {@code off}, in any case; fails naming the values. */
    public static DriftPolicy parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + value + "' is not one of "
                    + Arrays.stream(values()).map(DriftPolicy::wireName).toList());
        }
    }
}
