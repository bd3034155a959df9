package io.github.b24sip.simulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request parameters the way PHP (and so Bitrix24) sees them: nested "PHP arrays" built from bracket keys
 * ({@code FILTER[CONFIG_ID][]=3}), held as insertion-ordered maps with string keys. JSON arrays become maps keyed
 * "0", "1", ... so every method reads one shape whatever the request encoding was.
 */
public final class PhpParams {

    private PhpParams() {}

    /** Parses an urlencoded query or form body ({@code +} is a space) into PHP arrays. */
    public static Map<String, Object> parseQuery(String raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(out, key, value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // PHP keeps a malformed escape as it is instead of refusing the request
            return s;
        }
    }

    /** Stores one key=value pair, following PHP's parse_str rules for brackets and top-level names. */
    @SuppressWarnings("unchecked")
    public static void put(Map<String, Object> target, String key, Object value) {
        int open = key.indexOf('[');
        int close = open < 0 ? -1 : key.indexOf(']', open);
        String name = open < 0 || close < 0 ? key : key.substring(0, open);
        // parse_str turns spaces and dots in the top-level name into underscores
        name = name.replace(' ', '_').replace('.', '_');
        if (open >= 0 && close < 0) {
            name = name.replace('[', '_');
        }
        if (name.isEmpty()) {
            return;
        }
        List<String> segments = new ArrayList<>();
        int pos = open;
        while (pos >= 0 && pos < key.length() && key.charAt(pos) == '[') {
            int end = key.indexOf(']', pos);
            if (end < 0) {
                break;
            }
            segments.add(key.substring(pos + 1, end));
            pos = end + 1;
        }
        Map<String, Object> current = target;
        String currentKey = name;
        for (String segment : segments) {
            Object child = current.get(currentKey);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                current.put(currentKey, child);
            }
            current = (Map<String, Object>) child;
            currentKey = segment.isEmpty() ? String.valueOf(nextIndex(current)) : segment;
        }
        current.put(currentKey, value);
    }

    private static int nextIndex(Map<String, Object> array) {
        int next = 0;
        for (String k : array.keySet()) {
            try {
                next = Math.max(next, Integer.parseInt(k) + 1);
            } catch (NumberFormatException ignored) {
                // string keys do not move PHP's next index
            }
        }
        return next;
    }

    /** Converts a decoded JSON value to PHP-array form: objects and arrays become string-keyed maps. */
    public static Object fromJson(Object json) {
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), fromJson(v)));
            return out;
        }
        if (json instanceof List<?> list) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                out.put(String.valueOf(i), fromJson(list.get(i)));
            }
            return out;
        }
        return json;
    }

    /** PHP truthiness: null, false, 0, "", "0" and empty arrays are false; so a form-encoded "false" is true. */
    public static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        String s = value.toString();
        return !s.isEmpty() && !"0".equals(s);
    }

    /** True when PHP's json_encode would write this array as a JSON list: keys exactly 0..n-1 in order. */
    public static boolean isList(Map<?, ?> array) {
        int i = 0;
        for (Object k : array.keySet()) {
            if (!String.valueOf(i++).equals(String.valueOf(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Prepares a value for JSON output as PHP would encode it: a map keyed 0..n-1 (and an empty map) becomes a
     * JSON list, other maps stay objects.
     */
    public static Object toJsonTree(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (isList(map)) {
                List<Object> list = new ArrayList<>(map.size());
                map.values().forEach(v -> list.add(toJsonTree(v)));
                return list;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), toJsonTree(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(toJsonTree(v)));
            return out;
        }
        return value;
    }

    /** A scalar parameter as PHP would see it in a string context, or null when absent or an array. */
    public static String string(Object value) {
        if (value == null || value instanceof Map) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "";
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        return value.toString();
    }
}
