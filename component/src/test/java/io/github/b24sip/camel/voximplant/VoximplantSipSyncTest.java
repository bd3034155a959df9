package io.github.b24sip.camel.voximplant;

import io.github.b24sip.camel.SimulatorTrust;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Action;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Outcome;
import io.github.b24sip.camel.voximplant.model.RegistrationSyncItem;
import io.github.b24sip.camel.voximplant.model.RegistrationSyncReport;
import io.github.b24sip.simulator.Simulator;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.VoximplantConfig;
import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.journal.JournalEntry;
import io.github.b24sip.simulator.voximplant.VoximplantAccount;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** voximplant-sip:sync against the simulator: the writes it costs (journal), convergence, prune, a lost answer. */
class VoximplantSipSyncTest {

    private static final long ACCOUNT = 1000001;

    @TempDir
    Path dir;

    private Simulator sim;
    private VoximplantAccount account;
    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.create().voximplant(VoximplantConfig.account(ACCOUNT)));
        account = sim.voximplant(ACCOUNT);
        context = new DefaultCamelContext();
        VoximplantSipComponent component = new VoximplantSipComponent();
        VoximplantSipConfiguration c = component.getConfiguration();
        c.setApiUrl(sim.voximplantApiUrl());
        c.setCredentialsFile(account.newServiceAccountKey()
                .writeCredentials(dir.resolve("credentials.json"))
                .toString());
        c.setSslContextParameters(SimulatorTrust.sslContextParameters(sim, dir));
        context.addComponent("voximplant-sip", component);
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        context.stop();
        sim.close();
    }

    private static Map<String, Object> registration(String user, String proxy, String authUser) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sip_username", user);
        r.put("proxy", proxy);
        r.put("auth_user", authUser);
        r.put("password", "pw-" + user);
        return r;
    }

    private RegistrationSyncReport sync(String uri, List<?> desired) {
        return template.requestBody(uri, desired, RegistrationSyncReport.class);
    }

    private List<JournalEntry> writes() {
        return sim.journal().entries("voximplant").stream()
                .filter(e -> !"GetSipRegistrations".equals(e.method()))
                .toList();
    }

    @Test
    void createsThenChangesNothingThenUpdatesOnlyTheChangedFieldsThenPrunes() {
        List<Map<String, Object>> desired = List.of(
                registration("100", "sip.a.example", "auth-100"),
                registration("101", "sip.a.example", "auth-101"),
                registration("100", "sip.b.example", null));
        RegistrationSyncReport first = sync("voximplant-sip:sync", desired);
        assertThat(first.created()).isEqualTo(3);
        assertThat(first.failed()).isZero();
        assertThat(account.registrations()).hasSize(3);
        assertThat(first.itemFor("101", "SIP.A.example").sipRegistrationId())
                .as("joined by user name at proxy, the proxy without regard to case")
                .isEqualTo(((Number) account.registrations().get(1).get("sip_registration_id")).longValue());

        sim.journal().clear();
        RegistrationSyncReport again = sync("voximplant-sip:sync", desired);
        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(writes())
                .as("no UpdateSipRegistration for an unchanged registration")
                .isEmpty();

        sim.journal().clear();
        RegistrationSyncReport changed = sync(
                "voximplant-sip:sync",
                List.of(
                        registration("100", "sip.a.example", "auth-100"),
                        registration("101", "sip.a.example", "new-auth"),
                        registration("100", "sip.b.example", null)));
        assertThat(changed.updated()).isEqualTo(1);
        assertThat(writes()).singleElement().satisfies(update -> {
            assertThat(update.method()).isEqualTo("UpdateSipRegistration");
            assertThat(update.params()).containsKeys("sip_registration_id", "auth_user");
            assertThat(update.params()).doesNotContainKeys("sip_username", "proxy", "outbound_proxy");
        });

        sim.journal().clear();
        RegistrationSyncReport pruned =
                sync("voximplant-sip:sync?prune=true", List.of(registration("100", "sip.a.example", "auth-100")));
        assertThat(pruned.deleted()).isEqualTo(2);
        assertThat(account.registrations())
                .extracting(r -> r.get("sip_username") + "@" + r.get("proxy"))
                .containsExactly("100@sip.a.example");
    }

    @Test
    void anAbsentRegistrationIsDeletedWhenThereAndReportedUnchangedWhenNot() {
        sync("voximplant-sip:sync", List.of(registration("400", "sip.a.example", null)));
        RegistrationSyncReport report = template.requestBodyAndHeader(
                "voximplant-sip:sync",
                List.of(),
                VoximplantSipConstants.ABSENT_REGISTRATIONS,
                List.of(
                        Map.of("sip_username", "400", "proxy", "SIP.A.EXAMPLE"),
                        Map.of("sip_username", "401", "proxy", "sip.a.example")),
                RegistrationSyncReport.class);
        assertThat(report.items())
                .extracting(
                        RegistrationSyncItem::sipUsername, RegistrationSyncItem::action, RegistrationSyncItem::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("400", Action.DELETE, Outcome.APPLIED),
                        org.assertj.core.groups.Tuple.tuple("401", Action.DELETE, Outcome.UNCHANGED));
        assertThat(account.registrations()).isEmpty();
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundAndNotMadeTwice() {
        account.faults().next(1, "CreateSipRegistration", Fault.dropAfter());
        RegistrationSyncReport report =
                sync("voximplant-sip:sync", List.of(registration("200", "sip.a.example", null)));
        assertThat(report.created()).isEqualTo(1);
        assertThat(account.registrations()).hasSize(1);
        assertThat(sim.journal().countRequests("voximplant", "CreateSipRegistration"))
                .isEqualTo(1);
        assertThat(report.items().get(0).sipRegistrationId())
                .isEqualTo(((Number) account.registrations().get(0).get("sip_registration_id")).longValue());
    }

    @Test
    void aDryRunWritesNothingAndABadRegistrationIsNamedWhileTheOthersGoOn() {
        Map<String, Object> noProxy = new LinkedHashMap<>(registration("300", "x", null));
        noProxy.remove("proxy");
        Map<String, Object> unknownColumn = new LinkedHashMap<>(registration("301", "sip.a.example", null));
        unknownColumn.put("colour", "red");
        RegistrationSyncReport dry = sync(
                "voximplant-sip:sync?dryRun=true",
                List.of(registration("302", "sip.a.example", null), noProxy, unknownColumn));
        assertThat(writes()).isEmpty();
        assertThat(dry.items())
                .extracting(RegistrationSyncItem::action, RegistrationSyncItem::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Action.CREATE, Outcome.PLANNED),
                        org.assertj.core.groups.Tuple.tuple(Action.INVALID, Outcome.FAILED),
                        org.assertj.core.groups.Tuple.tuple(Action.INVALID, Outcome.FAILED));
        assertThat(dry.items().get(1).errorDescription()).contains("proxy");
        assertThat(dry.items().get(2).errorDescription()).contains("colour");

        RegistrationSyncReport applied =
                sync("voximplant-sip:sync", List.of(registration("302", "sip.a.example", null), noProxy));
        assertThat(applied.created()).isEqualTo(1);
        assertThat(applied.failed()).isEqualTo(1);
        assertThat(account.registrations()).hasSize(1);
    }
}
