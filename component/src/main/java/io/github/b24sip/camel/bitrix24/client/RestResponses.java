package io.github.b24sip.camel.bitrix24.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.camel.bitrix24.Bitrix24SipAuthenticationException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipLimitException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipTransportException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipValidationException;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/** Reads API responses, and maps every error code to its exception: the one place that does. */
public final class RestResponses {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> AUTHENTICATION = Set.of("expired_token", "invalid_token", "no_auth_found",
            "invalid_credentials", "insufficient_scope", "access_denied", "user_access_error", "wrong_auth_type",
            "invalid_grant", "invalid_client", "method_confirm_waiting", "method_confirm_denied", "portal_deleted",
            "payment_required", "invalid_scope");
    private static final Set<String> LIMITS = Set.of("query_limit_exceeded", "operation_time_limit", "overload_limit");
    private static final Set<String> VALIDATION = Set.of("check_fields_error", "title_exists", "max_cloud_pbx",
            "error_not_found", "reg_id_not_found", "config_not_found", "error_core", "error_argument", "invalid_request",
            "error_method_not_found", "error_batch_length_exceeded", "error_batch_method_not_allowed", "invalid_input");

    private RestResponses() {
    }

    /** The JSON body, or a transport error for anything else (an HTML page from a proxy, an empty body). */
    static JsonNode parse(String method, int status, String body, String contentType) {
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
        String kind = contentType == null || contentType.isBlank() ? "an empty or unreadable body"
                : "a non-JSON body (" + contentType.split(";")[0].trim() + ")";
        return invalid(method, status, kind);
    }

    private static JsonNode invalid(String method, int status, String kind) {
        throw new Bitrix24SipTransportException(method, Bitrix24SipException.INVALID_RESPONSE,
                "the portal answered HTTP " + status + " with " + kind, status, null);
    }

    /** The exception for an error body {@code {"error", "error_description"}}. */
    public static Bitrix24SipException error(String method, JsonNode body, int status) {
        String code = body.path("error").asText("UNKNOWN_ERROR");
        String description = body.path("error_description").asText("");
        return error(method, code, description, status);
    }

    public static Bitrix24SipException error(String method, String code, String description, int status) {
        String key = code.toLowerCase(Locale.ROOT);
        if (AUTHENTICATION.contains(key)) {
            return new Bitrix24SipAuthenticationException(method, code, description, status);
        }
        if (LIMITS.contains(key)) {
            return new Bitrix24SipLimitException(method, code, description, status);
        }
        if (VALIDATION.contains(key)) {
            return new Bitrix24SipValidationException(method, code, description, status);
        }
        return new Bitrix24SipException(method, code, description, status);
    }

    static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request as JSON: " + e.getOriginalMessage());
        }
    }
}
