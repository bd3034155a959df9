package io.github.b24sip.app.line;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A CDI event: a line's or a registration's status (or its removal) was sent to the sinks. Fired by the boards that
 * send them; metrics observe it.
 *
 * @param target the portal, or the account
 * @param status the status sent, {@code removed} for a line or registration gone
 */
@RegisterForReflection
public record StatusEventSent(String target, String status) {}
