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

    @Test
    void standardPlanSendsABurstOf49ThenOneEveryHalfSecond() throws Exception {
        RequestPacer pacer = pacer(RateLimitPlan.standard.burst(), RateLimitPlan.standard.drainRate());
        // 49 of the 50 slots: one stays free as a margin against timing jitter
        for (int i = 0; i < 49; i++) {
            pacer.acquire("m");
            pacer.release();
        }
        assertThat(sleeps).as("the burst goes at once").isEmpty();
        long start = now.get();
        for (int i = 0; i < 10; i++) {
            pacer.acquire("m");
            pacer.release();
        }
        assertThat(sleeps).hasSize(10).allSatisfy(s -> assertThat(s).isBetween(499_000_000L, 501_000_000L));
        assertThat(now.get() - start).isBetween(4_990_000_000L, 5_010_000_000L);
        assertThat(pacer.waitCount()).isEqualTo(10);
    }

    @Test
    void enterprisePlanHolds250AndDrainsFivePerSecond() throws Exception {
        RequestPacer pacer = pacer(RateLimitPlan.enterprise.burst(), RateLimitPlan.enterprise.drainRate());
        // 248 of 250: a quarter second of drain (2 slots) stays free
        for (int i = 0; i < 249; i++) {
            pacer.acquire("m");
            pacer.release();
        }
        assertThat(sleeps).singleElement().satisfies(s -> assertThat(s).isBetween(199_000_000L, 201_000_000L));
    }

    @Test
    void anIdleBucketDrainsBackToAFullBurst() throws Exception {
        RequestPacer pacer = pacer(50, 2);
        for (int i = 0; i < 49; i++) {
            pacer.acquire("m");
            pacer.release();
        }
        now.addAndGet(25_000_000_000L);
        for (int i = 0; i < 49; i++) {
            pacer.acquire("m");
            pacer.release();
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aRefusalFromTheServerFillsTheMirroredBucket() throws Exception {
        RequestPacer pacer = pacer(50, 2);
        pacer.onQueryLimitExceeded();
        pacer.acquire("m");
        // full (50) plus this request, down to the 49 slots used: two slots to drain at 2 per second
        assertThat(sleeps).singleElement().satisfies(s -> assertThat(s).isBetween(999_000_000L, 1_001_000_000L));
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
        // 60 in a bucket whose usable slots are 49: eleven slots over, at 2 per second
        assertThat(sleeps).singleElement().satisfies(s -> assertThat(s).isBetween(5_490_000_000L, 5_510_000_000L));
    }
}
