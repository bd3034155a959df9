package io.github.b24sip.camel.call;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The loop itself: the ceiling on rounds, and a wait cut by an interrupt. */
class CallPolicyTest {

    @Test
    void aCallNeverGoesRoundMoreThanTheCeilingWhateverItsRulesSay() {
        AtomicInteger attempts = new AtomicInteger();
        CallPolicy policy = new CallPolicy(nanos -> {}, IllegalStateException::new);
        assertThatThrownBy(() -> policy.<String>run(
                        () -> {
                            attempts.incrementAndGet();
                            throw new IllegalArgumentException("refused");
                        },
                        (failure, rounds) -> new CallPolicy.Verdict.WaitAndRetry<>(CallPolicy.Reason.LIMIT, 1)))
                .hasMessage("refused");
        assertThat(attempts).hasValue(CallPolicy.MAX_ROUNDS + 1);
    }

    @Test
    void anInterruptedWaitEndsTheCallAndKeepsTheThreadsInterrupt() {
        AtomicInteger attempts = new AtomicInteger();
        CallPolicy policy = new CallPolicy(
                nanos -> {
                    throw new InterruptedException();
                },
                e -> new IllegalStateException("interrupted while waiting"));
        try {
            assertThatThrownBy(() -> policy.<String>run(
                            () -> {
                                attempts.incrementAndGet();
                                throw new IllegalArgumentException("try later");
                            },
                            (failure, rounds) -> new CallPolicy.Verdict.BackOffAndRetry<>(
                                    CallPolicy.Reason.UNCLEAR, Backoff.UNCLEAR_ANSWER)))
                    .hasMessage("interrupted while waiting");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(attempts).hasValue(1);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theBackoffGrowsByItsFactorUpToItsCeilingWithJitterOnTop() {
        Backoff backoff = new Backoff(java.time.Duration.ofMillis(100), 2, 4, 0.5);
        assertThat(backoff.nanos(1)).isBetween(100_000_000L, 150_000_000L);
        assertThat(backoff.nanos(2)).isBetween(200_000_000L, 300_000_000L);
        assertThat(backoff.nanos(10)).isBetween(400_000_000L, 600_000_000L);
    }
}
