package io.github.b24sip.app.portal;

import io.github.b24sip.app.InvalidFieldException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Portal settings that cannot be used as given: the field at fault (as the properties and the API name it, e.g.
 * {@code user-id}) and why. Never carries a field's value: it may be a secret.
 */
@RegisterForReflection
public class InvalidPortalException extends InvalidFieldException {

    public InvalidPortalException(String field, String reason) {
        super(field, reason, ": ");
    }
}
