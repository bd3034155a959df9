package io.github.b24sip.camel.bitrix24;

/**
 * The credentials were refused or lack a scope or permission (INVALID_CREDENTIALS, ACCESS_DENIED, invalid_grant, ...).
 */
public class Bitrix24SipAuthenticationException extends Bitrix24SipException {

    public Bitrix24SipAuthenticationException(String method, String errorCode, String description, int httpStatus) {
        super(method, errorCode, description, httpStatus);
    }
}
