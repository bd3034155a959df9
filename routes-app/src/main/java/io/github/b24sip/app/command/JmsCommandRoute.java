package io.github.b24sip.app.command;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.line.ChangeSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsMessage;

/**
 * JMS commands in a transacted session: a transient failure rolls back and the broker redelivers; after
 * {@code b24sip.jms.max-deliveries} deliveries, or at once for a command that can never succeed, the original
 * goes to the dead-letter queue with the reason. Off unless {@code b24sip.jms.enabled=true}.
 */
@ApplicationScoped
public class JmsCommandRoute extends RouteBuilder {

    static final String REASON = "b24sipReason";

    @Inject
    AppConfig config;

    @Inject
    Event<CommandHandled> handled;

    @Override
    public void configure() {
        // spotless:off (the route DSL's indentation shows its structure: choice, when, otherwise, end)
        if (!config.jms().enabled() && !(config.demo() && config.demoBrokers())) {
            return;
        }
        int maxDeliveries = config.jms().maxDeliveries();
        onException(CommandRejectedException.class)
                .handled(true).useOriginalMessage()
                .to("direct:jms-dead-letter");
        onException(Exception.class)
                .onWhen(e -> deliveries(e) >= maxDeliveries)
                .handled(true).useOriginalMessage()
                .to("direct:jms-dead-letter");

        // Applies each command; the result also answers a JMSReplyTo, when the sender set one. Producers set
        // JMSXGroupID to the portal (a registration command's to its account), so that Artemis hands one portal's commands to one consumer at a time, in order,
        // whichever instance it runs in; the results carry the same group.
        from("jms:queue:" + config.jms().commandsQueue() + "?transacted=true")
                .routeId("jms-commands")
                .onCompletion().onFailureOnly()
                    .process(e -> handled.fire(CommandHandled.rolledBack(ChangeSource.JMS)))
                .end()
                // the payload as it came, as text: planned, synced and read in this exchange
                .setProperty(ApplyCommandRoute.SOURCE, constant(ChangeSource.JMS))
                .to(ApplyCommandRoute.URI)
                .process(e -> handled.fire(
                        CommandHandled.applied(ChangeSource.JMS, e.getMessage().getBody(CommandResult.class))))
                // the group of the command: its portal, or a registration command's account
                .process(e -> {
                    CommandResult r = e.getMessage().getBody(CommandResult.class);
                    e.getMessage().setHeader("JMSXGroupID", r.account() != null ? r.account() : r.portal());
                })
                .marshal().json()
                .convertBodyTo(String.class) // a text message, not bytes
                // sent in the transaction that takes the command: a command redelivered after a crash had sent no
                // result, and applying it again by title changes nothing the first delivery did
                .to("jms:queue:" + config.jms().resultsQueue());

        CommandSteps.deadLetterRoute(
                this, "jms", "JMS", ChangeSource.JMS, REASON, "jms:queue:" + config.jms().deadLetterQueue(), handled);
        // spotless:on
    }

    /** JMSXDeliveryCount: 1 on the first delivery, one more after each rollback. */
    private static int deliveries(Exchange exchange) {
        JmsMessage message = exchange.getIn(JmsMessage.class);
        try {
            return message == null || message.getJmsMessage() == null
                    ? 1
                    : Math.max(1, message.getJmsMessage().getIntProperty("JMSXDeliveryCount"));
        } catch (JMSException | NumberFormatException e) {
            return 1;
        }
    }
}
