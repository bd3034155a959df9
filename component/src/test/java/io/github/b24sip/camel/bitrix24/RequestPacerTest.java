package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.client.RequestPacer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The standard plan's figures on a clock the test moves: no waiting. */
class RequestPacerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Long> sleeps = new ArrayList<>();

    private RequestPacer pacer(int burst, double drain) {
        return new RequestPacer(burst, drain, 480, 4, now::get, nanos -> {
            sleeps.add(nanos);
            now.addAndGet(nanos);
        });
    }

    private void send(RequestPacer pacer, int requests) throws Exception {
        for (int i = 0; i < requests; i++) {
            pacer.acquire("m");
            pacer.release();
        }
    }

    @Test
    void standardPlanSendsTheBurstThenOneEveryHalfSecond() throws Exception {
        RequestPacer pacer = pacer(RateLimitPlan.standard.burst(), RateLimitPlan.standard.drainRate());
        send(pacer, 49);
        assertThat(sleeps)
                .as("49 go at once: before any answer the margin is a quarter second, half a slot")
                .isEmpty();
        long start = now.get();
        send(pacer, 10);
        // the 50th waits the margin; each after it one slot
        assertThat(sleeps.get(0)).isBetween(249_000_000L, 251_000_000L);
        assertThat(sleeps.subList(1, 10)).allSatisfy(s -> assertThat(s).isBetween(499_000_000L, 501_000_000L));
        assertThat(now.get() - start).isBetween(4_740_000_000L, 4_760_000_000L);
        assertThat(pacer.waitCount()).isEqualTo(10);
    }

    @Test
    void enterprisePlanHolds250AndDrainsFivePerSecond() throws Exception {
        RequestPacer pacer = pacer(RateLimitPlan.enterprise.burst(), RateLimitPlan.enterprise.drainRate());
        send(pacer, 248);
        assertThat(sleeps).isEmpty();
        send(pacer, 1);
        // 249 of 250, with a quarter second (1.25 slots) of margin: 0.05 s
        assertThat(sleeps).singleElement().satisfies(s -> assertThat(s).isBetween(49_000_000L, 51_000_000L));
    }

    @Test
    void theMarginIsTheTimeTheFirstRequestOfABusyPeriodTookToAnswer() throws Exception {
        RequestPacer pacer = pacer(5, 2);
        long first = pacer.acquire("m");
        pacer.release();
        long second = pacer.acquire("m");
        pacer.release();
        assertThat(pacer.marginNanos()).as("no answer yet").isEqualTo(250_000_000L);
        now.addAndGet(10_000_000L);
        pacer.answered(second);
        assertThat(pacer.marginNanos())
                .as("only the first request's answer counts")
                .isEqualTo(250_000_000L);
        now.addAndGet(25_000_000L);
        pacer.answered(first);
        // 35 ms (a TLS handshake, say) and the portal clock's millisecond
        assertThat(pacer.marginNanos()).isEqualTo(36_000_000L);
        send(pacer, 4);
        // six in a bucket of five: one slot to drain, less what drained in the 35 ms, plus the margin
        assertThat(sleeps).last().satisfies(s -> assertThat(s).isBetween(499_000_000L, 502_000_000L));

        // the bucket empties: a new busy period is uncalibrated until its own first request answers
        now.addAndGet(10_000_000_000L);
        long next = pacer.acquire("m");
        pacer.release();
        assertThat(pacer.marginNanos()).isEqualTo(250_000_000L);
        now.addAndGet(4_000_000L);
        pacer.answered(next);
        assertThat(pacer.marginNanos()).isEqualTo(5_000_000L);
    }

    @Test
    void theMarginNeverExceedsAQuarterSecond() throws Exception {
        RequestPacer pacer = pacer(5, 2);
        long first = pacer.acquire("m");
        pacer.release();
        now.addAndGet(3_000_000_000L);
        pacer.answered(first);
        assertThat(pacer.marginNanos()).isEqualTo(RequestPacer.MAX_MARGIN_NANOS);
    }

    @Test
    void anIdleBucketDrainsBackToAFullBurst() throws Exception {
        RequestPacer pacer = pacer(50, 2);
        send(pacer, 49);
        now.addAndGet(25_000_000_000L);
        send(pacer, 49);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aRefusalFromTheServerFillsTheMirroredBucket() throws Exception {
        RequestPacer pacer = pacer(50, 2);
        pacer.onQueryLimitExceeded();
        pacer.acquire("m");
        // full (50) plus this request: one slot to drain at 2 per second, plus the uncalibrated quarter second
        assertThat(sleeps).singleElement().satisfies(s -> assertThat(s).isBetween(749_000_000L, 751_000_000L));
    }

    @Test
    void aMethodNearItsOperatingBudgetWaitsForTheWindow() throws Exception {
        RequestPacer pacer = pacer(0, 0);
        long resetAt = System.currentTimeMillis() / 1000 + 30;
        pacer.recordOperating("voximplant.sip.add", 476, resetAt);
        pacer.acquire("voximplant.sip.get");
        assertThat(sleeps).as("other methods do not wait").isEmpty();
        pacer.acquire("voximplant.sip.add");
        assertThat(sleeps).singleElement().satisfies(s -> assertThat(s).isBetween(29_000_000_000L, 32_000_000_000L));
    }

    @Test
    void noPlanMeansNoWaiting() throws Exception {
        RequestPacer pacer = pacer(0, 0);
        for (int i = 0; i < 1000; i++) {
            pacer.acquire("m");
            pacer.release();
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aSharedBucketsLevelDecidesTheWaitNotThePacersOwn() throws Exception {
        RequestPacer pacer = pacer(RateLimitPlan.standard.burst(), RateLimitPlan.standard.drainRate());
        List<String> portals = new ArrayList<>();
        // another process has filled the portal's bucket: the next request finds it at 60
        pacer.useSharedBucket(
                (portalUrl, drain) -> {
                    portals.add(portalUrl + " " + drain);
                    return 60;
                },
                "https://portal.example.com");
        pacer.acquire("m");
        pacer.release();
        assertThat(portals).containsExactly("https://portal.example.com 2.0");
        // 60 in a bucket of 50: ten slots over, at 2 per second, plus the uncalibrated quarter second
        assertThat(sleeps).singleElement().satisfies(s -> assertThat(s).isBetween(5_240_000_000L, 5_260_000_000L));
    }
}
