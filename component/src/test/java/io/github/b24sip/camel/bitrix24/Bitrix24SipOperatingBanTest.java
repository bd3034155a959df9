package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.journal.JournalEntry;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The current REST module's operating-time ban (issue 23; simulator's ban model): a method past its limit gets one wait
 * until the reset time the portal gave, then a clear OPERATION_TIME_LIMIT naming when it is free again, and no request
 * of that method is sent while it is banned.
 */
class Bitrix24SipOperatingBanTest extends Bitrix24SipTestSupport {

    private static final String METHOD = "voximplant.sip.connector.status";

    @Test
    void aBannedMethodGetsOneWaitThenAClearErrorAndIsNotSentDuringTheBan() throws Exception {
        // 0.5 s of operating time in a 4 s window, each call 0.3 s: the third call finds the method over the limit and
        // starts a 60 s ban; the reset time the portal gave before is the window's, a few seconds away
        startSimulator(PortalConfig.portal("demo")
                .rateLimit(null)
                .operatingLimit(Duration.ofMillis(500))
                .operatingWindow(Duration.ofSeconds(4))
                .operatingBan(Duration.ofSeconds(60))
                .processingTime(METHOD, Duration.ofMillis(300)));
        startCamel(c -> c.setRateLimitPlan(RateLimitPlan.none));
        template.requestBody("bitrix24-sip:connectorStatus", (Object) null);
        template.requestBody("bitrix24-sip:connectorStatus", (Object) null);

        Throwable thrown = catchThrowable(() -> template.requestBody("bitrix24-sip:connectorStatus", (Object) null));
        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        Bitrix24SipException refused = (Bitrix24SipException) thrown.getCause();
        assertThat(refused).isInstanceOf(Bitrix24SipLimitException.class);
        assertThat(refused.getErrorCode()).isEqualTo("OPERATION_TIME_LIMIT");
        assertThat(refused.getDescription())
                .contains("still refused")
                .containsPattern("after waiting until \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")
                .containsPattern("free again by \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        List<JournalEntry> calls = journal().entries(e -> e.ran(METHOD));
        assertThat(calls)
                .as("two that ran, the refusal, one retry after the wait")
                .hasSize(4);
        assertThat(calls.get(2).errorCode()).isEqualTo("OPERATION_TIME_LIMIT");
        assertThat(calls.get(3).errorCode()).isEqualTo("OPERATION_TIME_LIMIT");
        assertThat(Duration.between(calls.get(2).at(), calls.get(3).at()))
                .as("the retry waited for the reset time, it was not sent straight back")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        Instant before = Instant.now();
        Throwable held = catchThrowable(() -> template.requestBody("bitrix24-sip:connectorStatus", (Object) null));
        assertThat(((Bitrix24SipException) held.getCause()).getErrorCode()).isEqualTo("OPERATION_TIME_LIMIT");
        assertThat(((Bitrix24SipException) held.getCause()).getDescription()).startsWith("not sent");
        assertThat(journal().entries(e -> e.ran(METHOD) && !e.at().isBefore(before)))
                .as("no request of the banned method during the ban")
                .isEmpty();
        // other methods are not banned
        template.requestBody("bitrix24-sip:get", (Object) null);
    }
}
