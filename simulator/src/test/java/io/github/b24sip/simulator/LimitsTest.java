package io.github.b24sip.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.simulator.PortalConfig.BatchOperatingAttribution;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leaky bucket (503) and the operating-time budget (429), docs/api-facts.md, "Limits". A frozen clock keeps them
 * exact.
 */
class LimitsTest extends SimulatorTestSupport {

    private Reply connector() {
        return postJson(portal.webhookUrl() + "voximplant.sip.connector.status", Map.of());
    }

    @Test
    void standardBucketLets50ThroughThenAnswers503UntilItDrains() {
        startPortal(PortalConfig.portal("demo"));
        for (int i = 0; i < 50; i++) {
            assertThat(connector().status()).as("request %d", i + 1).isEqualTo(200);
        }
        Reply refused = connector();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.error()).isEqualTo("QUERY_LIMIT_EXCEEDED");
        clock.advance(Duration.ofMillis(500));
        assertThat(connector().status()).as("2 per second drained one slot").isEqualTo(200);
        assertThat(connector().status()).isEqualTo(503);
        assertThat(sim.journal().countError("demo", "QUERY_LIMIT_EXCEEDED")).isEqualTo(2);
    }

    @Test
    void enterpriseBucketHolds250() {
        startPortal(PortalConfig.portal("demo").rateLimit(RateLimit.enterprise()));
        for (int i = 0; i < 250; i++) {
            assertThat(connector().status()).isEqualTo(200);
        }
        assertThat(connector().status()).isEqualTo(503);
        clock.advance(Duration.ofMillis(200));
        assertThat(connector().status()).as("5 per second").isEqualTo(200);
    }

    @Test
    void noBucketMeansNoLimit() {
        startPortal(PortalConfig.portal("demo").rateLimit(null));
        for (int i = 0; i < 120; i++) {
            assertThat(connector().status()).isEqualTo(200);
        }
    }

    @Test
    void operatingBudgetBlocksTheNextCallOfThatMethodOnly() {
        startPortal(PortalConfig.portal("demo")
                .operatingLimit(Duration.ofMillis(500))
                .processingTime("voximplant.sip.connector.status", Duration.ofMillis(200)));
        JsonNode first = connector().body().get("time");
        assertThat(first.get("operating").asDouble()).isGreaterThanOrEqualTo(0.2);
        connector();
        Reply third = connector();
        assertThat(third.status()).as("the call that goes over still completes").isEqualTo(200);
        assertThat(third.body().get("time").get("operating").asDouble()).isGreaterThan(0.5);
        Reply blocked = connector();
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.error()).isEqualTo("OPERATION_TIME_LIMIT");
        assertThat(postJson(portal.webhookUrl() + "voximplant.sip.get", Map.of())
                        .status())
                .as("other methods work")
                .isEqualTo(200);
        clock.advance(Duration.ofMinutes(10));
        assertThat(connector().status()).as("the window moved on").isEqualTo(200);
    }

    @Test
    void operatingResetAtIsTheOldestBucketPlusTenMinutes() {
        startPortal(PortalConfig.portal("demo").processingTime(Duration.ofMillis(120)));
        long minute = clock.millis() / 60_000;
        JsonNode time = connector().body().get("time");
        assertThat(time.get("operating_reset_at").asLong()).isEqualTo((minute + 10) * 60);
    }

    @Test
    void callsUnderATenthOfASecondAreNotCounted() {
        startPortal(PortalConfig.portal("demo").operatingLimit(Duration.ofMillis(1)));
        for (int i = 0; i < 5; i++) {
            assertThat(connector().status()).isEqualTo(200);
        }
        assertThat(connector().body().get("time").get("operating").asDouble()).isZero();
    }

    @Test
    void budgetsAreKeptPerCredential() {
        startPortal(PortalConfig.portal("demo")
                .webhook(1, "first")
                .webhook(2, "second")
                .operatingLimit(Duration.ofMillis(100))
                .processingTime(Duration.ofMillis(150)));
        postJson(portal.baseUrl() + "/rest/1/first/voximplant.sip.get", Map.of());
        assertThat(postJson(portal.baseUrl() + "/rest/1/first/voximplant.sip.get", Map.of())
                        .error())
                .isEqualTo("OPERATION_TIME_LIMIT");
        assertThat(postJson(portal.baseUrl() + "/rest/2/second/voximplant.sip.get", Map.of())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void batchSubCommandsAreChargedToTheirOwnMethodsByDefault() {
        startPortal(PortalConfig.portal("demo")
                .operatingLimit(Duration.ofMillis(100))
                .processingTime(Duration.ofMillis(150)));
        Map<String, String> cmd = new LinkedHashMap<>();
        cmd.put("a", "voximplant.sip.connector.status");
        cmd.put("b", "voximplant.sip.connector.status");
        cmd.put("c", "voximplant.sip.get");
        JsonNode result =
                postJson(portal.webhookUrl() + "batch", Map.of("cmd", cmd)).result();
        assertThat(result.get("result").has("a")).isTrue();
        assertThat(result.get("result_error").get("b").get("error").asText()).isEqualTo("OPERATION_TIME_LIMIT");
        assertThat(result.get("result").has("c")).isTrue();
        assertThat(connector().error()).isEqualTo("OPERATION_TIME_LIMIT");
    }

    @Test
    void batchAttributionChargesEverythingToBatch() {
        startPortal(PortalConfig.portal("demo")
                .operatingLimit(Duration.ofMillis(100))
                .processingTime(Duration.ofMillis(150))
                .batchOperatingAttribution(BatchOperatingAttribution.BATCH));
        Map<String, String> cmd = Map.of("a", "voximplant.sip.connector.status");
        JsonNode first =
                postJson(portal.webhookUrl() + "batch", Map.of("cmd", cmd)).result();
        assertThat(first.get("result_time").get("a").get("operating").asDouble())
                .isGreaterThanOrEqualTo(0.15);
        assertThat(connector().status()).as("the method itself was not charged").isEqualTo(200);
        assertThat(postJson(portal.webhookUrl() + "batch", Map.of("cmd", cmd)).error())
                .isEqualTo("OPERATION_TIME_LIMIT");
    }

    /**
     * The current module (rest/lib/engine/access/loadlimiter.php): over the limit, the method is banned for the ban's
     * length and its counted time cleared; while banned, operating_reset_at is the ban's end; the window moving on does
     * not lift it, the ban's end does, and then the method starts from nothing.
     */
    @Test
    void theBanModelBansTheMethodForTheBanAndThenStartsItFromNothing() {
        startPortal(PortalConfig.portal("demo")
                .operatingLimit(Duration.ofMillis(500))
                .operatingBan(Duration.ofSeconds(300))
                .processingTime("voximplant.sip.connector.status", Duration.ofMillis(200)));
        connector();
        connector();
        connector();
        Reply banned = connector();
        assertThat(banned.status()).isEqualTo(429);
        assertThat(banned.error()).isEqualTo("OPERATION_TIME_LIMIT");
        long bannedAt = clock.millis();
        clock.advance(Duration.ofSeconds(299));
        assertThat(connector().error()).as("still banned before its end").isEqualTo("OPERATION_TIME_LIMIT");
        clock.advance(Duration.ofSeconds(1));
        Reply free = connector();
        assertThat(free.status()).as("free at the ban's end").isEqualTo(200);
        assertThat(free.body().get("time").get("operating").asDouble())
                .as("the counted time was cleared with the ban")
                .isLessThan(0.5);
        assertThat(bannedAt).isPositive();
    }

    @Test
    void theBanModelCountsTheOuterBatchCallAtHalfItsTime() {
        startPortal(PortalConfig.portal("demo")
                .operatingLimit(Duration.ofMillis(500))
                .operatingBan(Duration.ofSeconds(300))
                .batchOperatingAttribution(BatchOperatingAttribution.BATCH)
                .processingTime("voximplant.sip.connector.status", Duration.ofMillis(400)));
        Map<String, String> cmd = Map.of("a", "voximplant.sip.connector.status");
        // 0.4 s a batch counted as 0.2 s: two batches (0.4 s) stay under 0.5 s, the third goes over, the fourth is
        // banned; counted in full, the third would already be refused
        for (int i = 0; i < 3; i++) {
            assertThat(postJson(portal.webhookUrl() + "batch", Map.of("cmd", cmd))
                            .status())
                    .as("batch %d", i + 1)
                    .isEqualTo(200);
        }
        assertThat(postJson(portal.webhookUrl() + "batch", Map.of("cmd", cmd)).error())
                .isEqualTo("OPERATION_TIME_LIMIT");
    }
}
