package io.github.b24sip.camel.voximplant;

/**
 * The credentials cannot be used: a service-account file or key that does not parse, or a token the API still refuses
 * (455 issued in the future, 456 expired) after it was signed again. Retrying does not help; the configuration or the
 * clock must change.
 */
public class VoximplantSipAuthenticationException extends VoximplantSipException {

    public VoximplantSipAuthenticationException(String method, int code, String problem, int httpStatus) {
        super(method, code, problem, httpStatus);
    }
}
