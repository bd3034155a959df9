package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Action;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Outcome;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.bitrix.SipLineView;
import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.journal.JournalEntry;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** bitrix24-sip:sync against the simulator: the plan, the writes it costs (journal), and convergence. */
class Bitrix24SipSyncTest extends Bitrix24SipTestSupport {

    @BeforeEach
    void start() throws Exception {
        startSimulator(PortalConfig.portal("demo").maxCloudPbx(3).rateLimit(null));
        startCamel(c -> c.setRateLimitPlan(RateLimitPlan.none));
    }

    private static List<SipLineSpec> desired(int n) {
        List<SipLineSpec> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(SipLineSpec.office(String.format("line-%03d", i), "pbx.example.com", "login" + i, "pw" + i));
        }
        return lines;
    }

    private SyncReport sync(String uri, List<?> lines) {
        return template.requestBody(uri, lines, SyncReport.class);
    }

    private long writes() {
        return journal()
                .count(e -> e.target().equals("demo")
                        && (e.ran("voximplant.sip.add")
                                || e.ran("voximplant.sip.update")
                                || e.ran("voximplant.sip.delete")));
    }

    @Test
    void createsThenReSyncsUnchangedWithReadsOnlyThenUpdatesExactlyTheChangedLines() {
        SyncReport first = sync("bitrix24-sip:sync", desired(120));
        assertThat(first.created()).isEqualTo(120);
        assertThat(first.failed()).isZero();
        assertThat(portal.lines()).hasSize(120);
        assertThat(writes()).as("120 adds in batches of 50").isLessThanOrEqualTo(3);
        assertThat(journal().countRequests("demo", "voximplant.sip.get")).isEqualTo(1);
        assertThat(first.requests()).isEqualTo(journal().entries("demo").size());

        journal().clear();
        SyncReport again = sync("bitrix24-sip:sync", desired(120));
        assertThat(again.unchanged()).isEqualTo(120);
        assertThat(again.items()).allMatch(i -> i.outcome() == Outcome.UNCHANGED);
        assertThat(writes()).isZero();
        assertThat(journal().entries("demo")).allMatch(e -> e.ran("voximplant.sip.get"));
        assertThat(again.requests())
                .as("the first page, then the other two pages in one batch")
                .isEqualTo(2);

        List<SipLineSpec> changed = desired(120);
        changed.set(5, SipLineSpec.office("line-005", "pbx2.example.com", "login5", "pw5"));
        changed.set(50, SipLineSpec.office("line-050", "pbx.example.com", "new-login", "pw50"));
        changed.set(99, SipLineSpec.office("line-099", "pbx.example.com", "login99", "new-password"));
        journal().clear();
        SyncReport third = sync("bitrix24-sip:sync", changed);
        assertThat(third.updated()).isEqualTo(3);
        assertThat(third.unchanged()).isEqualTo(117);
        assertThat(journal().countCalls("demo", "voximplant.sip.update")).isEqualTo(3);
        assertThat(journal().countCalls("demo", "voximplant.sip.add")
                        + journal().countCalls("demo", "voximplant.sip.delete"))
                .isZero();
        assertThat(portal.linesTitled("line-050").get(0).login()).isEqualTo("new-login");
        assertThat(portal.linesTitled("line-099").get(0).password()).isEqualTo("new-password");
        assertThat(third.toString()).doesNotContain("new-password").doesNotContain("pw5");
    }

    @Test
    void pruneDeletesTheExtrasAndWithoutItTheyStay() throws Exception {
        sync("bitrix24-sip:sync", desired(5));
        SyncReport kept = sync("bitrix24-sip:sync", desired(3));
        assertThat(kept.deleted()).isZero();
        assertThat(portal.lines()).hasSize(5);
        SyncReport pruned = sync("bitrix24-sip:sync?prune=true", desired(3));
        assertThat(pruned.deleted()).isEqualTo(2);
        assertThat(pruned.items())
                .filteredOn(i -> i.action() == Action.DELETE)
                .extracting(SyncItem::title)
                .containsExactly("line-003", "line-004");
        assertThat(portal.lines()).extracting(SipLineView::title).containsExactly("line-000", "line-001", "line-002");
    }

    @Test
    void dryRunReturnsThePlanAndOnlyReads() {
        sync("bitrix24-sip:sync", desired(3));
        List<SipLineSpec> next = desired(2);
        next.set(1, SipLineSpec.office("line-001", "other.example.com", "login1", "pw1"));
        next.add(SipLineSpec.office("new", "pbx.example.com", "l", "p"));
        journal().clear();
        SyncReport plan = sync("bitrix24-sip:sync?dryRun=true&prune=true", next);
        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.items())
                .extracting(SyncItem::title, SyncItem::action, SyncItem::outcome)
                .containsExactly(
                        Tuple.tuple("line-000", Action.UNCHANGED, Outcome.UNCHANGED),
                        Tuple.tuple("line-001", Action.UPDATE, Outcome.PLANNED),
                        Tuple.tuple("new", Action.CREATE, Outcome.PLANNED),
                        Tuple.tuple("line-002", Action.DELETE, Outcome.PLANNED));
        assertThat(journal().entries("demo")).extracting(JournalEntry::method).containsOnly("voximplant.sip.get");
        assertThat(portal.lines()).hasSize(3);
        assertThat(portal.linesTitled("line-001").get(0).server()).isEqualTo("pbx.example.com");
    }

    @Test
    void aTypeChangeIsDeletePlusAdd() {
        sync("bitrix24-sip:sync", List.of(SipLineSpec.cloud("switch", "sip.example.com", "l", "p")));
        int oldId = portal.linesTitled("switch").get(0).configId();
        journal().clear();
        SyncReport report =
                sync("bitrix24-sip:sync", List.of(SipLineSpec.office("switch", "sip.example.com", "l", "p")));
        assertThat(report.items()).singleElement().satisfies(i -> {
            assertThat(i.action()).isEqualTo(Action.REPLACE);
            assertThat(i.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(i.configId()).isNotEqualTo(oldId);
        });
        assertThat(journal().countCalls("demo", "voximplant.sip.delete")).isEqualTo(1);
        assertThat(journal().countCalls("demo", "voximplant.sip.add")).isEqualTo(1);
        assertThat(portal.linesTitled("switch"))
                .singleElement()
                .satisfies(l -> assertThat(l.type()).isEqualTo("office"));
    }

    @Test
    void partialFailuresAreReportedPerLineWhileTheRestApplies() {
        portal.addLine("another.app", "office", "held-elsewhere", "s", "l", "p");
        List<Object> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            lines.add(SipLineSpec.cloud("cloud-" + i, "sip.example.com", "l", "p"));
        }
        lines.add(SipLineSpec.office("held-elsewhere", "s", "l", "p"));
        lines.add(SipLineSpec.office("twice", "s", "l", "p"));
        lines.add(SipLineSpec.office("twice", "s", "l2", "p"));
        lines.add(Map.of("title", "no-server", "login", "l"));
        lines.add(SipLineSpec.office("fine", "s", "l", "p"));
        SyncReport report = sync("bitrix24-sip:sync", lines);
        assertThat(report.items()).hasSize(9);
        assertThat(report.items().stream().filter(i -> "MAX_CLOUD_PBX".equals(i.errorCode())))
                .hasSize(1);
        assertThat(report.items().get(4).errorCode()).isEqualTo("TITLE_EXISTS");
        assertThat(report.items().get(5).errorCode()).isEqualTo("DUPLICATE_TITLE");
        assertThat(report.items().get(6).errorCode()).isEqualTo("DUPLICATE_TITLE");
        assertThat(report.items().get(7).errorCode()).isEqualTo("INVALID_INPUT");
        assertThat(report.items().get(7).errorDescription()).contains("server");
        assertThat(report.items().get(8).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(report.failed()).isEqualTo(5);
        assertThat(report.created()).isEqualTo(4);
        assertThat(portal.lines()).hasSize(5);
    }

    @Test
    void reSyncAfterDroppedConnectionsMidBatchConvergesWithoutDuplicates() {
        portal.faults()
                .next(1, "voximplant.sip.add", Fault.dropAfter())
                .next(1, "voximplant.sip.add", Fault.dropBefore());
        SyncReport first = sync("bitrix24-sip:sync", desired(120));
        SyncReport second = sync("bitrix24-sip:sync", desired(120));
        assertThat(portal.lines()).hasSize(120);
        assertThat(portal.lines().stream().map(SipLineView::title).distinct()).hasSize(120);
        assertThat(second.unchanged()).isEqualTo(120);
        assertThat(first.failed() + first.created()).isEqualTo(120);
    }

    @Test
    void aSmallSetReadsOnlyItsTitlesAndAbsentTitlesAreDeletedOnceThenReportedUnchanged() {
        sync("bitrix24-sip:sync", desired(60));
        journal().clear();
        List<SipLineSpec> one = List.of(SipLineSpec.office("line-001", "pbx.example.com", "login1", "changed"));
        SyncReport report = template.requestBodyAndHeader(
                "bitrix24-sip:sync",
                one,
                Bitrix24SipConstants.ABSENT_TITLES,
                List.of("line-002", "no-such-line", "line-002"),
                SyncReport.class);

        assertThat(journal().countRequests("demo", "voximplant.sip.get"))
                .as("one filtered read, not 60 lines")
                .isEqualTo(1);
        JournalEntry read = journal().entries("demo").get(0);
        assertThat(read.params().get("FILTER").toString())
                .contains("line-001")
                .contains("line-002")
                .contains("no-such-line");
        assertThat(report.items()).extracting(SyncItem::title).containsExactly("line-001", "line-002", "no-such-line");
        assertThat(report.items())
                .extracting(SyncItem::action)
                .containsExactly(Action.UPDATE, Action.DELETE, Action.DELETE);
        assertThat(report.items())
                .extracting(SyncItem::outcome)
                .containsExactly(Outcome.APPLIED, Outcome.APPLIED, Outcome.UNCHANGED);
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.deleted()).isEqualTo(1);
        assertThat(portal.linesTitled("line-002")).isEmpty();
        assertThat(portal.lines()).hasSize(59);

        journal().clear();
        SyncReport again = template.requestBodyAndHeader(
                "bitrix24-sip:sync", one, Bitrix24SipConstants.ABSENT_TITLES, List.of("line-002"), SyncReport.class);
        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(writes()).as("a redelivered command writes nothing").isZero();
    }

    @Test
    void aTitleBothDesiredAndAbsentIsRefused() {
        SyncReport report = template.requestBodyAndHeader(
                "bitrix24-sip:sync",
                desired(1),
                Bitrix24SipConstants.ABSENT_TITLES,
                List.of("line-000"),
                SyncReport.class);
        assertThat(report.items().get(0).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(report.items().get(1).errorCode()).isEqualTo("CONFLICTING_TITLE");
        assertThat(portal.lines()).hasSize(1);
    }
}
