package io.github.b24sip.camel;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.HttpResponseAware;

/**
 * An error of one of the two APIs, or of reaching it: the method called and the HTTP status it answered with (0 when
 * no response arrived), fixed at construction. The message never holds a URL, a token, a key or a password.
 */
public abstract class SipApiException extends RuntimeCamelException implements HttpResponseAware {

    private final String method;
    private final int httpStatus;

    protected SipApiException(String message, String method, int httpStatus, Throwable cause) {
        super(message, cause);
        this.method = method;
        this.httpStatus = httpStatus;
    }

    /** The API method, e.g. voximplant.sip.add or CreateSipRegistration; null for input refused before sending. */
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
    public void setHttpResponseStatus(String status) {
        // fixed at construction: the API's error code stands for it
    }
}
