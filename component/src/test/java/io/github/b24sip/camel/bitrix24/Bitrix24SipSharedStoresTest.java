package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.github.b24sip.camel.bitrix24.spi.InMemoryTokenStore;
import io.github.b24sip.camel.bitrix24.spi.StatusStore;
import io.github.b24sip.simulator.MutableClock;
import io.github.b24sip.simulator.OAuthApp;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.TokenPair;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SPIs that let several processes share one portal, each exercised as two CamelContexts (two "copies") against
 * the simulator: one token store, one refresh; one status store, no repeated events after a take-over.
 */
class Bitrix24SipSharedStoresTest extends Bitrix24SipTestSupport {

    /** A StatusStore shared by two consumers, as a database would be. */
    private static final class MapStatusStore implements StatusStore {
        final Map<String, Map<Integer, SipLineStatusEvent>> byPortal = new ConcurrentHashMap<>();

        @Override
        public Map<Integer, SipLineStatusEvent> load(String portalUrl) {
            return Map.copyOf(byPortal.getOrDefault(portalUrl, Map.of()));
        }

        @Override
        public void replace(String portalUrl, Collection<SipLineStatusEvent> lastKnown) {
            Map<Integer, SipLineStatusEvent> lines = new ConcurrentHashMap<>();
            lastKnown.forEach(e -> lines.put(e.configId(), e));
            byPortal.put(portalUrl, lines);
        }
    }

    /** A second CamelContext with its own component on the same portal and the given stores. */
    private CamelContext secondCopy(InMemoryTokenStore tokens, TokenPair issued) throws Exception {
        CamelContext other = new DefaultCamelContext();
        Bitrix24SipComponent component = new Bitrix24SipComponent();
        Bitrix24SipConfiguration c = component.getConfiguration();
        c.setPortalUrl(portal.baseUrl());
        c.setClientId("app.camel");
        c.setClientSecret("camel-secret");
        c.setAccessToken(issued.accessToken());
        c.setRefreshToken(issued.refreshToken());
        c.setOauthServerUrl(sim.oauthServerUrl());
        c.setSslContextParameters(context.getComponent("bitrix24-sip", Bitrix24SipComponent.class)
                .getConfiguration()
                .getSslContextParameters());
        c.setTokenStore(tokens);
        other.addComponent("bitrix24-sip", component);
        other.start();
        return other;
    }

    @Test
    void twoCopiesSharingATokenStoreRefreshOnceAndTheOtherAdoptsThePair() throws Exception {
        startSimulator(PortalConfig.portal("demo").app(new OAuthApp("app.camel", "camel-secret")));
        InMemoryTokenStore shared = new InMemoryTokenStore();
        TokenPair issued = startOAuthCamel(c -> c.setTokenStore(shared));
        CamelContext other = secondCopy(shared, issued);
        try {
            template.requestBody("bitrix24-sip:connectorStatus", (Object) null);
            other.createProducerTemplate().requestBody("bitrix24-sip:connectorStatus", (Object) null);
            portal.expireAccessTokens();
            template.requestBody("bitrix24-sip:connectorStatus", (Object) null);
            // the second copy still holds the expired pair: it must adopt the rotated one, not spend the old refresh
            // token
            other.createProducerTemplate().requestBody("bitrix24-sip:connectorStatus", (Object) null);
            assertThat(sim.oauth().tokens().refreshCount()).isEqualTo(1);
            assertThat(journal().countError("oauth", "invalid_grant")).isZero();
        } finally {
            other.stop();
        }
    }

    /** What {@link #twoStatusRoutes} set up. */
    private record TwoRoutes(
            int kept,
            int gone,
            MapStatusStore store,
            List<SipLineStatusEvent> first,
            List<SipLineStatusEvent> second) {}

    /**
     * The portal with cloud lines "kept" and "gone", and two status routes on it sharing one status store, each adding
     * its events to its list: "first" started, "second" (from {@code secondUri}) not yet. Returns once the first has
     * delivered and stored both lines.
     */
    private TwoRoutes twoStatusRoutes(String secondUri) throws Exception {
        startSimulator(PortalConfig.portal("demo").rateLimit(null).registrationDelays(Duration.ZERO, Duration.ZERO));
        TwoRoutes t = new TwoRoutes(
                portal.addLine("", "cloud", "kept", "sip.example.com", "l", "p"),
                portal.addLine("", "cloud", "gone", "sip.example.com", "l", "p"),
                new MapStatusStore(),
                new CopyOnWriteArrayList<>(),
                new CopyOnWriteArrayList<>());
        startCamel(c -> {
            c.setRateLimitPlan(RateLimitPlan.none);
            c.setStatusStore(t.store());
        });
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("bitrix24-sip:status?delay=20&initialDelay=0")
                        .routeId("first")
                        .process(e -> t.first().add(e.getMessage().getBody(SipLineStatusEvent.class)));
                from(secondUri)
                        .routeId("second")
                        .autoStartup(false)
                        .process(e -> t.second().add(e.getMessage().getBody(SipLineStatusEvent.class)));
            }
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> t.first().size() >= 2
                        && t.store().load(portal.baseUrl()).size() == 2);
        return t;
    }

    @Test
    void aConsumerTakingOverFromAStatusStoreEmitsOnlyRealChanges() throws Exception {
        TwoRoutes t = twoStatusRoutes("bitrix24-sip:status?delay=20&initialDelay=0");
        context.getRouteController().stopRoute("first");
        portal.removeLine(t.gone());
        context.getRouteController().startRoute("second");
        await().atMost(Duration.ofSeconds(10)).until(() -> !t.second().isEmpty());
        long polls = journal().countRequests("demo", "voximplant.sip.get");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> journal().countRequests("demo", "voximplant.sip.get") >= polls + 3);
        assertThat(t.second())
                .as("no event for the unchanged line, one removal")
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.configId()).isEqualTo(t.gone());
                    assertThat(e.removed()).isTrue();
                });
        assertThat(t.store().load(portal.baseUrl())).containsOnlyKeys(t.kept());
    }

    /**
     * How a leadership moves without stopping routes (the routes app's shards): a suspended consumer polls nothing while
     * another delivers, and once resumed compares with the store, not with what it remembered, so the other's delivery
     * is not repeated.
     */
    @Test
    void aSuspendedConsumerPollsNothingAndOnResumeComparesWithTheStore() throws Exception {
        // a URI of its own: two consumers of one endpoint are not allowed while the first is only suspended
        TwoRoutes t = twoStatusRoutes("bitrix24-sip:status?delay=20&initialDelay=1");
        Consumer firstConsumer = context.getRoute("first").getConsumer();
        ServiceHelper.suspendService(firstConsumer);
        int firstBefore = t.first().size();
        portal.removeLine(t.gone());
        context.getRouteController().startRoute("second");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> t.store().load(portal.baseUrl()).size() == 1);
        long polls = journal().countRequests("demo", "voximplant.sip.get");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> journal().countRequests("demo", "voximplant.sip.get") >= polls + 3);
        assertThat(t.first()).as("events of the suspended consumer").hasSize(firstBefore);

        ServiceHelper.suspendService(context.getRoute("second").getConsumer());
        ServiceHelper.resumeService(firstConsumer);
        long resumedAt = journal().countRequests("demo", "voximplant.sip.get");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> journal().countRequests("demo", "voximplant.sip.get") >= resumedAt + 3);
        assertThat(t.second()).as("the removal, delivered by the second").anySatisfy(e -> {
            assertThat(e.configId()).isEqualTo(t.gone());
            assertThat(e.removed()).isTrue();
        });
        assertThat(t.first())
                .as("events of the first after its resume: none, the store had the removal")
                .hasSize(firstBefore);
        assertThat(t.store().load(portal.baseUrl())).containsOnlyKeys(t.kept());
    }

    /**
     * A suspension cancels the consumer's schedule, and a resume sets it anew from the consumer's initial delay, as a
     * start does: a poller taken over is polled at the phase its new leader chooses, not an interval after the place
     * its schedule had. A consumer that polls once an hour polls again at once when resumed with no initial delay.
     */
    @Test
    void aResumedConsumerPollsAfterItsInitialDelayAsIfStarted() throws Exception {
        TwoRoutes t = twoStatusRoutes("bitrix24-sip:status?delay=3600000&initialDelay=0");
        context.getRouteController().stopRoute("first");
        context.getRouteController().startRoute("second");
        ScheduledPollConsumer hourly =
                (ScheduledPollConsumer) context.getRoute("second").getConsumer();
        await().atMost(Duration.ofSeconds(10)).until(() -> hourly.getCounter() >= 1);

        ServiceHelper.suspendService(hourly);
        assertThat(hourly.isSchedulerStarted())
                .as("a suspended consumer's schedule")
                .isFalse();
        portal.removeLine(t.gone());
        long polls = hourly.getCounter();
        hourly.setInitialDelay(0);
        ServiceHelper.resumeService(hourly);
        await().atMost(Duration.ofSeconds(10)).until(() -> hourly.getCounter() > polls);
        await().atMost(Duration.ofSeconds(10)).until(() -> !t.second().isEmpty());
        assertThat(t.second())
                .as("the removal, seen by the poll right after the resume")
                .anySatisfy(e -> {
                    assertThat(e.configId()).isEqualTo(t.gone());
                    assertThat(e.removed()).isTrue();
                });
    }

    /**
     * At least once (issue 23): a route that throws on the "good" line's first success event gets that event again on
     * a later poll, and exactly once after it went through; meanwhile the store holds the status delivered before (in
     * progress), never the refused one; the other line's events are not repeated.
     */
    @Test
    void aRefusedChangeIsOfferedAgainUntilTheRouteTakesItAndOnlyThenStored() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        startSimulator(
                SimulatorConfig.create()
                        .clock(clock)
                        .portal(PortalConfig.portal("demo")
                                .rateLimit(null)
                                .registrationDelays(Duration.ofSeconds(2), Duration.ofSeconds(3))),
                "demo");
        int good = portal.addLine("", "cloud", "good", "sip.example.com", "l", "p");
        portal.addLine("", "cloud", "bad", "pbx.example.invalid", "l", "p");
        MapStatusStore store = new MapStatusStore();
        startCamel(c -> {
            c.setRateLimitPlan(RateLimitPlan.none);
            c.setStatusStore(store);
        });
        List<SipLineStatusEvent> offered = new CopyOnWriteArrayList<>();
        List<SipLineStatusEvent> taken = new CopyOnWriteArrayList<>();
        AtomicInteger refusals = new AtomicInteger();
        AtomicBoolean sinkDown = new AtomicBoolean(true);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("bitrix24-sip:status?delay=20&initialDelay=0")
                        .routeId("statuses")
                        .process(e -> {
                            SipLineStatusEvent event = e.getMessage().getBody(SipLineStatusEvent.class);
                            offered.add(event);
                            if (event.configId() == good && "success".equals(event.statusResult()) && sinkDown.get()) {
                                refusals.incrementAndGet();
                                throw new IllegalStateException("the sink is down");
                            }
                            taken.add(event);
                        });
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> taken.size() >= 2);
        clock.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> taken.size() >= 4);
        assertThat(store.load(portal.baseUrl()).get(good).statusResult()).isEqualTo("in_progress");
        clock.advance(Duration.ofSeconds(3));
        await().atMost(Duration.ofSeconds(10)).until(() -> refusals.get() >= 3);
        assertThat(store.load(portal.baseUrl()).get(good).statusResult())
                .as("the store holds the last delivered status, not the refused one")
                .isEqualTo("in_progress");
        sinkDown.set(false);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> taken.stream().anyMatch(e -> e.configId() == good && "success".equals(e.statusResult())));
        long polls = journal().countRequests("demo", "voximplant.sip.get");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> journal().countRequests("demo", "voximplant.sip.get") >= polls + 3);
        assertThat(offered.stream().filter(e -> e.configId() == good && "success".equals(e.statusResult())))
                .as("offered on each poll it was refused, then once more, and never after it went through")
                .hasSize(refusals.get() + 1);
        assertThat(taken)
                .extracting(e -> e.title() + ":" + e.statusResult())
                .as("each change taken once, in order per line")
                .containsExactlyInAnyOrder(
                        "good:wait", "bad:wait", "good:in_progress", "bad:in_progress", "good:success", "bad:error");
        SipLineStatusEvent success = taken.stream()
                .filter(e -> e.configId() == good && "success".equals(e.statusResult()))
                .findFirst()
                .orElseThrow();
        assertThat(success.previousStatusResult()).isEqualTo("in_progress");
        assertThat(store.load(portal.baseUrl()).get(good).statusResult()).isEqualTo("success");
    }
    /**
     * A poller moving to another instance (a {@code master:} route losing its leadership) stops its consumer while a
     * poll is delivering: the stop returns only once that poll has committed what it delivered, and delivers nothing
     * more, so the instance taking over starts from a store that holds every delivered change. Camel alone cancels the
     * poll and returns at once: the store would still be empty when the stop returned (MultiReplicaIT saw the change
     * delivered a second time by the new leader).
     */
    @Test
    void aStopDuringAPollReturnsOnlyAfterWhatWasDeliveredIsStored() throws Exception {
        startSimulator(
                SimulatorConfig.create().portal(PortalConfig.portal("demo").rateLimit(null)), "demo");
        portal.addLine("", "cloud", "first", "sip.example.com", "l", "p");
        portal.addLine("", "cloud", "second", "sip.example.com", "l", "p");
        MapStatusStore store = new MapStatusStore();
        startCamel(c -> {
            c.setRateLimitPlan(RateLimitPlan.none);
            c.setStatusStore(store);
        });
        List<SipLineStatusEvent> taken = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("bitrix24-sip:status?delay=60000&initialDelay=0")
                        .routeId("statuses")
                        .process(e -> {
                            taken.add(e.getMessage().getBody(SipLineStatusEvent.class));
                            // the first event is taken while its consumer is being stopped
                            await().atMost(Duration.ofSeconds(10)).until(() -> {
                                Consumer consumer =
                                        e.getContext().getRoute("statuses").getConsumer();
                                return ((ServiceSupport) consumer).isStopping();
                            });
                        });
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !taken.isEmpty());
        // as a master: route does when its leadership moves: the consumer alone is stopped
        ServiceHelper.stopService(context.getRoute("statuses").getConsumer());
        assertThat(taken).as("nothing delivered once stopping").hasSize(1);
        assertThat(store.load(portal.baseUrl()))
                .as("what was delivered is stored when the stop returns")
                .containsOnlyKeys(taken.get(0).configId());
    }
}
