package io.github.b24sip.camel.bitrix24;

/**
 * The input cannot succeed as it is: refused by the portal (CHECK_FIELDS_ERROR, TITLE_EXISTS, MAX_CLOUD_PBX,
 * ERROR_NOT_FOUND, ...) or by the component before any request, naming the field.
 */
public class Bitrix24SipValidationException extends Bitrix24SipException {

    /** The code of errors found before sending. */
    public static final String INVALID_INPUT = "INVALID_INPUT";

    private final String field;
    private final String problem;

    public Bitrix24SipValidationException(String method, String errorCode, String description, int httpStatus) {
        super(method, errorCode, description, httpStatus);
        this.field = null;
        this.problem = description;
    }

    /** A client-side error naming the field, raised before any request. */
    public Bitrix24SipValidationException(String field, String problem) {
        super(null, INVALID_INPUT, field + " " + problem, 0);
        this.field = field;
        this.problem = problem;
    }

    /** The input field at fault, for errors found before sending; null for the portal's own refusals. */
    public String getField() {
        return field;
    }

    /** What is wrong, without the field's name (e.g. "is longer than 100 characters"); the description otherwise. */
    public String getProblem() {
        return problem;
    }
}
