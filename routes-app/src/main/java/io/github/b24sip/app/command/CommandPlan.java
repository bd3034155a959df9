package io.github.b24sip.app.command;

import io.github.b24sip.app.line.ChangeSource;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * A command checked and ready to run as a one-item sync: the endpoint it goes to ({@code bitrix24-sip-<portal>:sync}
 * or {@code voximplant-sip-<account>:sync}), the body and headers the sync takes, and what the report is read for.
 * The command route sends it there in the command's own exchange, so the sync's calls belong to the command's trace.
 */
public sealed interface CommandPlan permits CommandPlan.Line, CommandPlan.Registration {

    String commandId();

    ChangeSource source();

    /** The sync's endpoint URI. */
    String target();

    /** The desired lines or registrations: none for a delete. */
    List<?> desired();

    /** The sync's headers: what must be absent. */
    Map<String, Object> headers();

    /** A line command: one line of a portal by its title. */
    @RegisterForReflection
    record Line(
            String commandId,
            ChangeSource source,
            String target,
            List<?> desired,
            Map<String, Object> headers,
            String portal,
            String action,
            String title,
            String outgoingTarget)
            implements CommandPlan {

        /** Never the desired line: it holds the line's password. */
        @Override
        public String toString() {
            return "CommandPlan.Line[commandId=" + commandId + ", portal=" + portal + ", action=" + action + ", title="
                    + title + "]";
        }
    }

    /** A registration command: one registration of an account by its user name and proxy. */
    @RegisterForReflection
    record Registration(
            String commandId,
            ChangeSource source,
            String target,
            List<?> desired,
            Map<String, Object> headers,
            String account,
            String action,
            String sipUsername,
            String proxy)
            implements CommandPlan {

        /** Never the desired registration: it holds its password. */
        @Override
        public String toString() {
            return "CommandPlan.Registration[commandId=" + commandId + ", account=" + account + ", action=" + action
                    + ", sipUsername=" + sipUsername + ", proxy=" + proxy + "]";
        }
    }
}
