package io.github.b24sip.simulator;

import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.fault.Fault;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each fault kind, scripted and by rate. */
class FaultInjectionTest extends SimulatorTestSupport {

    private BitrixPortal portal;

    private BitrixPortal portal() {
        portal = start(SimulatorConfig.create()
                        .portal(PortalConfig.portal("demo").maxCloudPbx(50).rateLimit(null))
                        .portal(PortalConfig.portal("moved")))
                .portal("demo");
        return portal;
    }

    private Reply add(String title) {
        return postJson(portal.webhookUrl() + "voximplant.sip.add", line(title));
    }

    @Test
    void scriptedFaultsHitTheNextMatchingCallsOnly() {
        portal();
        portal.faults().next(2, "voximplant.sip.add", Fault.http500());
        assertThat(postJson(portal.webhookUrl() + "voximplant.sip.get", Map.of())
                        .status())
                .as("other methods untouched")
                .isEqualTo(200);
        Reply first = add("a");
        assertThat(first.status()).isEqualTo(500);
        assertThat(first.error()).isEqualTo("INTERNAL_SERVER_ERROR");
        assertThat(add("a").status()).isEqualTo(500);
        assertThat(add("a").status()).isEqualTo(200);
        assertThat(portal.lines()).hasSize(1);
        assertThat(portal.faults().injectedCount()).isEqualTo(2);
    }

    @Test
    void limitFaultsCarryTheirCodesAndStatuses() {
        portal();
        portal.faults()
                .next(1, "*", Fault.queryLimitExceeded())
                .next(1, "*", Fault.overloadLimit())
                .next(1, "*", Fault.operationTimeLimit())
                .next(1, "*", Fault.apiError(403, "ACCESS_DENIED", "Access denied!"));
        Reply qle = add("x");
        assertThat(qle.status()).isEqualTo(503);
        assertThat(qle.error()).isEqualTo("QUERY_LIMIT_EXCEEDED");
        Reply overload = add("x");
        assertThat(overload.status()).isEqualTo(503);
        assertThat(overload.error()).isEqualTo("OVERLOAD_LIMIT");
        Reply otl = add("x");
        assertThat(otl.status()).isEqualTo(429);
        assertThat(otl.error()).isEqualTo("OPERATION_TIME_LIMIT");
        assertThat(add("x").error()).isEqualTo("ACCESS_DENIED");
        assertThat(portal.lines()).isEmpty();
    }

    @Test
    void htmlErrorPageIsNotJson() {
        portal();
        portal.faults().next(1, "*", Fault.htmlError());
        Reply reply = add("x");
        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.body()).isNull();
        assertThat(reply.text()).contains("<html>");
        assertThat(reply.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    }

    @Test
    void delayHoldsTheResponseBack() {
        portal();
        portal.faults().next(1, "*", Fault.delay(Duration.ofMillis(300)));
        assertThat(add("slow").status()).isEqualTo(200);
        assertThat(sim.journal().entries("demo").get(0).elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(sim.journal().entries("demo").get(0).fault()).isEqualTo("DELAY");
    }

    @Test
    void dropBeforeLeavesThePortalUnchanged() {
        portal();
        portal.faults().next(1, "voximplant.sip.add", Fault.dropBefore());
        assertThatThrownBy(() -> add("dropped")).isInstanceOf(TransportFailure.class);
        assertThat(portal.lines()).isEmpty();
        assertThat(sim.journal().entries("demo").get(0).status()).isZero();
    }

    @Test
    void dropAfterRunsTheCallButSendsNothing() {
        portal();
        portal.faults().next(1, "voximplant.sip.add", Fault.dropAfter());
        assertThatThrownBy(() -> add("ran")).isInstanceOf(TransportFailure.class);
        assertThat(portal.linesTitled("ran"))
                .as("the line exists although the client saw no answer")
                .hasSize(1);
        assertThat(add("ran").error())
                .as("a blind resend makes a duplicate attempt")
                .isEqualTo("TITLE_EXISTS");
    }

    @Test
    void redirectPointsAtTheNewAddressKeepingPathAndQuery() {
        portal();
        BitrixPortal moved = sim.portal("moved");
        portal.faults().next(1, "*", Fault.redirect(moved.baseUrl()));
        Reply reply = postJson(portal.webhookUrl() + "voximplant.sip.get?start=0", Map.of());
        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.raw().headers().firstValue("Location"))
                .hasValue(moved.baseUrl() + "/rest/1/" + portal.webhook().code() + "/voximplant.sip.get?start=0");
    }

    @Test
    void faultsMatchBatchesThatContainTheMethod() {
        portal();
        portal.faults().next(1, "voximplant.sip.add", Fault.queryLimitExceeded());
        assertThat(postJson(portal.webhookUrl() + "batch", Map.of("cmd", Map.of("a", "voximplant.sip.get")))
                        .status())
                .isEqualTo(200);
        assertThat(postJson(
                                portal.webhookUrl() + "batch",
                                Map.of("cmd", Map.of("a", "voximplant.sip.add?TITLE=t&SERVER=s&LOGIN=l&PASSWORD=p")))
                        .status())
                .isEqualTo(503);
    }

    @Test
    void rateFaultsAreRepeatableWithASeed() {
        portal();
        int[] firstRun = new int[40];
        portal.faults().seed(7).rate(0.3, "voximplant.sip.get", Fault.queryLimitExceeded());
        for (int i = 0; i < firstRun.length; i++) {
            firstRun[i] = postJson(portal.webhookUrl() + "voximplant.sip.get", Map.of())
                    .status();
        }
        portal.faults().clear();
        portal.faults().seed(7).rate(0.3, "voximplant.sip.get", Fault.queryLimitExceeded());
        int[] secondRun = new int[40];
        for (int i = 0; i < secondRun.length; i++) {
            secondRun[i] = postJson(portal.webhookUrl() + "voximplant.sip.get", Map.of())
                    .status();
        }
        assertThat(secondRun).isEqualTo(firstRun);
        long faults = Arrays.stream(firstRun).filter(s -> s == 503).count();
        assertThat(faults).isBetween(4L, 24L);
    }

    @Test
    void oauthServerFaultsToo() {
        start(SimulatorConfig.create().portal(PortalConfig.portal("demo").app(new OAuthApp("a", "s"))));
        sim.oauth().faults().next(1, "refresh_token", Fault.http500());
        String refresh = sim.portal("demo").issueTokens("a").refreshToken();
        Reply reply = get(sim.oauthServerUrl()
                + "/oauth/token/?grant_type=refresh_token&client_id=a&client_secret=s&refresh_token=" + refresh);
        assertThat(reply.status()).isEqualTo(500);
        assertThat(get(sim.oauthServerUrl()
                                + "/oauth/token/?grant_type=refresh_token&client_id=a&client_secret=s&refresh_token="
                                + refresh)
                        .status())
                .as("the failed attempt did not spend the token")
                .isEqualTo(200);
    }
}
