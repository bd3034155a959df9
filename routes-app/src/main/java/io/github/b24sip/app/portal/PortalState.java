package io.github.b24sip.app.portal;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/**
 * A portal's standing: {@code LIVE} is polled and takes rows and commands; {@code NEEDS_REINSTALL} is an installed
 * portal whose refresh token the OAuth server refused ({@code invalid_grant}), left alone until it is installed again;
 * {@code INVALID} is a stored portal that cannot be used as stored (its {@code problem} says why), left alone until it
 * is put right through the portal API.
 */
@RegisterForReflection
public enum PortalState {
    LIVE,
    NEEDS_REINSTALL,
    INVALID;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static PortalState parse(String wire) {
        return valueOf(wire.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
