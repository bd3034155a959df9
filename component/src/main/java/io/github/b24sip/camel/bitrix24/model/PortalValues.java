package io.github.b24sip.camel.bitrix24.model;

import java.util.Locale;

/**
 * Line values as a portal stores and compares them. The voximplant module's {@code CVoxImplantSip::PrepareFields}
 * trims TITLE, LOGIN and PASSWORD, and trims SERVER then removes every {@code http://} and {@code https://} from it
 * (PHP's case-sensitive {@code str_replace}); titles are looked up with a database {@code =} whose collation ignores
 * case. The component sends values normalised this way and compares a desired line with a stored one only after the
 * same normalisation: otherwise an input with a scheme or padding would plan an update on every sync, and every update
 * that carries SERVER, LOGIN or PASSWORD re-registers the line on a real portal.
 */
public final class PortalValues {

    private PortalValues() {}

    /** SERVER as stored: trimmed, then every {@code http://} and {@code https://} removed (case-sensitive). */
    public static String server(String value) {
        return value == null ? null : value.trim().replace("http://", "").replace("https://", "");
    }

    /** TITLE, LOGIN and PASSWORD as stored: trimmed. */
    public static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    /** The key two titles clash on: trimmed, case folded. Blank titles have none. */
    public static String titleKey(String title) {
        return title == null || title.isBlank() ? null : title.trim().toLowerCase(Locale.ROOT);
    }

    /** True when a password is given: a missing or blank one leaves the stored password alone in a sync. */
    public static boolean hasPassword(String password) {
        return password != null && !password.isBlank();
    }
}
