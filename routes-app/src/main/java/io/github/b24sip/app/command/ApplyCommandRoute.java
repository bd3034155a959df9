package io.github.b24sip.app.command;

import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.camel.SipApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:apply-command}: one command of the Kafka or JMS route, in that route's exchange: checked and planned
 * ({@link CommandService#plan}), sent to its portal's or account's sync endpoint, and its report turned into the
 * command's result ({@link CommandService#result}). The body in is the payload as text, out the {@link CommandResult};
 * the caller sets {@link #SOURCE} and, for Kafka with several instances, {@link #CHECK_KEY} and {@link #KEY}. A command
 * that can never succeed fails with {@link CommandRejectedException}, a transient failure with the component's
 * exception, for the caller's error handler: retried from the plan, or dead-lettered.
 */
@ApplicationScoped
public class ApplyCommandRoute extends RouteBuilder {

    public static final String URI = "direct:apply-command";
    public static final String SOURCE = "b24sipCommandSource";
    public static final String CHECK_KEY = "b24sipCommandCheckKey";
    public static final String KEY = "b24sipCommandKey";
    private static final String PLAN = "b24sipCommandPlan";
    private static final String TARGET = "b24sipCommandTarget";
    private static final String OUTGOING_TARGET = "b24sipCommandOutgoingTarget";
    private static final String OUTGOING_CONFIG_ID = "b24sipCommandOutgoingConfigId";
    private static final String RESULT = "b24sipCommandResult";

    @Inject
    CommandService commands;

    @Override
    public void configure() {
        // spotless:off (the route DSL's indentation shows its structure)
        from(URI)
                .routeId("apply-command")
                // failures are the calling route's to handle (retry from the plan, or dead letter): an error handler
                // here would exhaust the exchange first, and the caller's onException would never see it
                .errorHandler(noErrorHandler())
                .process(ApplyCommandRoute.this::plan)
                .doTry()
                    .toD("${exchangeProperty." + TARGET + "}")
                .doCatch(SipApiException.class)
                    .process(e -> {
                        SipApiException failure = e.getProperty(Exchange.EXCEPTION_CAUGHT, SipApiException.class);
                        commands.failed(e.getProperty(PLAN, CommandPlan.class), failure);
                        throw failure;
                    })
                .end()
                .process(ApplyCommandRoute.this::result)
                // "outgoing": true: the applied line becomes the portal's default outgoing line, then the result
                .filter(exchangeProperty(OUTGOING_TARGET).isNotNull())
                    .setProperty(RESULT, body())
                    .setBody(exchangeProperty(OUTGOING_CONFIG_ID))
                    .toD("${exchangeProperty." + OUTGOING_TARGET + "}")
                    .setBody(exchangeProperty(RESULT))
                .end();
        // spotless:on
    }

    private void plan(Exchange e) {
        CommandPlan plan = commands.plan(
                e.getMessage().getBody(String.class),
                e.getProperty(SOURCE, ChangeSource.class),
                e.getProperty(CHECK_KEY, false, Boolean.class),
                e.getProperty(KEY, String.class));
        e.setProperty(PLAN, plan);
        e.setProperty(TARGET, plan.target());
        e.getMessage().setBody(plan.desired());
        plan.headers().forEach(e.getMessage()::setHeader);
    }

    private void result(Exchange e) {
        CommandPlan plan = e.getProperty(PLAN, CommandPlan.class);
        Object report = e.getMessage().getBody();
        // what the sync took and answered stays here: the result message carries the command's headers only
        e.getMessage().removeHeaders("CamelBitrix24Sip*");
        e.getMessage().removeHeaders("CamelVoximplantSip*");
        CommandResult result = commands.result(plan, report);
        e.getMessage().setBody(result);
        if (plan instanceof CommandPlan.Line line && line.outgoingTarget() != null && result.configId() != null) {
            e.setProperty(OUTGOING_TARGET, line.outgoingTarget());
            e.setProperty(OUTGOING_CONFIG_ID, result.configId());
        }
    }
}
