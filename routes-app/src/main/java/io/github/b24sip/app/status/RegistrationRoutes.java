package io.github.b24sip.app.status;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.account.AccountDefinition;
import io.github.b24sip.app.account.Accounts;
import io.github.b24sip.app.account.RegistrationBoard;
import io.github.b24sip.app.account.RegistrationRepairs;
import io.github.b24sip.app.account.RegistrationStatus;
import io.github.b24sip.app.cluster.PollerShards;
import io.github.b24sip.app.desired.DeclaredState;
import io.github.b24sip.app.desired.RegistrationDriftRound;
import io.github.b24sip.app.desired.RegistrationDriftWatch;
import io.github.b24sip.app.portal.DriftPolicy;
import io.github.b24sip.camel.voximplant.VoximplantSipConstants;
import io.github.b24sip.camel.voximplant.model.SipRegistration;
import io.github.b24sip.camel.voximplant.model.SipRegistrationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import java.util.List;

/**
 * One poller per Voximplant account ({@code voximplant-sip-<name>:registrations}; with several instances the instance
 * leading the account's shard runs it, see PollerShards), its events to the board and, as JSON with
 * {@code kind: registration}, to the same sinks as the lines' events.
 */
@ApplicationScoped
public class RegistrationRoutes extends RouteBuilder {

    static final String EVENTS = "direct:registration-events";
    private static final String DRIFT = "direct:registration-drift";
    private static final String DRIFT_ROUND = "b24sipRegistrationDriftRound";

    @Inject
    AppConfig config;

    @Inject
    Accounts accounts;

    @Inject
    PollerShards shards;

    @Inject
    RegistrationBoard board;

    @Inject
    DeclaredState declared;

    @Inject
    RegistrationDriftWatch drift;

    @Inject
    RegistrationRepairs repairs;

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
            DriftPolicy policy = declared.policy(account.driftPolicy());
            from(poll + (policy == DriftPolicy.OFF ? "" : "&emitSnapshot=true"))
                    .routeId(routeId(account.name()))
                    .group(shard)
                    .autoStartup(shards.startWithCamel())
                    .choice()
                    .when(header(VoximplantSipConstants.SNAPSHOT).isEqualTo(true))
                        .process(e -> e.setProperty(DRIFT_ROUND, drift.observe(
                                account.name(), policy, snapshot(e.getMessage().getBody(List.class)))))
                        .to(DRIFT)
                    .otherwise()
                        .process(e -> e.getMessage().setBody(RegistrationStatus.of(
                                account.name(), e.getMessage().getBody(SipRegistrationEvent.class))))
                        .to(EVENTS)
                    .end();
        }
        // a poll's snapshot: drift events to every sink, kept as reported once the sinks took them, then the repair
        from(DRIFT)
                .routeId("registration-drift")
                .split(exchangeProperty(DRIFT_ROUND).method("events")).stopOnException()
                    .setHeader(StatusRoutes.STATUS_KEY, simple("${body.account}"))
                    .marshal().json()
                    .convertBodyTo(String.class)
                    .to(StatusRoutes.SINKS)
                .end()
                .process(e -> drift.commit(e.getProperty(DRIFT_ROUND, RegistrationDriftRound.class)))
                .process(e -> repairs.repair(e, e.getProperty(DRIFT_ROUND, RegistrationDriftRound.class)));
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

    @SuppressWarnings("unchecked")
    private static List<SipRegistration> snapshot(List<?> body) {
        return (List<SipRegistration>) body;
    }

    static String routeId(String account) {
        return "registrations-poll-" + account;
    }
}
