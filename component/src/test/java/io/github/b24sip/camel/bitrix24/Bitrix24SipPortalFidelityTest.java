package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SipRegistrationStatus;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Action;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Outcome;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.bitrix.SipLineView;
import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.journal.JournalEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The component against what a real portal does, as the voximplant module's source has it and the simulator
 * reproduces it: values stored normalised, optional titles and passwords, titles compared without regard to case,
 * the retried delete, the fields of a stored line, SORT/ORDER and the lower-case start.
 */
class Bitrix24SipPortalFidelityTest extends Bitrix24SipTestSupport {

    private SyncReport sync(List<SipLineSpec> desired, String options) {
        return template.requestBody("bitrix24-sip:sync" + options, desired, SyncReport.class);
    }

    private long updatesSent() {
        return journal().countCalls("demo", "voximplant.sip.update");
    }

    @Test
    void inputWithSchemesAndPaddingIsUnchangedOnTheSecondSyncAndSendsNoUpdate() throws Exception {
        startSimulator(PortalConfig.portal("demo"));
        startCamel();
        List<SipLineSpec> desired = List.of(
                SipLineSpec.cloud("scheme", "https://sip.example.com", "l1", "p1"),
                SipLineSpec.cloud("  padded  ", "  sip.example.com ", "  l2 ", " p2 "),
                SipLineSpec.office("both", " http://pbx.example.com/https://x ", "l3", "p3"));
        SyncReport first = sync(desired, "");
        assertThat(first.items()).extracting(SyncItem::action).containsOnly(Action.CREATE);
        assertThat(portal.linesTitled("scheme"))
                .singleElement()
                .extracting(SipLineView::server)
                .isEqualTo("sip.example.com");
        assertThat(portal.linesTitled("padded")).singleElement().satisfies(l -> {
            assertThat(l.login()).isEqualTo("l2");
            assertThat(l.password()).isEqualTo("p2");
        });
        assertThat(portal.linesTitled("both"))
                .singleElement()
                .extracting(SipLineView::server)
                .isEqualTo("pbx.example.com/x");
        long updatesBefore = updatesSent();
        SyncReport second = sync(desired, "");
        assertThat(second.items()).extracting(SyncItem::action).containsOnly(Action.UNCHANGED);
        assertThat(updatesSent()).as("no update, so no trunk re-registered").isEqualTo(updatesBefore);
    }

    @Test
    void aDesiredLineWithoutAPasswordNeverClearsTheStoredOne() throws Exception {
        startSimulator(PortalConfig.portal("demo"));
        startCamel();
        sync(List.of(SipLineSpec.cloud("keep", "sip.example.com", "l", "stored-secret")), "");
        SyncReport withoutPassword = sync(List.of(SipLineSpec.cloud("keep", "sip.example.com", "l", null)), "");
        SyncReport blankPassword = sync(List.of(SipLineSpec.cloud("keep", "sip.example.com", "l", "  ")), "");
        assertThat(withoutPassword.items()).extracting(SyncItem::action).containsExactly(Action.UNCHANGED);
        assertThat(blankPassword.items()).extracting(SyncItem::action).containsExactly(Action.UNCHANGED);
        assertThat(portal.linesTitled("keep").get(0).password()).isEqualTo("stored-secret");
        assertThat(updatesSent()).isZero();
        SyncReport changed = sync(List.of(SipLineSpec.cloud("keep", "sip.example.com", "l", "new-secret")), "");
        assertThat(changed.items()).extracting(SyncItem::action).containsExactly(Action.UPDATE);
        assertThat(journal().entries(e -> e.ran("voximplant.sip.update")))
                .singleElement()
                .satisfies(e -> assertThat(updateParams(e)).containsOnlyKeys("CONFIG_ID", "PASSWORD"));
    }

    @Test
    void untitledLinesOnThePortalAreEachTheirOwnEntryInPlansReportsAndPrune() throws Exception {
        startSimulator(PortalConfig.portal("demo"));
        startCamel();
        int first = portal.addLine("", "office", "", "pbx.example.com", "a", "p");
        int second = portal.addLine("", "cloud", "", "sip.example.com", "b", "p");
        List<SipLineSpec> desired = List.of(SipLineSpec.office("named", "pbx.example.com", "n", "p"));
        SyncReport kept = sync(desired, "");
        assertThat(kept.items()).extracting(SyncItem::action).containsExactly(Action.CREATE);
        assertThat(sync(desired, "").items()).extracting(SyncItem::action).containsExactly(Action.UNCHANGED);
        assertThat(updatesSent()).isZero();
        assertThat(portal.lines()).hasSize(3);

        SyncReport plan = sync(desired, "?prune=true&dryRun=true");
        assertThat(plan.items())
                .filteredOn(i -> i.action() == Action.DELETE)
                .extracting(SyncItem::configId, SyncItem::title)
                .containsExactlyInAnyOrder(tuple(first, ""), tuple(second, ""));
        SyncReport pruned = sync(desired, "?prune=true");
        assertThat(pruned.items())
                .filteredOn(i -> i.action() == Action.DELETE)
                .hasSize(2)
                .allMatch(i -> i.outcome() == Outcome.APPLIED);
        assertThat(portal.lines()).extracting(SipLineView::title).containsExactly("named");
        assertThat(sync(desired, "?prune=true").items())
                .extracting(SyncItem::action)
                .containsExactly(Action.UNCHANGED);
        assertThat(updatesSent()).isZero();
    }

    @Test
    void titlesMatchWithoutRegardToCaseAsThePortalComparesThem() throws Exception {
        startSimulator(PortalConfig.portal("demo"));
        startCamel();
        portal.addLine("", "cloud", "Front Desk", "sip.example.com", "l", "p");
        SyncReport renamed = sync(List.of(SipLineSpec.cloud("front desk", "sip.example.com", "l", "p")), "");
        assertThat(renamed.items())
                .extracting(SyncItem::action, SyncItem::outcome)
                .containsExactly(tuple(Action.UPDATE, Outcome.APPLIED));
        assertThat(journal().entries(e -> e.ran("voximplant.sip.update")))
                .singleElement()
                .satisfies(e -> assertThat(updateParams(e))
                        .as("the title alone: no re-registration")
                        .containsOnlyKeys("CONFIG_ID", "TITLE"));
        assertThat(portal.lines()).extracting(SipLineView::title).containsExactly("front desk");
        assertThat(sync(List.of(SipLineSpec.cloud("front desk", "sip.example.com", "l", "p")), "")
                        .items())
                .extracting(SyncItem::action)
                .containsExactly(Action.UNCHANGED);

        SyncReport clash = sync(
                List.of(
                        SipLineSpec.cloud("Lobby", "sip.example.com", "l", "p"),
                        SipLineSpec.cloud("LOBBY", "sip.example.com", "l", "p")),
                "");
        assertThat(clash.items()).extracting(SyncItem::errorCode).containsOnly("DUPLICATE_TITLE");
        portal.addNumberConfig("Main Number");
        SyncReport numberTaken = sync(List.of(SipLineSpec.cloud("main number", "sip.example.com", "l", "p")), "");
        assertThat(numberTaken.items()).extracting(SyncItem::errorCode).containsExactly("TITLE_EXISTS");
    }

    @Test
    void aDeleteWhoseAnswerWasLostSucceedsWhenTheRetryFindsNoLine() throws Exception {
        startSimulator(PortalConfig.portal("demo"));
        startCamel();
        int configId = portal.addLine("", "office", "to-go", "pbx.example.com", "l", "p");
        portal.faults().next(1, "voximplant.sip.delete", Fault.dropAfter());
        assertThat(template.requestBody("bitrix24-sip:delete", configId, Boolean.class))
                .isTrue();
        assertThat(portal.lines()).isEmpty();
        assertThat(journal().countRequests("demo", "voximplant.sip.delete")).isEqualTo(2);
    }

    @Test
    void aStoredLineKeepsItsIdAndLineDetectionFieldsAndAFreshStatusHasNoCode() throws Exception {
        startSimulator(PortalConfig.portal("demo"));
        startCamel();
        SipLine added = template.requestBody(
                "bitrix24-sip:add", SipLineSpec.cloud("fields", "sip.example.com", "l", "p"), SipLine.class);
        assertThat(added.id()).isNotNull();
        assertThat(added.detectLineNumber()).isEqualTo("N");
        assertThat(added.lineDetectHeaderOrder()).isEqualTo("diversion;to");
        SipRegistrationStatus status =
                template.requestBody("bitrix24-sip:status", added.regId(), SipRegistrationStatus.class);
        assertThat(status.statusResult()).isEqualTo("wait");
        assertThat(status.statusCode())
                .as("no code before the provider answers")
                .isNull();
    }

    @Test
    void getSendsSortOrderAndOnlyTheLowerCaseStart() throws Exception {
        startSimulator(PortalConfig.portal("demo").maxCloudPbx(100));
        startCamel();
        for (int i = 0; i < 60; i++) {
            portal.addLine("", "office", "line-" + i, "pbx.example.com", "l", "p");
        }
        journal().clear();
        List<SipLine> sorted = template.requestBody("bitrix24-sip:get?sort=CONFIG_ID&order=DESC", null, List.class);
        assertThat(sorted).hasSize(60);
        assertThat(sorted).extracting(SipLine::configId).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        List<JournalEntry> gets = journal().entries(e -> e.ran("voximplant.sip.get"));
        assertThat(gets).isNotEmpty();
        assertThat(gets.get(0).params()).containsKeys("SORT", "ORDER", "start").doesNotContainKey("START");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> updateParams(JournalEntry e) {
        return e.inner().isEmpty() ? e.params() : e.inner().get(0).params();
    }
}
