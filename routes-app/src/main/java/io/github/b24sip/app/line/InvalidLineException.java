package io.github.b24sip.app.line;

import io.github.b24sip.app.InvalidFieldException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A line request that cannot be applied as given: the field at fault and why. Never carries a field's secret value. */
@RegisterForReflection
public class InvalidLineException extends InvalidFieldException {

    public InvalidLineException(String field, String reason) {
        super(field, reason, " ");
    }
}
