package io.github.b24sip.camel.bitrix24;

/**
 * No usable answer arrived: the connection failed or was reset, the request timed out, or the body was not the API's
 * JSON.
 */
public class Bitrix24SipTransportException extends Bitrix24SipException {

    public Bitrix24SipTransportException(
            String method, String errorCode, String description, int httpStatus, Throwable cause) {
        super(method, errorCode, description, httpStatus, cause);
    }
}
