package io.github.b24sip.camel.bitrix24;

/**
 * A rate or time limit still refused the call after waiting (QUERY_LIMIT_EXCEEDED, OPERATION_TIME_LIMIT), or REST is
 * blocked (OVERLOAD_LIMIT).
 */
public class Bitrix24SipLimitException extends Bitrix24SipException {

    public Bitrix24SipLimitException(String method, String errorCode, String description, int httpStatus) {
        super(method, errorCode, description, httpStatus);
    }
}
