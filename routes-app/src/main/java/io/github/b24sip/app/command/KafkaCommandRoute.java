package io.github.b24sip.app.command;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.cluster.CommandLog;
import io.github.b24sip.app.cluster.SharedStore;
import io.github.b24sip.app.line.ChangeSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * Kafka commands, at least once: the offset is committed only after a command is applied (result on the results
 * topic) or dead-lettered (original payload, reason in the {@code b24sip-reason} header). Off unless
 * {@code b24sip.kafka.enabled=true}.
 */
@ApplicationScoped
public class KafkaCommandRoute extends RouteBuilder {

    static final String REASON = "b24sip-reason";
    static final String COMMAND_ID = "b24sipCommandId";

    @Inject
    AppConfig config;

    @Inject
    Event<CommandHandled> handled;

    @Inject
    CommandService commands;

    @Inject
    CommandLog commandLog;

    @Inject
    SharedStore shared;

    @Override
    public void configure() {
        // spotless:off (the route DSL's indentation shows its structure: choice, when, otherwise, end)
        if (!config.kafka().enabled()) {
            return;
        }
        onException(CommandRejectedException.class)
                .handled(true).useOriginalMessage()
                .to("direct:kafka-dead-letter");
        onException(Exception.class)
                .maximumRedeliveries(config.commands().retries()).redeliveryDelay(config.commands().retryDelay().toMillis())
                .handled(true).useOriginalMessage()
                .to("direct:kafka-dead-letter");

        boolean severalInstances = shared.enabled();
        // Applies each command; the key is the portal, so one portal's commands are handled in order by one consumer.
        from("kafka:" + config.kafka().commandsTopic() + "?groupId=" + config.kafka().groupId() + "&autoOffsetReset=earliest"
                + "&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true"
                + "&maxPollRecords=" + config.kafka().maxPollRecords())
                .routeId("kafka-commands")
                // the id matters only to the shared record of applied commands (several instances)
                .process(e -> e.setProperty(COMMAND_ID,
                        severalInstances ? commands.idOf(e.getMessage().getBody(String.class)) : null))
                .choice()
                    .when(e -> commandLog.applied(ChangeSource.KAFKA, e.getProperty(COMMAND_ID, String.class)))
                        .log(LoggingLevel.INFO,
                                "Kafka command ${exchangeProperty." + COMMAND_ID + "} was applied already; skipped")
                        .process(KafkaCommandRoute::commit)
                    .otherwise()
                        // the payload as it came, as text: planned, synced and read in this exchange
                        .setProperty(ApplyCommandRoute.SOURCE, constant(ChangeSource.KAFKA))
                        .setProperty(ApplyCommandRoute.CHECK_KEY, constant(severalInstances))
                        .setProperty(ApplyCommandRoute.KEY, header(KafkaConstants.KEY))
                        .to(ApplyCommandRoute.URI)
                        .process(e -> handled.fire(CommandHandled.applied(
                                ChangeSource.KAFKA, e.getMessage().getBody(CommandResult.class))))
                        .marshal().json()
                        .convertBodyTo(String.class) // a text message, not bytes
                        .to("kafka:" + config.kafka().resultsTopic())
                        .process(e -> commandLog.record(ChangeSource.KAFKA, e.getProperty(COMMAND_ID, String.class)))
                        .process(KafkaCommandRoute::commit)
                .end();

        // The original payload and why it failed; then the offset moves on.
        CommandSteps.deadLetterRoute(
                        this, "kafka", "Kafka", ChangeSource.KAFKA, REASON, "kafka:" + config.kafka().deadLetterTopic(), handled)
                .process(KafkaCommandRoute::commit);
        // spotless:on
    }

    private static void commit(Exchange exchange) {
        KafkaManualCommit manual =
                exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (manual != null) {
            manual.commit();
        }
    }
}
