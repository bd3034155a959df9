package io.github.b24sip.app.status;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.account.AccountDefinition;
import io.github.b24sip.app.account.Accounts;
import io.github.b24sip.app.account.RegistrationBoard;
import io.github.b24sip.app.account.RegistrationStatus;
import io.github.b24sip.app.cluster.PollerShards;
import io.github.b24sip.camel.voximplant.model.SipRegistrationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * One poller per Voximplant account ({@code voximplant-sip-<name>:registrations}; with several instances the instance
 * leading the account's shard runs it, see PollerShards), its events to the board and, as JSON with
 * {@code kind: registration}, to the same sinks as the lines' events.
 */
@ApplicationScoped
public class RegistrationRoutes extends RouteBuilder {

    static final String EVENTS = "direct:registration-events";

    @Inject
    AppConfig config;

    @Inject
    Accounts accounts;

    @Inject
    PollerShards shards;

    @Inject
    RegistrationBoard board;

    @Override
    public void configure() {
        // spotless:off (the route DSL's indentation shows its structure)
        if (accounts.definitions().isEmpty()) {
            return;
        }
        // a sink that fails fails the event: the poller offers it again on its next poll, without Camel's stack trace
        errorHandler(defaultErrorHandler().logExhausted(false));
        for (AccountDefinition account : accounts.definitions()) {
            long delay = config.status().delay().toMillis();
            String poll = accounts.uri(
                    account.name(),
                    "registrations?delay=" + delay + "&initialDelay=" + shards.initialDelay(account.name(), delay));
            // with several instances, the instance leading the account's shard runs its poller (PollerShards)
            String shard = shards.register(routeId(account.name()), PollerShards.Kind.ACCOUNT, account.name());
            from(poll)
                    .routeId(routeId(account.name()))
                    .group(shard)
                    .autoStartup(shards.startWithCamel())
                    .process(e -> e.getMessage().setBody(RegistrationStatus.of(
                            account.name(), e.getMessage().getBody(SipRegistrationEvent.class))))
                    .to(EVENTS);
        }
        from(EVENTS)
                .routeId("registration-events")
                .bean(board, "record")
                .setHeader(StatusRoutes.STATUS_KEY, simple("${body.account}"))
                .filter(simple("${body.status} == 'failed' && ${body.removed} == false"))
                    .log(LoggingLevel.WARN, "Account ${body.account}: registration ${body.sipUsername}@${body.proxy} "
                            + "fails (${body.statusCode}: ${body.errorMessage})")
                .end()
                .marshal().json()
                .convertBodyTo(String.class)
                .to(StatusRoutes.SINKS);
        // spotless:on
    }

    static String routeId(String account) {
        return "registrations-poll-" + account;
    }
}
