package io.github.b24sip.app.line;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A CDI event: one line of a sync on a portal, or one registration of a sync on a Voximplant account, by where the
 * change came from and what happened to it. Fired by the flows that sync; metrics observe it.
 *
 * @param target       the portal, or the account when {@code registration}
 * @param registration a Voximplant registration rather than a Bitrix24 line
 */
@RegisterForReflection
public record LineSynced(String target, boolean registration, ChangeSource source, LineResult result) {}
