package io.github.b24sip.camel.voximplant.client;

import io.github.b24sip.camel.call.CallPolicy;
import io.github.b24sip.camel.voximplant.VoximplantSipAuthenticationException;
import io.github.b24sip.camel.voximplant.VoximplantSipException;
import io.github.b24sip.camel.voximplant.VoximplantSipTransportException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule of the Voximplant retry table (component README, "voximplant-sip") once, through the call policy with
 * scripted answers; and the client keeping the thread's interrupt.
 */
class PlatformRetryTableTest {

    private static final int MAX_RETRIES = 3;

    private final List<Long> waits = new ArrayList<>();
    private final CallPolicy policy =
            new CallPolicy(waits::add, e -> new VoximplantSipTransportException("m", "interrupted", 0));
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger renewals = new AtomicInteger();
    private java.util.function.Supplier<java.util.Optional<String>> lookup;

    private String run(boolean idempotent, int goneCode, String success, VoximplantSipException... answers) {
        PlatformCallRules<String> rules = new PlatformCallRules<>(
                "SetSipRegistrationInfo", idempotent, MAX_RETRIES, goneCode, "gone", renewals::incrementAndGet, lookup);
        return policy.run(
                () -> {
                    int n = attempts.getAndIncrement();
                    if (n < answers.length) {
                        throw answers[n];
                    }
                    if (success == null) {
                        throw answers[answers.length - 1];
                    }
                    return success;
                },
                rules);
    }

    private static VoximplantSipException code(int code) {
        return new VoximplantSipException("SetSipRegistrationInfo", code, "code " + code, 200);
    }

    private static VoximplantSipException noAnswer() {
        return new VoximplantSipTransportException("SetSipRegistrationInfo", "no answer", 0);
    }

    @Test
    void aTokenErrorSignsTheTokenAnewOnceThenFailsAsAuthentication() {
        assertThat(run(true, 0, "ok", code(456))).isEqualTo("ok");
        attempts.set(0);
        assertThatThrownBy(() -> run(true, 0, null, code(455)))
                .isInstanceOf(VoximplantSipAuthenticationException.class)
                .hasMessageContaining("signed anew");
        assertThat(attempts).hasValue(2);
        assertThat(renewals).hasValue(2);
    }

    @Test
    void noAnswerOrATryLaterCodeIsRetriedMaxRetriesTimesForARepeatableCall() {
        assertThatThrownBy(() -> run(true, 0, null, noAnswer(), code(162), code(340), code(416)))
                .hasMessageContaining("code 416");
        assertThat(attempts).hasValue(MAX_RETRIES + 1);
        assertThat(waits).hasSize(MAX_RETRIES);
    }

    @Test
    void aCreateIsNeverSentAgain() {
        assertThatThrownBy(() -> run(false, 0, null, noAnswer())).isInstanceOf(VoximplantSipTransportException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anUnclearCreateIsLookedUpAndAdoptedInsteadOfSentAgain() {
        lookup = () -> java.util.Optional.of("the registration that is there");
        assertThat(run(false, 0, null, noAnswer())).isEqualTo("the registration that is there");
        assertThat(attempts).hasValue(1);
        attempts.set(0);
        lookup = java.util.Optional::empty;
        assertThat(run(false, 0, "created", noAnswer())).isEqualTo("created");
        assertThat(attempts).as("not there: sent again").hasValue(2);
    }

    @Test
    void aRemovalWhoseRetryAnswersTheUnknownIdCodeHadRun() {
        assertThat(run(true, 275, null, noAnswer(), code(275))).isEqualTo("gone");
        attempts.set(0);
        assertThatThrownBy(() -> run(true, 275, null, code(275))).hasMessageContaining("code 275");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anApiErrorIsNotRetried() {
        assertThatThrownBy(() -> run(true, 0, null, code(117))).hasMessageContaining("code 117");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void theClientKeepsTheThreadsInterruptAndStopsRetrying() {
        PlatformApiClient client = new PlatformApiClient(
                URI.create("http://127.0.0.1:9"),
                null,
                "1",
                "key",
                HttpClient.newHttpClient(),
                Duration.ofSeconds(5),
                MAX_RETRIES);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> client.call("GetSipRegistrations", Map.of(), true))
                    .isInstanceOf(VoximplantSipTransportException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
