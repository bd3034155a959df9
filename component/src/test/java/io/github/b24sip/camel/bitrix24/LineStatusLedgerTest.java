package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status consumer's bookkeeping of delivered and pending changes, without a portal. */
class LineStatusLedgerTest {

    private static SipLineStatusEvent status(int configId, String result) {
        return new SipLineStatusEvent(
                "p", configId, "line" + configId, configId, result, null, null, null, null, false);
    }

    private static List<String> pending(LineStatusLedger ledger) {
        return ledger.pendingByLine().stream()
                .flatMap(List::stream)
                .map(e -> e.configId() + ":" + (e.removed() ? "removed" : e.statusResult()))
                .toList();
    }

    @Test
    void aChangeStaysPendingUntilDeliveredAndIsThenNotOfferedAgain() {
        LineStatusLedger ledger = new LineStatusLedger();
        ledger.observe(List.of(status(1, "wait"), status(2, "wait")), Set.of(1, 2), false);
        assertThat(pending(ledger)).containsExactly("1:wait", "2:wait");
        ledger.delivered(ledger.pendingByLine().get(0).get(0));
        ledger.observe(List.of(status(1, "wait"), status(2, "wait")), Set.of(1, 2), false);
        assertThat(pending(ledger)).as("line 2 refused: still pending, once").containsExactly("2:wait");
        assertThat(ledger.deliveredStatuses())
                .extracting(SipLineStatusEvent::configId)
                .containsExactly(1);
    }

    @Test
    void aLinesChangesQueueOldestFirstAndANewerOneCannotGoFirst() {
        LineStatusLedger ledger = new LineStatusLedger();
        ledger.observe(List.of(status(1, "wait")), Set.of(1), false);
        ledger.observe(List.of(status(1, "in_progress")), Set.of(1), false);
        ledger.observe(List.of(status(1, "success")), Set.of(1), false);
        assertThat(pending(ledger)).containsExactly("1:wait", "1:in_progress", "1:success");
        SipLineStatusEvent newest = ledger.pendingByLine().get(0).get(2);
        assertThatThrownBy(() -> ledger.delivered(newest)).hasMessageContaining("out of order");
    }

    @Test
    void aLineGoneGetsOneRemovalAndItsDeliveryForgetsTheLine() {
        LineStatusLedger ledger = new LineStatusLedger();
        ledger.reset(Map.of(1, status(1, "success"), 2, status(2, "success")));
        ledger.observe(List.of(status(2, "success")), Set.of(2), false);
        ledger.observe(List.of(status(2, "success")), Set.of(2), false);
        assertThat(pending(ledger)).containsExactly("1:removed");
        ledger.delivered(ledger.pendingByLine().get(0).get(0));
        assertThat(ledger.deliveredStatuses())
                .extracting(SipLineStatusEvent::configId)
                .containsExactly(2);
    }

    @Test
    void aLineWhoseStatusCouldNotBeReadThisTimeIsNeitherChangedNorRemoved() {
        LineStatusLedger ledger = new LineStatusLedger();
        ledger.reset(Map.of(1, status(1, "success")));
        ledger.observe(List.of(), Set.of(1), false);
        assertThat(pending(ledger)).isEmpty();
    }

    @Test
    void emitUnchangedQueuesEachLineOncePerPollButNotOnTopOfAWaitingChange() {
        LineStatusLedger ledger = new LineStatusLedger();
        ledger.reset(Map.of(1, status(1, "success")));
        ledger.observe(List.of(status(1, "success")), Set.of(1), true);
        ledger.observe(List.of(status(1, "success")), Set.of(1), true);
        assertThat(pending(ledger)).containsExactly("1:success");
    }

    @Test
    void aLineFlappingWhileItsSinkIsDownKeepsItsNewestChanges() {
        LineStatusLedger ledger = new LineStatusLedger();
        int polls = LineStatusLedger.MAX_PENDING_PER_LINE + 5;
        for (int i = 0; i < polls; i++) {
            ledger.observe(List.of(status(1, i % 2 == 0 ? "success" : "error")), Set.of(1), false);
        }
        assertThat(ledger.pendingByLine().get(0)).hasSize(LineStatusLedger.MAX_PENDING_PER_LINE);
        assertThat(ledger.droppedCount()).isEqualTo(5);
        assertThat(ledger.latest(1).statusResult()).isEqualTo((polls - 1) % 2 == 0 ? "success" : "error");
    }

    @Test
    void resetForgetsWhatWasPending() {
        LineStatusLedger ledger = new LineStatusLedger();
        ledger.observe(List.of(status(1, "wait")), Set.of(1), false);
        ledger.reset(Map.of());
        assertThat(pending(ledger)).isEmpty();
        assertThat(ledger.latest(1)).isNull();
    }
}
