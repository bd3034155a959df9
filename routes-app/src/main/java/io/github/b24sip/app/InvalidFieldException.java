package io.github.b24sip.app;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Input that cannot be used as given: the field at fault and why, for a row, a command or a portal's settings. Never
 * carries a field's value: it may be a secret.
 */
@RegisterForReflection
public abstract class InvalidFieldException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    protected InvalidFieldException(String field, String reason, String separator) {
        super(field + separator + reason);
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
