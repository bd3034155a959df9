package io.github.b24sip.camel.bitrix24.client;

import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipLimitException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipTransportException;
import io.github.b24sip.camel.call.CallPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule of the REST retry table (component README, "Retries") once, through the call policy with scripted
 * answers and a clock that does not wait: no server, no real time.
 */
class RestRetryTableTest {

    private static final String METHOD = "voximplant.sip.get";
    private static final int MAX_RETRIES = 3;

    private final List<Long> waits = new ArrayList<>();
    private final RequestPacer pacer = new RequestPacer(50, 2, 480, 4, System::nanoTime, waits::add);
    private final CallPolicy policy = new CallPolicy(
            waits::add, e -> new Bitrix24SipTransportException(null, "NETWORK_ERROR", "interrupted", 0, e));
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();

    private <T> T fail(IfUnclear<T> ifUnclear, Bitrix24SipException... answers) {
        return run(ifUnclear, null, answers);
    }

    /** Each attempt answers the next failure; once they are used up, it succeeds with {@code success}. */
    private <T> T run(IfUnclear<T> ifUnclear, T success, Bitrix24SipException... answers) {
        RestCallRules<T> rules = new RestCallRules<>(METHOD, pacer, MAX_RETRIES, ifUnclear, refreshes::incrementAndGet);
        return policy.run(
                () -> {
                    int n = attempts.getAndIncrement();
                    if (n < answers.length) {
                        throw answers[n];
                    }
                    if (answers.length > 0 && success == null) {
                        throw answers[answers.length - 1];
                    }
                    return success;
                },
                rules);
    }

    private static Bitrix24SipException error(String code, int status) {
        return RestResponses.error(METHOD, code, code + " from the portal", status);
    }

    private static Bitrix24SipException noAnswer() {
        return new Bitrix24SipTransportException(METHOD, "NETWORK_ERROR", "no answer", 0, null);
    }

    @Test
    void queryLimitExceededIsWaitedOutThirtyTimesApartFromMaxRetriesThenFails() {
        assertThatThrownBy(() -> fail(IfUnclear.sendAgain(), error("QUERY_LIMIT_EXCEEDED", 503)))
                .isInstanceOf(Bitrix24SipLimitException.class)
                .hasMessageContaining("still refused after 30 waits");
        assertThat(attempts).hasValue(RestCallRules.MAX_LIMIT_RETRIES + 1);
        // each wait at least one slot of the bucket's drain (2 a second: 500 ms)
        assertThat(waits).hasSize(RestCallRules.MAX_LIMIT_RETRIES).allMatch(n -> n >= 500_000_000L);
    }

    @Test
    void operationTimeLimitGetsOneWaitThenFailsSayingWhenTheMethodIsFreeAndHoldsIt() {
        assertThatThrownBy(() -> fail(IfUnclear.sendAgain(), error("OPERATION_TIME_LIMIT", 429)))
                .isInstanceOf(Bitrix24SipLimitException.class)
                .hasMessageContaining("free again by");
        assertThat(attempts).hasValue(2);
        assertThat(waits).hasSize(1);
        assertThat(pacer.heldUntil(METHOD)).isNotNull();
    }

    @Test
    void overloadLimitIsNeverRetried() {
        assertThatThrownBy(() -> fail(IfUnclear.sendAgain(), error("OVERLOAD_LIMIT", 503)))
                .isInstanceOf(Bitrix24SipLimitException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheCallSentOnceMore() {
        assertThat(run(IfUnclear.sendAgain(), "done", error("expired_token", 401)))
                .isEqualTo("done");
        attempts.set(0);
        assertThatThrownBy(() -> fail(IfUnclear.sendAgain(), error("expired_token", 401)))
                .hasMessageContaining("expired_token");
        assertThat(attempts).hasValue(2);
        assertThat(refreshes).hasValue(2);
    }

    @Test
    void anUnclearAnswerOfARepeatableCallIsSentAgainMaxRetriesTimesWithGrowingBackoff() {
        assertThatThrownBy(() -> fail(IfUnclear.sendAgain(), noAnswer()))
                .isInstanceOf(Bitrix24SipTransportException.class);
        assertThat(attempts).hasValue(MAX_RETRIES + 1);
        assertThat(waits).hasSize(MAX_RETRIES);
        // 200 ms, 400 ms, 800 ms, each with up to half again of jitter
        assertThat(waits.get(0)).isBetween(200_000_000L, 300_000_000L);
        assertThat(waits.get(2)).isBetween(800_000_000L, 1_200_000_000L);
    }

    @Test
    void aFiveHundredIsUnclearButALimitOrAuthRefusalIsNot() {
        assertThat(RestCallRules.isAmbiguous(error("INTERNAL_SERVER_ERROR", 500)))
                .isTrue();
        assertThat(RestCallRules.isAmbiguous(error("QUERY_LIMIT_EXCEEDED", 503)))
                .isFalse();
        assertThat(RestCallRules.isAmbiguous(error("expired_token", 401))).isFalse();
    }

    @Test
    void anUnclearAnswerOfACallThatMayNotRepeatIsLeftToTheCaller() {
        assertThatThrownBy(() -> fail(IfUnclear.fail(), noAnswer())).isInstanceOf(Bitrix24SipTransportException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anUnclearAddIsLookedUpAndAdoptedInsteadOfSentAgain() {
        AtomicInteger lookups = new AtomicInteger();
        IfUnclear<String> lookUp = IfUnclear.lookUp(() -> {
            lookups.incrementAndGet();
            return Optional.of("the line that is there");
        });
        assertThat(fail(lookUp, noAnswer())).isEqualTo("the line that is there");
        assertThat(attempts).hasValue(1);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void anUnclearAddThatDidNotTakeEffectIsSentAgainAfterTheLookup() {
        IfUnclear<String> lookUp = IfUnclear.lookUp(Optional::empty);
        assertThat(run(lookUp, "added", noAnswer())).isEqualTo("added");
        assertThat(attempts).hasValue(2);
        assertThat(waits).hasSize(1);
    }

    @Test
    void aDeleteWhoseResendAnswersNotFoundHadRunButANotFoundAtOnceIsAnError() {
        IfUnclear<Boolean> untilGone = IfUnclear.resendUntilGone("ERROR_NOT_FOUND", Boolean.TRUE);
        assertThat(fail(untilGone, noAnswer(), error("ERROR_NOT_FOUND", 400))).isTrue();
        attempts.set(0);
        assertThatThrownBy(() -> fail(untilGone, error("ERROR_NOT_FOUND", 400)))
                .hasMessageContaining("ERROR_NOT_FOUND");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aHeldMethodFailsWithoutAnotherAttempt() {
        pacer.holdAfterOperationLimit(METHOD);
        assertThatThrownBy(() -> fail(IfUnclear.sendAgain(), noAnswer()))
                .isInstanceOf(Bitrix24SipLimitException.class)
                .hasMessageContaining("not sent");
        assertThat(attempts).hasValue(1);
    }
}
