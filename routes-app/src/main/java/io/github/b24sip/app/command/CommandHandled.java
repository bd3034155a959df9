package io.github.b24sip.app.command;

import io.github.b24sip.app.line.ChangeSource;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A CDI event: a command was handled, with its result when applied and the reason when dead-lettered. Fired by the
 * command routes; metrics and the page's recent activity observe it.
 */
@RegisterForReflection
public record CommandHandled(ChangeSource source, CommandHandling outcome, CommandResult result, String reason) {

    public static CommandHandled applied(ChangeSource source, CommandResult result) {
        return new CommandHandled(source, CommandHandling.APPLIED, result, null);
    }

    public static CommandHandled rolledBack(ChangeSource source) {
        return new CommandHandled(source, CommandHandling.ROLLED_BACK, null, null);
    }

    public static CommandHandled deadLettered(ChangeSource source, String reason) {
        return new CommandHandled(source, CommandHandling.DEAD_LETTERED, null, reason);
    }
}
