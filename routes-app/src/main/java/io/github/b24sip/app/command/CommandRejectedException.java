package io.github.b24sip.app.command;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A command that can never succeed as sent (bad JSON, unknown portal, invalid line, refused by the portal). */
@RegisterForReflection
public class CommandRejectedException extends RuntimeException {

    public CommandRejectedException(String reason) {
        super(reason);
    }
}
