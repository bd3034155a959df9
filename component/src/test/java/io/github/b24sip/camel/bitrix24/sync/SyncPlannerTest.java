package io.github.b24sip.camel.bitrix24.sync;

import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The sync planner on its own: no portal, no server. Each test names the rule it pins. */
class SyncPlannerTest {

    private static SipLine line(int configId, String type, String title, String server, String login, String pw) {
        return new SipLine(
                configId,
                configId,
                type,
                title,
                server,
                login,
                pw,
                100L + configId,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static SipLineSpec cloud(String title, String server, String login, String password) {
        return new SipLineSpec(title, "cloud", server, login, password, null);
    }

    private static List<Class<?>> kinds(SyncPlan plan) {
        return plan.steps().stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void aMissingLineIsCreatedAndAnEqualOneKeptWithoutAWrite() {
        SyncPlan plan = SyncPlanner.plan(
                SyncRequest.of(List.of(cloud("A", "sip.a.example", "a", "pw"), cloud("B", "sip.b.example", "b", "pw"))),
                List.of(line(1, "cloud", "B", "sip.b.example", "b", "pw")));
        assertThat(kinds(plan)).containsExactly(SyncStep.Create.class, SyncStep.Keep.class);
        assertThat(plan.steps()).extracting(SyncStep::key).containsExactly(LineKey.title("a"), LineKey.title("B"));
    }

    @Test
    void anUpdateCarriesOnlyTheFieldsThatDifferAsThePortalStoresThem() {
        SyncPlan plan = SyncPlanner.plan(
                SyncRequest.of(List.of(cloud(" A ", "https://sip.a.example ", "new-login", null))),
                List.of(line(7, "cloud", "A", "sip.a.example", "old-login", "stored")));
        SyncStep.Update update = (SyncStep.Update) plan.steps().get(0);
        // the scheme and padding are no change, a missing password keeps the stored one
        assertThat(update.changes()).isEqualTo(new SipLineSpec(null, null, null, "new-login", null, 7));
    }

    @Test
    void aTypeChangeIsAReplaceBecauseTheTypeCannotBeUpdated() {
        SyncPlan plan = SyncPlanner.plan(
                SyncRequest.of(List.of(new SipLineSpec("A", "office", "pbx.example", "a", "pw", null))),
                List.of(line(7, "cloud", "A", "pbx.example", "a", "pw")));
        assertThat(kinds(plan)).containsExactly(SyncStep.Replace.class);
    }

    @Test
    void aTitleGivenTwiceIsInvalidAtBothPlacesAndAnInvalidLineIsKeyedByPosition() {
        SyncPlan plan = SyncPlanner.plan(
                SyncRequest.of(List.of(
                        cloud("A", "sip.a.example", "a", "pw"),
                        cloud("a ", "sip.a.example", "a", "pw"),
                        cloud("C", "", "c", "pw"))),
                List.of());
        assertThat(plan.steps())
                .allSatisfy(step -> assertThat(step).isInstanceOf(SyncStep.Settled.class))
                .extracting(SyncStep::key)
                .containsExactly(LineKey.position(0), LineKey.position(1), LineKey.position(2));
        assertThat(((SyncStep.Settled) plan.steps().get(0)).item().errorCode()).isEqualTo("DUPLICATE_TITLE");
        assertThat(((SyncStep.Settled) plan.steps().get(2)).item().errorCode()).isNotBlank();
    }

    @Test
    void anAbsentTitleIsDeletedWhenItExistsDoneWhenNotAndRefusedWhenAlsoDesired() {
        SyncRequest request = SyncRequest.of(List.of(cloud("Both", "sip.b.example", "b", "pw")))
                .withAbsentTitles(List.of("Gone", "Never", "both"));
        SyncPlan plan = SyncPlanner.plan(request, List.of(line(3, "cloud", "gone", "sip.g.example", "g", "pw")));
        assertThat(kinds(plan))
                .containsExactly(
                        SyncStep.Create.class, SyncStep.Delete.class, SyncStep.Settled.class, SyncStep.Settled.class);
        assertThat(((SyncStep.Settled) plan.steps().get(2)).item().outcome()).isEqualTo(SyncItem.Outcome.UNCHANGED);
        assertThat(((SyncStep.Settled) plan.steps().get(3)).item().errorCode()).isEqualTo("CONFLICTING_TITLE");
    }

    @Test
    void pruneDeletesEveryOtherLineAndEachUntitledLineByItsConfigId() {
        SyncPlan plan = SyncPlanner.plan(
                SyncRequest.of(List.of(cloud("Keep", "sip.k.example", "k", "pw")))
                        .withPrune(true),
                List.of(
                        line(1, "cloud", "keep", "sip.k.example", "k", "pw"),
                        line(2, "cloud", "other", "sip.o.example", "o", "pw"),
                        line(3, "cloud", null, "sip.u.example", "u", "pw"),
                        line(4, "cloud", "", "sip.v.example", "v", "pw")));
        assertThat(plan.steps())
                .extracting(SyncStep::key)
                .containsExactly(
                        LineKey.title("keep"), LineKey.title("other"), LineKey.untitled(3), LineKey.untitled(4));
        assertThat(kinds(plan).subList(1, 4)).containsOnly(SyncStep.Delete.class);
    }

    @Test
    void withoutPruneOnlyTheNamedTitlesAreReadUpToFiftyThenEveryLine() {
        assertThat(SyncPlanner.titlesToRead(
                        SyncRequest.of(List.of(Map.of("TITLE", " A "))).withAbsentTitles(List.of("B", "a"))))
                .contains(Set.of("A", "B"));
        assertThat(SyncPlanner.titlesToRead(SyncRequest.of(List.of()).withPrune(true)))
                .isEmpty();
        List<SipLineSpec> many = new ArrayList<>();
        for (int i = 0; i <= SyncPlanner.FILTERED_READ_MAX_TITLES; i++) {
            many.add(cloud("L" + i, "sip.example", "l", "pw"));
        }
        assertThat(SyncPlanner.titlesToRead(SyncRequest.of(many))).isEmpty();
    }

    @Test
    void aDryRunPlanReportsEveryStepPlannedOrUnchangedInRequestOrder() {
        SyncPlan plan = SyncPlanner.plan(
                SyncRequest.of(List.of(cloud("New", "sip.n.example", "n", "pw"), cloud("Same", "s.example", "s", "p")))
                        .withDryRun(true),
                List.of(line(5, "cloud", "Same", "s.example", "s", "p")));
        assertThat(SyncExecutor.planned(plan))
                .extracting(SyncItem::title, SyncItem::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("New", SyncItem.Outcome.PLANNED),
                        org.assertj.core.groups.Tuple.tuple("Same", SyncItem.Outcome.UNCHANGED));
    }
}
