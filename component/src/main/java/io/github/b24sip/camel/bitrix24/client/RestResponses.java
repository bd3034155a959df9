package io.github.b24sip.camel.bitrix24.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.camel.Json;
import io.github.b24sip.camel.bitrix24.Bitrix24SipErrorKind;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipTransportException;

import java.io.IOException;

/** Reads API responses, and maps every error code to the exception of its {@link Bitrix24SipErrorKind}. */
public final class RestResponses {

    static final ObjectMapper JSON = Json.MAPPER;

    private RestResponses() {}

    /** The JSON body, or a transport error for anything else (an HTML page from a proxy, an empty body). */
    public static JsonNode parse(String method, int status, String body, String contentType) {
        if (body != null && !body.isBlank()) {
            try {
                JsonNode node = JSON.readTree(body);
                if (node != null && node.isObject()) {
                    return node;
                }
            } catch (IOException e) {
                // not JSON: reported below without the body, which may echo request data
            }
        }
        String kind = contentType == null || contentType.isBlank()
                ? "an empty or unreadable body"
                : "a non-JSON body (" + contentType.split(";")[0].trim() + ")";
        return invalid(method, status, kind);
    }

    private static JsonNode invalid(String method, int status, String kind) {
        throw new Bitrix24SipTransportException(
                method,
                Bitrix24SipException.INVALID_RESPONSE,
                "the portal answered HTTP " + status + " with " + kind,
                status,
                null);
    }

    /** The exception for an error body {@code {"error", "error_description"}}. */
    public static Bitrix24SipException error(String method, JsonNode body, int status) {
        String code = body.path("error").asText("UNKNOWN_ERROR");
        String description = body.path("error_description").asText("");
        return error(method, code, description, status);
    }

    public static Bitrix24SipException error(String method, String code, String description, int status) {
        return Bitrix24SipException.of(method, code, description, status);
    }

    static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request as JSON: " + e.getOriginalMessage());
        }
    }
}
