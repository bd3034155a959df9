package io.github.b24sip.simulator.bitrix;

/** A Bitrix24 REST error: {@code {"error": code, "error_description": description}} with an HTTP status. */
public final class RestException extends RuntimeException {

    private final String code;
    private final String description;
    private final Integer status;

    /** An error sent with the status {@link ErrorStatuses} gives its code. */
    public RestException(String code, String description) {
        this(code, description, null);
    }

    /** An error whose status depends on the method (404 for update's ERROR_NOT_FOUND, 400 for delete's). */
    public RestException(String code, String description, Integer status) {
        super(code + ": " + description, null, false, false);
        this.code = code;
        this.description = description;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    public Integer explicitStatus() {
        return status;
    }
}
