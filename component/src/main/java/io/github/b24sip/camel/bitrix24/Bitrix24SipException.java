package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.SipApiException;

/**
 * An error of the Bitrix24 REST API or of reaching it: the API's error code and description, the HTTP status (0 when
 * no response arrived) and the REST method. The message never holds a URL, a token or a password.
 */
public class Bitrix24SipException extends SipApiException {

    /** Code of a request that got no HTTP response (connection refused or reset, timeout). */
    public static final String NETWORK_ERROR = "NETWORK_ERROR";
    /** Code of a response that was not the API's JSON (an HTML error page, an empty body). */
    public static final String INVALID_RESPONSE = "INVALID_RESPONSE";
    /** Code of a 302: the portal's address changed. */
    public static final String PORTAL_MOVED = "PORTAL_MOVED";

    private final String errorCode;
    private final String description;

    /**
     * The exception for an error code the portal answered, of the subclass its kind calls for (authentication, limit,
     * validation, or this class): for a whole call, or for one failed item of a sync that a caller turns into a
     * failure of its own. {@code httpStatus} 0 when there was no HTTP answer of its own (an item of a batch).
     */
    public static Bitrix24SipException of(String method, String errorCode, String description, int httpStatus) {
        return switch (Bitrix24SipErrorKind.of(errorCode)) {
            case AUTHENTICATION -> new Bitrix24SipAuthenticationException(method, errorCode, description, httpStatus);
            case LIMIT -> new Bitrix24SipLimitException(method, errorCode, description, httpStatus);
            case VALIDATION -> new Bitrix24SipValidationException(method, errorCode, description, httpStatus);
            case OTHER -> new Bitrix24SipException(method, errorCode, description, httpStatus);
        };
    }

    public Bitrix24SipException(String method, String errorCode, String description, int httpStatus) {
        this(method, errorCode, description, httpStatus, null);
    }

    public Bitrix24SipException(String method, String errorCode, String description, int httpStatus, Throwable cause) {
        super(message(method, errorCode, description, httpStatus), method, httpStatus, cause);
        this.errorCode = errorCode;
        this.description = description;
    }

    private static String message(String method, String code, String description, int status) {
        if (method == null && "INVALID_INPUT".equals(code)) {
            return "Invalid bitrix24-sip input: " + description;
        }
        return (method == null ? "Bitrix24 request" : method) + " failed: " + code
                + (status > 0 ? " (HTTP " + status + ")" : "")
                + (description == null || description.isEmpty() ? "" : ": " + description);
    }

    /** The API's error code, e.g. TITLE_EXISTS or QUERY_LIMIT_EXCEEDED. */
    public String getErrorCode() {
        return errorCode;
    }

    public String getDescription() {
        return description;
    }

    @Override
    public String getHttpResponseStatus() {
        return errorCode;
    }
}
