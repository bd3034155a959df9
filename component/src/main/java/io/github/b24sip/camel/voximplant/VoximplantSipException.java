package io.github.b24sip.camel.voximplant;

import io.github.b24sip.camel.SipApiException;

import java.util.Set;

/**
 * An error of the Voximplant Management API ({@code {"error":{"msg","code"}}}, e.g. 275 for an unknown registration).
 * Its kinds say what to do about it: {@link VoximplantSipValidationException} (input refused before sending),
 * {@link VoximplantSipTransportException} (not reached, or no JSON answer; code 0) and
 * {@link VoximplantSipAuthenticationException} (credentials unusable). The message never holds a token or a key.
 */
public class VoximplantSipException extends SipApiException {

    /** The code of errors that are not the API's own: no answer, a non-JSON answer, input refused before sending. */
    public static final int NOT_AN_API_ERROR = 0;

    /** "try later", "rate limit exceed", "repeat after N seconds": the API ran nothing, come back. */
    private static final Set<Integer> TRY_LATER = Set.of(162, 340, 416);

    private final int code;
    private final String msg;

    /**
     * True for a code worth trying again later: no clear answer (code 0), or one of the API's "try later" codes. A
     * call that may be repeated is retried on these; anything else is the answer.
     */
    public static boolean isTransient(int code) {
        return code == NOT_AN_API_ERROR || TRY_LATER.contains(code);
    }

    public VoximplantSipException(String method, int code, String msg, int httpStatus) {
        super(
                (method == null ? "Voximplant request" : method) + " failed: "
                        + (code == NOT_AN_API_ERROR ? "" : "error " + code + ": ") + msg
                        + (httpStatus > 0 && httpStatus != 200 ? " (HTTP " + httpStatus + ")" : ""),
                method,
                httpStatus,
                null);
        this.code = code;
        this.msg = msg;
    }

    /** The API's error code (0 when the error is not the API's own). */
    public int getCode() {
        return code;
    }

    public String getMsg() {
        return msg;
    }

    @Override
    public String getHttpResponseStatus() {
        return String.valueOf(code);
    }
}
