package io.github.b24sip.camel.bitrix24.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** Writes a batch sub-command, {@code method?query}, with PHP bracket syntax for nested parameters. */
final class BatchCommands {

    private BatchCommands() {}

    static String command(String method, Map<String, ?> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, v) -> append(query, k, v));
        return method + "?" + query;
    }

    private static void append(StringJoiner query, String key, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> append(query, key + "[" + k + "]", v));
        } else if (value instanceof Iterable<?> list) {
            int i = 0;
            for (Object v : list) {
                append(query, key + "[" + i++ + "]", v);
            }
        } else {
            query.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
        }
    }
}
