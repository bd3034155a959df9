package io.github.b24sip.simulator.bitrix;

import io.github.b24sip.simulator.http.PhpParams;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code voximplant.sip.get}'s FILTER, SORT and ORDER over the stored rows (legacy Bitrix filter syntax). */
final class SipFilter {

    static final Set<String> FIELDS = Set.of(
            "ID",
            "TYPE",
            "TITLE",
            "CONFIG_ID",
            "REG_ID",
            "APP_ID",
            "SERVER",
            "LOGIN",
            "PASSWORD",
            "INCOMING_SERVER",
            "INCOMING_LOGIN",
            "INCOMING_PASSWORD",
            "AUTH_USER",
            "OUTBOUND_PROXY",
            "DETECT_LINE_NUMBER",
            "LINE_DETECT_HEADER_ORDER",
            "REGISTRATION_STATUS_CODE",
            "REGISTRATION_ERROR_MESSAGE");
    // longest first, so "!><" is not read as "!" + "><..."
    private static final List<String> OPERATORS =
            List.of("!><", "><", ">=", "<=", "!=", "!%", "!", ">", "<", "%", "=", "?");

    record Condition(String field, String operator, Object value) {}

    private final List<Condition> conditions = new ArrayList<>();

    /** Reads FILTER; an unknown field is the ORM's error, which REST reports as ERROR_CORE. */
    @SuppressWarnings("unchecked")
    SipFilter(Object filter) {
        if (!(filter instanceof Map<?, ?> map)) {
            return;
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
            String key = e.getKey().toUpperCase(Locale.ROOT);
            String operator = "=";
            for (String op : OPERATORS) {
                if (key.startsWith(op)) {
                    operator = op;
                    key = key.substring(op.length());
                    break;
                }
            }
            if (!FIELDS.contains(key)) {
                throw unknownField(key);
            }
            conditions.add(new Condition(key, operator, e.getValue()));
        }
    }

    static RestException unknownField(String field) {
        return new RestException("ERROR_CORE", "Unknown field definition `" + field + "` (voximplant_sip)");
    }

    /** The server always narrows the filter to the caller's application. */
    void restrictToApp(String appId) {
        conditions.removeIf(c -> c.field().equals("APP_ID"));
        conditions.add(new Condition("APP_ID", "=", appId));
    }

    boolean matches(Map<String, String> row) {
        return conditions.stream().allMatch(c -> matches(c, row.get(c.field())));
    }

    private static boolean matches(Condition c, String actual) {
        List<String> values = values(c.value());
        return switch (c.operator()) {
            case "=" -> values.stream().anyMatch(v -> equal(actual, v));
            case "!", "!=" -> values.stream().noneMatch(v -> equal(actual, v));
            case "%", "?" -> values.stream().anyMatch(v -> contains(actual, v));
            case "!%" -> values.stream().noneMatch(v -> contains(actual, v));
            case ">" -> actual != null && compare(actual, values.get(0)) > 0;
            case ">=" -> actual != null && compare(actual, values.get(0)) >= 0;
            case "<" -> actual != null && compare(actual, values.get(0)) < 0;
            case "<=" -> actual != null && compare(actual, values.get(0)) <= 0;
            case "><" -> between(actual, values);
            case "!><" -> !between(actual, values);
            default -> false;
        };
    }

    private static List<String> values(Object value) {
        if (value instanceof Map<?, ?> m) {
            List<String> out = new ArrayList<>();
            m.values().forEach(v -> out.add(PhpParams.string(v)));
            return out.isEmpty() ? List.of("") : out;
        }
        String s = PhpParams.string(value);
        return List.of(s == null ? "" : s);
    }

    /** Bitrix matches an empty filter value against NULL or ''. */
    private static boolean equal(String actual, String expected) {
        if (expected == null || expected.isEmpty()) {
            return actual == null || actual.isEmpty();
        }
        return actual != null && compare(actual, expected) == 0;
    }

    private static boolean contains(String actual, String part) {
        return actual != null
                && actual.toLowerCase(Locale.ROOT).contains(part == null ? "" : part.toLowerCase(Locale.ROOT));
    }

    private static boolean between(String actual, List<String> range) {
        return actual != null
                && range.size() >= 2
                && compare(actual, range.get(0)) >= 0
                && compare(actual, range.get(1)) <= 0;
    }

    /** Numbers compare as numbers (the database columns are numeric), everything else as text. */
    static int compare(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        return a.compareToIgnoreCase(b == null ? "" : b);
    }

    private static BigDecimal number(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** SORT is applied only when ORDER is given too; by default rows come in ID order. */
    static Comparator<Map<String, String>> order(String sort, String order) {
        Comparator<Map<String, String>> byId = Comparator.comparing(r -> number(r.get("ID")));
        if (sort == null || sort.isEmpty() || order == null || order.isEmpty()) {
            return byId;
        }
        String field = sort.toUpperCase(Locale.ROOT);
        if (!FIELDS.contains(field)) {
            throw unknownField(field);
        }
        Comparator<Map<String, String>> comparator = (r1, r2) -> {
            String a = r1.get(field);
            String b = r2.get(field);
            if (a == null || b == null) {
                return a == null ? (b == null ? 0 : -1) : 1;
            }
            return compare(a, b);
        };
        comparator = comparator.thenComparing(byId);
        return "DESC".equalsIgnoreCase(order) ? comparator.reversed() : comparator;
    }
}
