package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.bitrix.SipLineView;
import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.journal.JournalEntry;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1,000-line sync while a fifth of all requests fail in every way the wire allows (503, 500, connections dropped
 * before and after the call ran, answers slower than the request timeout, HTML error pages): what each report says
 * applied is on the portal, and re-running the same sync converges on exactly the desired lines with no duplicate.
 * Each seed's share of faulted requests is checked, every kind must hit a batch of adds across the seeds, and an add
 * whose answer was lost is never resent blindly (TITLE_EXISTS only where a lookup of the title came between the add that
 * created the line and the one refused).
 */
class Bitrix24SipFaultsTest extends Bitrix24SipTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(Bitrix24SipFaultsTest.class);
    private static final List<String> KINDS =
            List.of("QUERY_LIMIT_EXCEEDED", "HTTP_500", "DROP_BEFORE", "DROP_AFTER", "DELAY", "HTML_ERROR");
    /** Across the seeds: the fault kinds that hit a batch of adds, and the totals the README quotes. */
    private static final Set<String> KINDS_ON_ADD_BATCHES = ConcurrentHashMap.newKeySet();

    private static final AtomicLong INJECTED = new AtomicLong();
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final Pattern TITLE = Pattern.compile("line-\\d{4}");

    @ParameterizedTest(name = "fault seed {0}")
    @ValueSource(longs = {20261123, 7, 42, 1, 2, 3, 5, 8, 13, 21})
    void aThousandLineSyncUnderTwentyPercentFaultsEndsExactlyInTheDesiredState(long seed) throws Exception {
        startSimulator(PortalConfig.portal("demo").rateLimit(null));
        startCamel(c -> {
            c.setRateLimitPlan(RateLimitPlan.none);
            c.setRequestTimeout(1000);
        });
        portal.faults()
                .seed(seed)
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
        for (int run = 0;
                run < 6 && (reports.isEmpty() || reports.get(reports.size() - 1).failed() > 0);
                run++) {
            try {
                reports.add(template.requestBody("bitrix24-sip:sync", desired, SyncReport.class));
            } catch (CamelExecutionException e) {
                // the read itself failed after its retries: nothing was planned, the next run starts over
                assertThat(e.getCause()).isInstanceOf(Bitrix24SipException.class);
            }
            for (SyncReport report : reports) {
                assertAppliedItemsAreOnThePortal(report);
            }
        }
        long injected = portal.faults().injectedCount();
        portal.faults().clear();
        List<JournalEntry> journal = sim.journal().entries("demo");
        long requests = journal.size();
        LOG.info(
                "seed {}: {} faults injected in {} requests over {} sync runs",
                seed,
                injected,
                requests,
                reports.size());
        INJECTED.addAndGet(injected);
        REQUESTS.addAndGet(requests);

        assertThat(injected * 1.0 / requests)
                .as("share of requests faulted (20 %% asked), %d of %d", injected, requests)
                .isBetween(0.05, 0.45);
        journal.stream()
                .filter(e -> e.fault() != null
                        && "batch".equals(e.method())
                        && String.valueOf(e.params().get("cmd")).contains("voximplant.sip.add"))
                .forEach(e -> KINDS_ON_ADD_BATCHES.add(e.fault().replaceAll("\\(.*", "")));
        // an add whose answer was lost (dropped after it ran, or slower than the timeout) is looked up before it is
        // sent again. So where a title drew TITLE_EXISTS, the two adds of it (the one that created the line and the
        // one refused) have a lookup of that title between their arrivals: a resend that raced its slow original. A
        // blind resend has none.
        Map<String, JournalEntry> creators = new HashMap<>();
        journal.forEach(e -> e.inner().stream()
                .filter(c -> "voximplant.sip.add".equals(c.method()) && c.errorCode() == null)
                .forEach(c -> titles(String.valueOf(c.params())).forEach(t -> creators.put(t, e))));
        for (JournalEntry e : journal) {
            for (JournalEntry.InnerCall c : e.inner()) {
                if ("voximplant.sip.add".equals(c.method()) && "TITLE_EXISTS".equals(c.errorCode())) {
                    for (String title : titles(String.valueOf(c.params()))) {
                        JournalEntry creator = creators.get(title);
                        assertThat(creator).as("the add that created %s", title).isNotNull();
                        Instant first = creator.at().isBefore(e.at()) ? creator.at() : e.at();
                        Instant second = creator.at().isBefore(e.at()) ? e.at() : creator.at();
                        assertThat(journal.stream()
                                        .filter(l -> "voximplant.sip.get".equals(l.method()))
                                        .filter(l -> !l.at().isBefore(first) && !l.at().isAfter(second))
                                        .anyMatch(l -> String.valueOf(l.params().get("FILTER"))
                                                .contains(title)))
                                .as(
                                        "request %d (fault %s) drew TITLE_EXISTS for %s with no lookup of it since the "
                                                + "add that created it",
                                        e.seq(), e.fault(), title)
                                .isTrue();
                    }
                }
            }
        }
        assertThat(reports).isNotEmpty();
        assertThat(reports.get(reports.size() - 1).failed())
                .as("the last run applied everything")
                .isZero();
        List<SipLineView> lines = portal.lines();
        assertThat(lines).hasSize(1000);
        assertThat(lines.stream().map(SipLineView::title).distinct())
                .as("no duplicate titles")
                .hasSize(1000);
        Map<String, SipLineView> byTitle =
                lines.stream().collect(Collectors.toMap(SipLineView::title, Function.identity()));
        for (SipLineSpec spec : desired) {
            SipLineView line = byTitle.get(spec.title());
            assertThat(line).as(spec.title()).isNotNull();
            assertThat(line.login()).isEqualTo(spec.login());
            assertThat(line.password()).isEqualTo(spec.password());
        }
        SyncReport clean = template.requestBody("bitrix24-sip:sync", desired, SyncReport.class);
        assertThat(clean.unchanged()).isEqualTo(1000);
    }

    private static Set<String> titles(String text) {
        Set<String> titles = new HashSet<>();
        Matcher m = TITLE.matcher(text);
        while (m.find()) {
            titles.add(m.group());
        }
        return titles;
    }

    @AfterAll
    static void everyFaultKindHitABatchOfAdds() {
        LOG.info(
                "all seeds: {} faults injected in {} requests ({} %), kinds on add batches {}",
                INJECTED.get(),
                REQUESTS.get(),
                String.format("%.1f", INJECTED.get() * 100.0 / Math.max(1, REQUESTS.get())),
                KINDS_ON_ADD_BATCHES);
        assertThat(KINDS_ON_ADD_BATCHES)
                .as("fault kinds that hit a batch of adds across the seeds")
                .containsAll(KINDS);
    }

    private void assertAppliedItemsAreOnThePortal(SyncReport report) {
        for (SyncItem item : report.items()) {
            if (item.outcome() == SyncItem.Outcome.APPLIED) {
                assertThat(portal.linesTitled(item.title()))
                        .as("applied " + item.title())
                        .hasSize(1)
                        .allSatisfy(l -> assertThat(l.configId()).isEqualTo(item.configId()));
            }
        }
    }
}
