package io.github.b24sip.camel.voximplant;

import io.github.b24sip.camel.SimulatorTrust;
import io.github.b24sip.camel.voximplant.model.CreateSipRegistrationResult;
import io.github.b24sip.camel.voximplant.model.SipRegistrationEvent;
import io.github.b24sip.camel.voximplant.spi.RegistrationStatusStore;
import io.github.b24sip.simulator.MutableClock;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.VoximplantConfig;
import io.github.b24sip.simulator.voximplant.ServiceAccountKey;
import io.github.b24sip.simulator.voximplant.VoximplantAccount;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** from("voximplant-sip:registrations") against the simulator's platform_api: exactly the changes, once each. */
class VoximplantSipConsumerTest {

    private static final long ACCOUNT = 1000001;

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingNow();
    private final List<SipRegistrationEvent> events = new CopyOnWriteArrayList<>();
    private final List<List<?>> snapshots = new CopyOnWriteArrayList<>();
    private String options = "";
    private final AtomicBoolean refuse = new AtomicBoolean();
    private Simulator sim;
    private VoximplantAccount account;
    private ServiceAccountKey key;
    private CamelContext context;

    private void startSimulator() {
        sim = Simulator.start(SimulatorConfig.create()
                .clock(clock)
                .voximplant(VoximplantConfig.account(ACCOUNT)
                        .registrationDelays(Duration.ofSeconds(2), Duration.ofSeconds(3))));
        account = sim.voximplant(ACCOUNT);
        key = account.newServiceAccountKey();
    }

    private void startCamel(RegistrationStatusStore store) throws Exception {
        context = new DefaultCamelContext();
        VoximplantSipComponent component = new VoximplantSipComponent();
        VoximplantSipConfiguration c = component.getConfiguration();
        c.setApiUrl(sim.voximplantApiUrl());
        c.setCredentialsFile(
                key.writeCredentials(dir.resolve("credentials.json")).toString());
        c.setSslContextParameters(SimulatorTrust.sslContextParameters(sim, dir));
        c.setStatusStore(store);
        context.addComponent("voximplant-sip", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("voximplant-sip:registrations?delay=20&initialDelay=0" + options)
                        .routeId("registrations")
                        .process(e -> {
                            if (refuse.get()) {
                                throw new IllegalStateException("the sink is down");
                            }
                            if (Boolean.TRUE.equals(e.getMessage().getHeader(VoximplantSipConstants.SNAPSHOT))) {
                                snapshots.add(e.getMessage().getBody(List.class));
                            } else {
                                events.add(e.getMessage().getBody(SipRegistrationEvent.class));
                            }
                        });
            }
        });
        context.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.stop();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private long create(String username, String proxy) {
        return context.createProducerTemplate()
                .requestBody(
                        "voximplant-sip:createSipRegistration",
                        Map.of("sip_username", username, "proxy", proxy, "password", "pw"),
                        CreateSipRegistrationResult.class)
                .sipRegistrationId();
    }

    private long polls() {
        return sim.journal().entries("voximplant").stream()
                .filter(e -> "GetSipRegistrations".equals(e.method()) && !e.isError())
                .count();
    }

    /** Waits until the consumer has polled a few more times, so "no more events" means something. */
    private void awaitMorePolls() {
        long before = polls();
        await().atMost(Duration.ofSeconds(10)).until(() -> polls() >= before + 3);
    }

    private List<String> states(List<SipRegistrationEvent> list) {
        return list.stream()
                .map(e -> e.sipUsername() + " "
                        + (e.previous() == null ? "-" : e.previous().name()) + ">"
                        + (e.removed() ? "removed" : e.state().name()))
                .toList();
    }

    @Test
    void aSnapshotEndsEachPollWithEveryRegistrationAtNoExtraRequest() throws Exception {
        startSimulator();
        options = "&emitSnapshot=true";
        startCamel(null);
        create("alice", "sip.example.com");
        create("bob", "sip.example.com");
        await().atMost(Duration.ofSeconds(10)).until(() -> snapshots.stream().anyMatch(l -> l.size() == 2));
        List<?> last = snapshots.get(snapshots.size() - 1);
        assertThat(last)
                .extracting(r -> ((io.github.b24sip.camel.voximplant.model.SipRegistration) r).sipUsername())
                .containsExactlyInAnyOrder("alice", "bob");
        context.getRouteController().stopAllRoutes();
        assertThat(sim.journal().entries("voximplant"))
                .as("the poll reads registrations, nothing else")
                .allSatisfy(e -> assertThat(e.method()).isIn("GetSipRegistrations", "CreateSipRegistration"));
    }

    @Test
    void emitsEveryRegistrationFirstThenExactlyEachChangeAndOneRemoval() throws Exception {
        startSimulator();
        startCamel(null);
        long good = create("good", "sip.example.com");
        create("bad", "pbx.example.invalid");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2);
        awaitMorePolls();
        assertThat(states(events)).containsExactlyInAnyOrder("good ->in-progress", "bad ->in-progress");
        assertThat(events).allSatisfy(e -> assertThat(e.accountId()).isEqualTo(String.valueOf(ACCOUNT)));

        clock.advance(Duration.ofSeconds(6));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 4);
        account.setDeactivated(good, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 5);
        long bad = events.stream()
                .filter(e -> e.sipUsername().equals("bad"))
                .findFirst()
                .orElseThrow()
                .sipRegistrationId();
        account.removeRegistration(bad);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 6);
        awaitMorePolls();
        assertThat(states(events.subList(2, events.size())))
                .containsExactlyInAnyOrder(
                        "good in-progress>successful",
                        "bad in-progress>failed",
                        "good successful>deactivated",
                        "bad failed>removed");
    }

    @Test
    void aChangeTheRouteRefusedIsOfferedAgainUntilItIsTakenAndThenNotAgain() throws Exception {
        startSimulator();
        refuse.set(true);
        startCamel(null);
        create("good", "sip.example.com");
        awaitMorePolls();
        assertThat(events).isEmpty();
        refuse.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 1);
        awaitMorePolls();
        assertThat(states(events)).containsExactly("good ->in-progress");
    }

    @Test
    void aConsumerTakingTheAccountOverFromTheStoreEmitsOnlyWhatChangedMeanwhile() throws Exception {
        Map<String, Map<Long, SipRegistrationEvent>> stored = new ConcurrentHashMap<>();
        RegistrationStatusStore store = new RegistrationStatusStore() {
            @Override
            public Map<Long, SipRegistrationEvent> load(String accountId) {
                return stored.getOrDefault(accountId, Map.of());
            }

            @Override
            public void replace(String accountId, Collection<SipRegistrationEvent> lastDelivered) {
                Map<Long, SipRegistrationEvent> byId = new ConcurrentHashMap<>();
                lastDelivered.forEach(e -> byId.put(e.sipRegistrationId(), e));
                stored.put(accountId, byId);
            }
        };
        startSimulator();
        startCamel(store);
        create("good", "sip.example.com");
        create("other", "sip.example.com");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2);
        context.stop();
        events.clear();
        long other = stored.get(String.valueOf(ACCOUNT)).values().stream()
                .filter(e -> e.sipUsername().equals("other"))
                .findFirst()
                .orElseThrow()
                .sipRegistrationId();
        account.removeRegistration(other);

        startCamel(store);
        awaitMorePolls();
        assertThat(states(events)).containsExactly("other in-progress>removed");
    }
}
