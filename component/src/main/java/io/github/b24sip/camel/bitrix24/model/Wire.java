package io.github.b24sip.camel.bitrix24.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads API values at the boundary: numbers may come as JSON numbers or as database strings, empty means none. */
final class Wire {

    private Wire() {}

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Long longOrNull(JsonNode node, String field) {
        String s = text(node, field);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Integer intOrNull(JsonNode node, String field) {
        Long v = longOrNull(node, field);
        return v == null ? null : v.intValue();
    }

    static int intValue(JsonNode node, String field) {
        Integer v = intOrNull(node, field);
        return v == null ? 0 : v;
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        String s = v.asText();
        return "true".equalsIgnoreCase(s) || "1".equals(s) || "Y".equalsIgnoreCase(s);
    }
}
