package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.RateLimit;
import io.github.b24sip.simulator.SimulatorConfig;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Each portal has its own bucket: both paced to 0 refusals, and the slow one does not hold the fast one back. */
class Bitrix24SipTwoPortalsTest extends Bitrix24SipTestSupport {

    private static final int CALLS = 30;

    private String uri(BitrixPortal p, int burst, double drain) {
        return "bitrix24-sip:connectorStatus?portalUrl=" + p.baseUrl() + "&userId=1&token="
                + p.webhook().code() + "&burstLimit=" + burst + "&drainRate=" + drain;
    }

    @Test
    void portalsArePacedApartAndInParallel() throws Exception {
        startSimulator(
                SimulatorConfig.create()
                        .portal(PortalConfig.portal("slow").rateLimit(RateLimit.custom(5, 10)))
                        .portal(PortalConfig.portal("fast").rateLimit(RateLimit.custom(5, 200))),
                "slow");
        startCamel();
        String slow = uri(sim.portal("slow"), 5, 10);
        String fast = uri(sim.portal("fast"), 5, 200);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> slowCalls = new ArrayList<>();
            List<Future<?>> fastCalls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                slowCalls.add(threads.submit(() -> template.requestBody(slow, (Object) null)));
                fastCalls.add(threads.submit(() -> template.requestBody(fast, (Object) null)));
            }
            for (Future<?> f : fastCalls) {
                f.get();
            }
            long slowDoneWhenFastFinished = journal().countRequests("slow", "voximplant.sip.connector.status");
            assertThat(slowDoneWhenFastFinished)
                    .as("the fast portal finished first, not held to the slow one's rate")
                    .isLessThan(CALLS);
            for (Future<?> f : slowCalls) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(journal().countRequests("fast", "voximplant.sip.connector.status"))
                .isEqualTo(CALLS);
        assertThat(journal().countRequests("slow", "voximplant.sip.connector.status"))
                .isEqualTo(CALLS);
        assertThat(journal().countError("slow", "QUERY_LIMIT_EXCEEDED")).isZero();
        assertThat(journal().countError("fast", "QUERY_LIMIT_EXCEEDED")).isZero();
    }
}
