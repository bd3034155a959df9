package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import io.github.b24sip.camel.bitrix24.spi.InMemoryTokenStore;
import io.github.b24sip.simulator.OAuthApp;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.fault.Fault;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The access token expires while a 600-line sync runs (3 requests in flight) and 8 other routes keep calling the
 * portal: a batch of the sync meets the expiry, one refresh serves them all, and no operation fails.
 */
class Bitrix24SipOAuthMidSyncTest extends Bitrix24SipTestSupport {

    @Test
    void anExpiryInTheMiddleOfASyncWithEightConcurrentCallersCostsOneRefreshAndNoFailure() throws Exception {
        // 20 ms per inner call: each batch of 50 takes a second, so the sync is still running when the token expires
        startSimulator(PortalConfig.portal("demo")
                .rateLimit(null)
                .processingTime(Duration.ofMillis(20))
                .app(new OAuthApp("app.camel", "camel-secret")));
        startOAuthCamel(c -> {
            c.setTokenStore(new InMemoryTokenStore());
            c.setRateLimitPlan(RateLimitPlan.none);
            c.setMaxConcurrentRequests(3);
        });
        List<SipLineSpec> desired = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            desired.add(SipLineSpec.office("line-" + i, "pbx.example.com", "l" + i, "pw" + i));
        }

        ExecutorService threads = Executors.newFixedThreadPool(9);
        AtomicBoolean syncing = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        try {
            Future<SyncReport> sync = threads.submit(() -> {
                try {
                    return template.requestBody("bitrix24-sip:sync", desired, SyncReport.class);
                } finally {
                    syncing.set(false);
                }
            });
            List<Future<?>> routes = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                // eight endpoints of their own (as eight routes would have), all on the same portal and application
                String uri = "bitrix24-sip:" + (r % 2 == 0 ? "connectorStatus?" : "get?start=0&") + "requestTimeout="
                        + (60_000 + r);
                routes.add(threads.submit(() -> {
                    while (syncing.get()) {
                        template.requestBody(uri, (Object) null);
                        calls.incrementAndGet();
                    }
                    return null;
                }));
            }
            // once the sync's first batch is answered, every access token expires just as the next batch arrives:
            // that batch meets expired_token, whatever the eight routes are doing at that moment
            await().atMost(Duration.ofSeconds(30)).until(() -> journal().countRequests("demo", "batch") > 0);
            portal.faults().next(1, "batch", Fault.expireTokens());

            SyncReport report = sync.get();
            for (Future<?> route : routes) {
                route.get();
            }
            assertThat(report.failed()).isZero();
            assertThat(report.created()).isEqualTo(600);
        } finally {
            threads.shutdownNow();
        }
        assertThat(calls.get()).as("the 8 routes kept calling").isGreaterThan(8);
        assertThat(journal().entries("demo").stream()
                        .filter(e -> "batch".equals(e.method()))
                        .filter(e -> "expired_token".equals(e.errorCode())))
                .as("a batch of the sync met the expired token")
                .isNotEmpty();
        assertThat(sim.oauth().tokens().refreshCount())
                .as("one refresh for everyone")
                .isEqualTo(1);
        assertThat(portal.lines()).hasSize(600);
    }
}
