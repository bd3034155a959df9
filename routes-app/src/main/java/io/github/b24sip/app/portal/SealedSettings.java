package io.github.b24sip.app.portal;

import io.github.b24sip.app.secret.SecretSealer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A portal's settings as stored: its secrets sealed, each bound to the portal and the field it belongs to, so a sealed
 * value moved to another row or field does not open.
 */
public final class SealedSettings {

    private SealedSettings() {}

    public static Map<String, String> seal(SecretSealer sealer, String portal, Map<String, String> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach((k, v) ->
                out.put(k, PortalDefinition.SECRETS.contains(k) ? sealer.seal(v, context(portal, k)) : v));
        return out;
    }

    public static Map<String, String> open(SecretSealer sealer, String portal, Map<String, String> stored) {
        Map<String, String> out = new LinkedHashMap<>();
        stored.forEach((k, v) ->
                out.put(k, PortalDefinition.SECRETS.contains(k) ? sealer.open(v, context(portal, k)) : v));
        return out;
    }

    /** True when a stored secret is in clear or sealed with a previous key: it should be written again. */
    public static boolean needsResealing(SecretSealer sealer, Map<String, String> stored) {
        return stored.entrySet().stream()
                .anyMatch(e -> PortalDefinition.SECRETS.contains(e.getKey()) && sealer.needsResealing(e.getValue()));
    }

    private static String context(String portal, String field) {
        return "portal:" + portal + ":" + field;
    }
}
