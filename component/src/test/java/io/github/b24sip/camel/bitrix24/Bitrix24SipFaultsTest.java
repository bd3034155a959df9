package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.bitrix.SipLineView;
import io.github.b24sip.simulator.fault.Fault;
import org.junit.jupiter.params.ParameterizedTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1,000-line sync while a fifth of all requests fail in every way the wire allows (503, 500, connections dropped
 * before and after the call ran, answers slower than the request timeout, HTML error pages): what each report says
 * applied is on the portal, and re-running the same sync converges on exactly the desired lines with no duplicate.
 */
class Bitrix24SipFaultsTest extends Bitrix24SipTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(Bitrix24SipFaultsTest.class);

    @ParameterizedTest(name = "fault seed {0}")
    @ValueSource(longs = {20261123, 7, 42, 1, 2, 3, 5, 8, 13, 21})
    void aThousandLineSyncUnderTwentyPercentFaultsEndsExactlyInTheDesiredState(long seed) throws Exception {
        startSimulator(PortalConfig.portal("demo").rateLimit(null));
        startCamel(c -> {
            c.setRateLimitPlan(RateLimitPlan.none);
            c.setRequestTimeout(1000);
        });
        portal.faults().seed(seed)
                .rate(0.04, "*", Fault.queryLimitExceeded())
                .rate(0.04, "*", Fault.http500())
                .rate(0.03, "*", Fault.dropBefore())
                .rate(0.03, "*", Fault.dropAfter())
                .rate(0.03, "*", Fault.delay(Duration.ofMillis(1500)))
                .rate(0.03, "*", Fault.htmlError());
        List<SipLineSpec> desired = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            desired.add(SipLineSpec.office(String.format("line-%04d", i), "pbx.example.com", "login" + i, "pw" + i));
        }

        List<SyncReport> reports = new ArrayList<>();
        for (int run = 0; run < 6 && (reports.isEmpty() || reports.get(reports.size() - 1).failed() > 0); run++) {
            try {
                reports.add(template.requestBody("bitrix24-sip:sync", desired, SyncReport.class));
            } catch (org.apache.camel.CamelExecutionException e) {
                // the read itself failed after its retries: nothing was planned, the next run starts over
                assertThat(e.getCause()).isInstanceOf(Bitrix24SipException.class);
            }
            for (SyncReport report : reports) {
                assertAppliedItemsAreOnThePortal(report);
            }
        }
        long injected = portal.faults().injectedCount();
        portal.faults().clear();
        LOG.info("seed {}: {} faults injected in {} requests over {} sync runs",
                seed, injected, sim.journal().count(e -> e.target().equals("demo")), reports.size());

        assertThat(injected).as("faults were injected (one in five of some 25 requests)").isPositive();
        assertThat(reports).isNotEmpty();
        assertThat(reports.get(reports.size() - 1).failed()).as("the last run applied everything").isZero();
        List<SipLineView> lines = portal.lines();
        assertThat(lines).hasSize(1000);
        assertThat(lines.stream().map(SipLineView::title).distinct()).as("no duplicate titles").hasSize(1000);
        Map<String, SipLineView> byTitle = lines.stream().collect(Collectors.toMap(SipLineView::title, Function.identity()));
        for (SipLineSpec spec : desired) {
            SipLineView line = byTitle.get(spec.title());
            assertThat(line).as(spec.title()).isNotNull();
            assertThat(line.login()).isEqualTo(spec.login());
            assertThat(line.password()).isEqualTo(spec.password());
        }
        SyncReport clean = template.requestBody("bitrix24-sip:sync", desired, SyncReport.class);
        assertThat(clean.unchanged()).isEqualTo(1000);
    }

    private void assertAppliedItemsAreOnThePortal(SyncReport report) {
        for (SyncItem item : report.items()) {
            if (item.outcome() == SyncItem.Outcome.APPLIED) {
                assertThat(portal.linesTitled(item.title())).as("applied " + item.title()).hasSize(1)
                        .allSatisfy(l -> assertThat(l.configId()).isEqualTo(item.configId()));
            }
        }
    }
}
