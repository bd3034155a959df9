package io.github.b24sip.app.line;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/** What a CSV row or a command asks for a line: create or update it by title, or delete it by title. */
@RegisterForReflection
public enum LineAction {
    UPSERT,
    DELETE;

    /** Blank means upsert; anything else but upsert or delete is null. */
    public static LineAction parse(String value) {
        if (value == null || value.isBlank()) {
            return UPSERT;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "upsert" -> UPSERT;
            case "delete" -> DELETE;
            default -> null;
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
