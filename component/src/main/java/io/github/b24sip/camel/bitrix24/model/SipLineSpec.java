package io.github.b24sip.camel.bitrix24.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.camel.Json;
import io.github.b24sip.camel.bitrix24.Bitrix24SipValidationException;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * A SIP line as the caller wants it: the input of {@code add}, {@code update} and {@code sync}. The title is the
 * line's identity; {@code configId} names the line to update.
 */
public record SipLineSpec(String title, String type, String server, String login, String password, Integer configId) {

    public static final String CLOUD = "cloud";
    public static final String OFFICE = "office";
    private static final ObjectMapper JSON = Json.MAPPER;

    public static SipLineSpec cloud(String title, String server, String login, String password) {
        return new SipLineSpec(title, CLOUD, server, login, password, null);
    }

    public static SipLineSpec office(String title, String server, String login, String password) {
        return new SipLineSpec(title, OFFICE, server, login, password, null);
    }

    public SipLineSpec withConfigId(Integer id) {
        return new SipLineSpec(title, type, server, login, password, id);
    }

    /** The type, {@code cloud} when none is given. */
    public String effectiveType() {
        return type == null || type.isBlank() ? CLOUD : type.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a spec from a {@code SipLineSpec}, a {@code Map} (keys in any case: {@code title} or {@code TITLE},
     * {@code configId} or {@code CONFIG_ID}) or a JSON object string.
     */
    public static SipLineSpec from(Object body) {
        if (body instanceof SipLineSpec spec) {
            return spec;
        }
        if (body instanceof Map<?, ?> map) {
            return fromMap(map);
        }
        if (body instanceof String text) {
            try {
                JsonNode node = JSON.readTree(text);
                if (node != null && node.isObject()) {
                    return fromMap(JSON.convertValue(node, Map.class));
                }
            } catch (IOException e) {
                throw new Bitrix24SipValidationException(
                        "body", "is not a JSON object (" + e.getClass().getSimpleName() + ")");
            }
            throw new Bitrix24SipValidationException("body", "is not a JSON object");
        }
        throw new Bitrix24SipValidationException(
                "body",
                "must be a SipLineSpec, a Map or a JSON object, not "
                        + (body == null ? "null" : body.getClass().getSimpleName()));
    }

    private static SipLineSpec fromMap(Map<?, ?> map) {
        String title = null;
        String type = null;
        String server = null;
        String login = null;
        String password = null;
        Integer configId = null;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey()).replace("_", "").toLowerCase(Locale.ROOT);
            Object v = e.getValue();
            String value = v == null ? null : v.toString();
            switch (key) {
                case "title" -> title = value;
                case "type" -> type = value;
                case "server" -> server = value;
                case "login" -> login = value;
                case "password" -> password = value;
                case "configid" -> configId = value == null || value.isBlank() ? null : parseId("configId", value);
                default ->
                    throw new Bitrix24SipValidationException(
                            String.valueOf(e.getKey()),
                            "is not a SIP line field " + "(title, type, server, login, password, configId)");
            }
        }
        return new SipLineSpec(title, type, server, login, password, configId);
    }

    static Integer parseId(String field, String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new Bitrix24SipValidationException(field, "is not a number: '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return "SipLineSpec[title=" + title + ", type=" + type + ", server=" + server + ", login=" + login
                + ", password=" + (password == null ? null : "***") + ", configId=" + configId + "]";
    }
}
