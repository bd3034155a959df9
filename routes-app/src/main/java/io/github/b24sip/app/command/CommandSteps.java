package io.github.b24sip.app.command;

import io.github.b24sip.app.line.ChangeSource;
import jakarta.enterprise.event.Event;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/** What the Kafka and JMS command routes share: the dead-letter route. */
final class CommandSteps {

    private CommandSteps() {}

    /**
     * {@code direct:<prefix>-dead-letter}: the original payload with the reason in {@code reasonHeader}, logged (as
     * "{@code label} command dead-lettered"), told ({@link CommandHandled}), sent to {@code deadLetters}.
     */
    static RouteDefinition deadLetterRoute(
            RouteBuilder builder,
            String prefix,
            String label,
            ChangeSource source,
            String reasonHeader,
            String deadLetters,
            Event<CommandHandled> handled) {
        return builder.from("direct:" + prefix + "-dead-letter")
                .routeId(prefix + "-dead-letter")
                .setHeader(reasonHeader, builder.simple("${exception.message}"))
                .log(LoggingLevel.WARN, label + " command dead-lettered: ${header." + reasonHeader + "}")
                .process(e -> handled.fire(
                        CommandHandled.deadLettered(source, e.getMessage().getHeader(reasonHeader, String.class))))
                .to(deadLetters);
    }
}
