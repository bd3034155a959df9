package io.github.b24sip.app.line;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A CDI event: the portal refused to delete a line with REG_ID_NOT_FOUND (its Voximplant registration is gone, and
 * {@code voximplant.sip.delete} deletes the registration first), so the line stays; deleting it again over REST fails
 * the same way. Fired by the flows that sync; drift detection and the next CSV prune observe it.
 */
@RegisterForReflection
public record LineUndeletable(String portal, int configId) {

    /** The error code of that refusal. */
    public static final String REG_ID_NOT_FOUND = "REG_ID_NOT_FOUND";
}
