package io.github.b24sip.camel.voximplant;

/** The API was not reached, or did not answer with its JSON: no answer, a timeout, an HTML page or another status. */
public class VoximplantSipTransportException extends VoximplantSipException {

    public VoximplantSipTransportException(String method, String problem, int httpStatus) {
        super(method, NOT_AN_API_ERROR, problem, httpStatus);
    }
}
