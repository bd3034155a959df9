package io.github.b24sip.app.portal;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/**
 * Where a portal came from: {@code b24sip.portals.*} properties (changed only by a restart), the portal API, or a
 * Bitrix24 application install.
 */
@RegisterForReflection
public enum PortalSource {
    CONFIG,
    API,
    INSTALL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PortalSource parse(String wire) {
        return valueOf(wire.trim().toUpperCase(Locale.ROOT));
    }
}
