package io.github.b24sip.camel.voximplant;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.HttpResponseAware;

/**
 * An error of the Voximplant Management API ({@code {"error":{"msg","code"}}}, e.g. 275 for an unknown registration).
 * Its kinds say what to do about it: {@link VoximplantSipValidationException} (input refused before sending),
 * {@link VoximplantSipTransportException} (not reached, or no JSON answer; code 0) and
 * {@link VoximplantSipAuthenticationException} (credentials unusable). The message never holds a token or a key.
 */
public class VoximplantSipException extends RuntimeCamelException implements HttpResponseAware {

    /** The code of errors that are not the API's own: no answer, a non-JSON answer, input refused before sending. */
    public static final int NOT_AN_API_ERROR = 0;

    private final int code;
    private final String msg;
    private final String method;
    private final int httpStatus;

    public VoximplantSipException(String method, int code, String msg, int httpStatus) {
        super((method == null ? "Voximplant request" : method) + " failed: "
                + (code == NOT_AN_API_ERROR ? "" : "error " + code + ": ") + msg
                + (httpStatus > 0 && httpStatus != 200 ? " (HTTP " + httpStatus + ")" : ""));
        this.code = code;
        this.msg = msg;
        this.method = method;
        this.httpStatus = httpStatus;
    }

    /** The API's error code (0 when the error is not the API's own). */
    public int getCode() {
        return code;
    }

    public String getMsg() {
        return msg;
    }

    public String getMethod() {
        return method;
    }

    @Override
    public int getHttpResponseCode() {
        return httpStatus;
    }

    @Override
    public void setHttpResponseCode(int code) {
        // fixed at construction: the status the API answered with
    }

    @Override
    public String getHttpResponseStatus() {
        return String.valueOf(code);
    }

    @Override
    public void setHttpResponseStatus(String status) {
        // fixed at construction
    }
}
