package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.github.b24sip.simulator.MutableClock;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.fault.Fault;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckAware;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** from("bitrix24-sip:status"): exactly the status transitions, removals, and recovery after a failing portal. */
class Bitrix24SipConsumerTest extends Bitrix24SipTestSupport {

    private final List<SipLineStatusEvent> events = new CopyOnWriteArrayList<>();
    private MutableClock clock;

    private void start(String options) throws Exception {
        clock = MutableClock.startingNow();
        startSimulator(
                SimulatorConfig.create()
                        .clock(clock)
                        .portal(PortalConfig.portal("demo")
                                .rateLimit(null)
                                .registrationDelays(Duration.ofSeconds(2), Duration.ofSeconds(3))),
                "demo");
        portal.addLine("", "cloud", "good", "sip.example.com", "l", "p");
        portal.addLine("", "cloud", "bad", "pbx.example.invalid", "l", "p");
        portal.addLine("", "office", "office", "pbx.example.com", "l", "p");
        startCamel(c -> c.setRateLimitPlan(RateLimitPlan.none));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("bitrix24-sip:status?delay=20&initialDelay=0" + options)
                        .routeId("statuses")
                        .process(e -> events.add(e.getMessage().getBody(SipLineStatusEvent.class)));
            }
        });
    }

    private SipLineStatusEvent event(int i) {
        return events.get(i);
    }

    /** Waits until the consumer has polled a few more times, so "no more events" means something. */
    private void awaitMorePolls() {
        long polls = journal().countRequests("demo", "voximplant.sip.get");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> journal().countRequests("demo", "voximplant.sip.get") >= polls + 3);
    }

    @Test
    void emitsEveryCloudLineFirstThenExactlyTheTransitions() throws Exception {
        start("");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2);
        assertThat(events).extracting(SipLineStatusEvent::title).containsExactly("good", "bad");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.statusResult()).isEqualTo("wait");
            assertThat(e.previousStatusResult()).isNull();
            assertThat(e.portalHost()).startsWith("127.0.0.1:");
        });
        awaitMorePolls();
        assertThat(events).hasSize(2);

        clock.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 4);
        assertThat(event(2).statusResult()).isEqualTo("in_progress");
        assertThat(event(2).previousStatusResult()).isEqualTo("wait");

        clock.advance(Duration.ofSeconds(3));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 6);
        SipLineStatusEvent good = events.stream()
                .skip(4)
                .filter(e -> e.title().equals("good"))
                .findFirst()
                .orElseThrow();
        SipLineStatusEvent bad = events.stream()
                .skip(4)
                .filter(e -> e.title().equals("bad"))
                .findFirst()
                .orElseThrow();
        assertThat(good.statusResult()).isEqualTo("success");
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.previousStatusResult()).isEqualTo("in_progress");
        assertThat(bad.statusResult()).isEqualTo("error");
        assertThat(bad.statusCode()).isEqualTo(404);
        assertThat(bad.errorMessage()).isEqualTo("Not Found");
        awaitMorePolls();
        assertThat(events).hasSize(6);
    }

    @Test
    void aLineWithRegIdZeroAndAVanishedRegistrationAreErrorEventsOnceEach() throws Exception {
        start("");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2);
        int noRegistration = portal.addLine("", "cloud", "short", "abc", "l", "p");
        long goodRegId = event(0).regId();
        portal.vanishRegistration(goodRegId);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 4);
        SipLineStatusEvent never = events.stream()
                .filter(e -> e.configId() == noRegistration)
                .findFirst()
                .orElseThrow();
        assertThat(never.statusResult()).isEqualTo("error");
        assertThat(never.regId()).isZero();
        assertThat(never.statusCode()).isNull();
        assertThat(never.errorMessage()).startsWith("NO_REGISTRATION");
        SipLineStatusEvent vanished = events.stream()
                .skip(2)
                .filter(e -> e.title().equals("good"))
                .findFirst()
                .orElseThrow();
        assertThat(vanished.statusResult()).isEqualTo("error");
        assertThat(vanished.previousStatusResult()).isEqualTo("wait");
        assertThat(vanished.errorMessage()).startsWith("REG_ID_NOT_FOUND").contains(String.valueOf(goodRegId));
        awaitMorePolls();
        assertThat(events).as("each reported once, not on every poll").hasSize(4);
        assertThat(journal().entries(e -> e.ran("voximplant.sip.status")))
                .flatExtracting(e -> e.inner().isEmpty()
                        ? List.of(e.params())
                        : e.inner().stream().map(i -> i.params()).toList())
                .as("REG_ID 0 is never asked for")
                .noneMatch(p -> "0".equals(String.valueOf(p.get("REG_ID"))));
    }

    @Test
    void aLineThatDisappearsIsReportedRemoved() throws Exception {
        start("");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2);
        template.requestBody("bitrix24-sip:delete", event(0).configId());
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 3);
        assertThat(event(2).removed()).isTrue();
        assertThat(event(2).title()).isEqualTo("good");
    }

    @Test
    void emitUnchangedEmitsEveryLineEveryPoll() throws Exception {
        start("&emitUnchanged=true");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 6);
        assertThat(events).allSatisfy(e -> assertThat(e.statusResult()).isEqualTo("wait"));
    }

    @Test
    void aPortalAnswering500ForAWhileDoesNotStopTheRoute() throws Exception {
        start("");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2);
        portal.faults().rate(1.0, "*", Fault.http500());
        long failedBefore = journal().countError("demo", "INTERNAL_SERVER_ERROR");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> journal().countError("demo", "INTERNAL_SERVER_ERROR") >= failedBefore + 8);
        clock.advance(Duration.ofSeconds(2));
        portal.faults().clear();
        await().atMost(Duration.ofSeconds(20)).until(() -> events.size() >= 4);
        assertThat(event(2).statusResult()).isEqualTo("in_progress");
        assertThat(event(2).previousStatusResult())
                .as("the last known state survived the outage")
                .isEqualTo("wait");
        assertThat(context.getRouteController().getRouteStatus("statuses")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void theConsumerHealthCheckIsDownForTheWholeOutageAndUpAfterIt() throws Exception {
        start("&backoffMultiplier=2");
        HealthCheck health = ((HealthCheckAware) context.getRoute("statuses").getConsumer()).getHealthCheck();
        await().atMost(Duration.ofSeconds(10)).until(() -> health.call().getState() == HealthCheck.State.UP);
        portal.faults().rate(1.0, "*", Fault.http500());
        await().atMost(Duration.ofSeconds(10)).until(() -> health.call().getState() == HealthCheck.State.DOWN);
        // sampled while the consumer backs off, retries and polls again: a single UP in between fails the test
        List<HealthCheck.State> during = new CopyOnWriteArrayList<>();
        long failedBefore = journal().countError("demo", "INTERNAL_SERVER_ERROR");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    during.add(health.call().getState());
                    return journal().countError("demo", "INTERNAL_SERVER_ERROR") >= failedBefore + 12;
                });
        assertThat(during).hasSizeGreaterThan(10).containsOnly(HealthCheck.State.DOWN);
        assertThat(health.call().getMessage())
                .hasValueSatisfying(m -> assertThat(m).contains("statuses"));
        portal.faults().clear();
        await().atMost(Duration.ofSeconds(20)).until(() -> health.call().getState() == HealthCheck.State.UP);
    }

    @Test
    void healthCheckConsumerEnabledFalseTurnsTheCheckOff() throws Exception {
        start("");
        context.getComponent("bitrix24-sip", Bitrix24SipComponent.class).setHealthCheckConsumerEnabled(false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("bitrix24-sip:status?initialDelay=0").routeId("quiet").process(e -> {});
            }
        });
        assertThat(((HealthCheckAware) context.getRoute("quiet").getConsumer())
                        .getHealthCheck()
                        .isEnabled())
                .isFalse();
        assertThat(((HealthCheckAware) context.getRoute("statuses").getConsumer())
                        .getHealthCheck()
                        .isEnabled())
                .isTrue();
    }

    @Test
    void aStatusEndpointPollsEvery30SecondsAndBacksOffAfterAFailureUnlessTheUriSaysOtherwise() throws Exception {
        start("");
        Bitrix24SipEndpoint plain = context.getEndpoint("bitrix24-sip:status", Bitrix24SipEndpoint.class);
        assertThat(plain.getDelay()).isEqualTo(30_000);
        assertThat(plain.getBackoffErrorThreshold()).isEqualTo(1);
        assertThat(plain.getBackoffMultiplier()).isEqualTo(4);
        Bitrix24SipEndpoint tuned =
                context.getEndpoint("bitrix24-sip:status?delay=5000&backoffMultiplier=0", Bitrix24SipEndpoint.class);
        assertThat(tuned.getDelay()).isEqualTo(5000);
        assertThat(tuned.getBackoffMultiplier()).isZero();
    }

    @Test
    void onlyStatusHasAConsumer() throws Exception {
        start("");
        assertThat(Assertions.catchThrowable(
                        () -> context.getEndpoint("bitrix24-sip:get").createConsumer(e -> {})))
                .hasMessageContaining("only 'status'");
    }

    /**
     * Readiness means "can serve" (issue 28): a status consumer counts as ready once started, before its first
     * scheduled poll, and a poll that fails still turns it DOWN.
     */
    @Test
    void readinessIsUpOnceStartedAndDownWhileItsPollsFail() throws Exception {
        start("");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("bitrix24-sip:status?initialDelay=600000").routeId("later").process(e -> {});
            }
        });
        Map<String, Object> readiness = Map.of(HealthCheck.CHECK_KIND, HealthCheck.Kind.READINESS);
        HealthCheck later = ((HealthCheckAware) context.getRoute("later").getConsumer()).getHealthCheck();
        assertThat(later.call(readiness).getState())
                .as("ready before its first poll, ten minutes away")
                .isEqualTo(HealthCheck.State.UP);
        HealthCheck polling = ((HealthCheckAware) context.getRoute("statuses").getConsumer()).getHealthCheck();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> polling.call(readiness).getState() == HealthCheck.State.UP);
        portal.faults().rate(1.0, "*", Fault.http500());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> polling.call(readiness).getState() == HealthCheck.State.DOWN);
        portal.faults().clear();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> polling.call(readiness).getState() == HealthCheck.State.UP);
    }
}
