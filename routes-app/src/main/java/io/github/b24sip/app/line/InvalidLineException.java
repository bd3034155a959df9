package io.github.b24sip.app.line;

/** A line request that cannot be applied as given: the field at fault and why. Never carries a field's secret value. */
public class InvalidLineException extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidLineException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
