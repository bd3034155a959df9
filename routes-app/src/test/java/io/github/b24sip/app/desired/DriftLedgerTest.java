package io.github.b24sip.app.desired;

import io.github.b24sip.app.portal.DriftPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a round of drifts means against what was reported before: once when it appears, again when it changes,
 * resolved when gone; under repair at most 3 repairs an hour, then one suspension held until the line is declared anew.
 */
class DriftLedgerTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant DECLARED = Instant.parse("2026-12-07T09:00:00Z");
    private static final DriftLedger.Subject PORTAL = new DriftLedger.Subject("sales", false);
    private static final Drift SERVER = new Drift("Trunk", 7, DriftKind.CHANGED, List.of("server"));

    private static DriftLedger.Outcome round(
            List<Drift> drifts, DriftRecord before, DriftPolicy policy, Instant now, Instant declaredAt) {
        return DriftLedger.round(
                PORTAL, drifts, before, policy, now, 3, Drift::title, d -> "a.csv row 2", key -> declaredAt, d -> true);
    }

    private static List<String> what(DriftLedger.Outcome outcome) {
        return outcome.events().stream().map(DriftEvent::drift).toList();
    }

    @Test
    void aDriftIsReportedWhenItAppearsAndWhenItChangesAndResolvedWhenGone() {
        DriftLedger.Outcome first = round(List.of(SERVER), DriftRecord.empty(), DriftPolicy.OBSERVE, T0, DECLARED);
        assertThat(what(first)).containsExactly("changed");
        assertThat(first.toRepair()).as("observe repairs nothing").isEmpty();

        DriftLedger.Outcome same =
                round(List.of(SERVER), first.next(), DriftPolicy.OBSERVE, T0.plusSeconds(30), DECLARED);
        assertThat(same.events()).as("the same drift again: nothing to say").isEmpty();
        assertThat(same.next().reported().get("Trunk").since()).isEqualTo(T0);

        Drift more = new Drift("Trunk", 7, DriftKind.CHANGED, List.of("server", "login"));
        assertThat(what(round(List.of(more), same.next(), DriftPolicy.OBSERVE, T0.plusSeconds(60), DECLARED)))
                .containsExactly("changed");

        DriftLedger.Outcome gone = round(List.of(), same.next(), DriftPolicy.OBSERVE, T0.plusSeconds(90), DECLARED);
        assertThat(gone.events()).singleElement().satisfies(e -> {
            assertThat(e.drift()).isEqualTo("resolved");
            assertThat(e.was()).isEqualTo("changed");
            assertThat(e.portal()).isEqualTo("sales");
        });
        assertThat(gone.next().reported()).isEmpty();
    }

    @Test
    void aLineRepairedThreeTimesWithinAnHourIsSuspendedOnceUntilDeclaredAnew() {
        DriftRecord record = DriftRecord.empty();
        for (int i = 0; i < 3; i++) {
            DriftLedger.Outcome repaired =
                    round(List.of(SERVER), record, DriftPolicy.REPAIR, T0.plusSeconds(60L * i), DECLARED);
            assertThat(repaired.toRepair()).containsExactly(SERVER);
            // the repair worked, then the administrator changed it back: gone, then there again
            record = round(List.of(), repaired.next(), DriftPolicy.REPAIR, T0.plusSeconds(60L * i + 30), DECLARED)
                    .next();
        }
        DriftLedger.Outcome fourth = round(List.of(SERVER), record, DriftPolicy.REPAIR, T0.plusSeconds(300), DECLARED);
        assertThat(fourth.toRepair()).isEmpty();
        assertThat(what(fourth)).containsExactly("changed", "repair-suspended");

        DriftLedger.Outcome still =
                round(List.of(SERVER), fourth.next(), DriftPolicy.REPAIR, T0.plusSeconds(330), DECLARED);
        assertThat(still.toRepair()).isEmpty();
        assertThat(still.events()).as("one suspension event").isEmpty();

        DriftLedger.Outcome declaredAnew =
                round(List.of(SERVER), fourth.next(), DriftPolicy.REPAIR, T0.plusSeconds(360), T0.plusSeconds(340));
        assertThat(declaredAnew.toRepair()).as("a new declaration resumes it").containsExactly(SERVER);

        DriftLedger.Outcome anHourLater = round(
                List.of(SERVER),
                new DriftRecord(fourth.next().reported(), fourth.next().repairs(), Map.of()),
                DriftPolicy.REPAIR,
                T0.plus(Duration.ofMinutes(70)),
                DECLARED);
        assertThat(anHourLater.toRepair())
                .as("repairs older than an hour no longer count")
                .containsExactly(SERVER);
    }

    @Test
    void aYoungDeclarationIsNotJudged() {
        assertThat(DriftLedger.settling(T0.minusSeconds(5), T0, Duration.ofSeconds(30)))
                .isTrue();
        assertThat(DriftLedger.settling(T0.minusSeconds(31), T0, Duration.ofSeconds(30)))
                .isFalse();
        assertThat(DriftLedger.settling(null, T0, Duration.ofSeconds(30))).isFalse();
    }
}
