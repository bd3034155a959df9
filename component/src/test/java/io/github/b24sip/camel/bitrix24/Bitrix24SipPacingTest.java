package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.RateLimit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The component paces itself under the portal's bucket: 0 refusals with pacing, some without (journal counts). */
class Bitrix24SipPacingTest extends Bitrix24SipTestSupport {

    private static final int CALLS = 300;

    private void fire() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(threads.submit(() -> template.requestBody("bitrix24-sip:connectorStatus", (Object) null)));
            }
            for (Future<Object> call : calls) {
                assertThat(call.get()).isNotNull();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void pacedToTheSameBucketDrawsNoRefusal() throws Exception {
        startSimulator(PortalConfig.portal("demo").rateLimit(RateLimit.custom(10, 40)));
        startCamel(c -> {
            c.setBurstLimit(10);
            c.setDrainRate(40.0);
            c.setMaxConcurrentRequests(8);
        });
        fire();
        assertThat(journal().countRequests("demo", "voximplant.sip.connector.status"))
                .isEqualTo(CALLS);
        assertThat(journal().countError("demo", "QUERY_LIMIT_EXCEEDED")).isZero();
    }

    @Test
    void withoutPacingTheSameLoadDrawsRefusalsThatAreWaitedOut() throws Exception {
        startSimulator(PortalConfig.portal("demo").rateLimit(RateLimit.custom(10, 40)));
        startCamel(c -> {
            c.setRateLimitPlan(RateLimitPlan.none);
            c.setDrainRate(40.0);
            c.setMaxConcurrentRequests(8);
        });
        fire();
        assertThat(journal().countError("demo", "QUERY_LIMIT_EXCEEDED")).isPositive();
    }
}
