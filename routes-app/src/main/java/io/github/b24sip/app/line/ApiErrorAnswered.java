package io.github.b24sip.app.line;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A CDI event: a portal or a Voximplant account answered a call with an error code (a whole call, or one item of a
 * batch). Fired by the flows that call; metrics observe it.
 */
@RegisterForReflection
public record ApiErrorAnswered(String target, String code) {}
