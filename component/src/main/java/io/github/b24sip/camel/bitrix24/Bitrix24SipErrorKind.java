package io.github.b24sip.camel.bitrix24;

import java.util.Locale;
import java.util.Set;

/**
 * What an API error code means to a caller, and so which exception carries it: fix the credentials
 * ({@link #AUTHENTICATION}), wait ({@link #LIMIT}), fix the input ({@link #VALIDATION}), or anything else
 * ({@link #OTHER}, worth a retry later). Classifies the codes of a batch's items too, which arrive without an
 * exception.
 */
public enum Bitrix24SipErrorKind {
    AUTHENTICATION,
    LIMIT,
    VALIDATION,
    OTHER;

    private static final Set<String> AUTHENTICATION_CODES = Set.of(
            "expired_token",
            "invalid_token",
            "no_auth_found",
            "invalid_credentials",
            "insufficient_scope",
            "access_denied",
            "user_access_error",
            "wrong_auth_type",
            "invalid_grant",
            "invalid_client",
            "method_confirm_waiting",
            "method_confirm_denied",
            "portal_deleted",
            "payment_required",
            "invalid_scope");
    private static final Set<String> LIMIT_CODES =
            Set.of("query_limit_exceeded", "operation_time_limit", "overload_limit");
    private static final Set<String> VALIDATION_CODES = Set.of(
            "check_fields_error",
            "title_exists",
            "max_cloud_pbx",
            "error_not_found",
            "reg_id_not_found",
            "config_not_found",
            "error_core",
            "error_argument",
            "invalid_request",
            "error_method_not_found",
            "error_batch_length_exceeded",
            "error_batch_method_not_allowed",
            "invalid_input");

    /** The kind of an API error code, in any case (the portal mixes upper- and lower-case codes). */
    public static Bitrix24SipErrorKind of(String errorCode) {
        if (errorCode == null) {
            return OTHER;
        }
        String key = errorCode.toLowerCase(Locale.ROOT);
        if (AUTHENTICATION_CODES.contains(key)) {
            return AUTHENTICATION;
        }
        if (LIMIT_CODES.contains(key)) {
            return LIMIT;
        }
        return VALIDATION_CODES.contains(key) ? VALIDATION : OTHER;
    }
}
