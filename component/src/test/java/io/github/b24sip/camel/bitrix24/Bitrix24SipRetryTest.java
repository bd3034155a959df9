package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.ItemResult;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.fault.Fault;
import io.github.b24sip.simulator.journal.JournalEntry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Retries: limits waited out, idempotent calls retried, an add resent only after a lookup finds nothing. */
class Bitrix24SipRetryTest extends Bitrix24SipTestSupport {

    @Test
    void addWhoseAnswerWasLostEndsWithExactlyOneLineAndReturnsIt() throws Exception {
        startSimulator(PortalConfig.portal("demo"));
        startCamel();
        portal.faults().next(1, "voximplant.sip.add", Fault.dropAfter());
        SipLine line = template.requestBody(
                "bitrix24-sip:add", SipLineSpec.cloud("once", "sip.example.com", "l", "p"), SipLine.class);
        assertThat(portal.linesTitled("once")).hasSize(1);
        assertThat(line.configId()).isEqualTo(portal.linesTitled("once").get(0).configId());
        assertThat(journal().countRequests("demo", "voximplant.sip.add"))
                .as("looked up, not resent")
                .isEqualTo(1);
    }

    @Test
    void addDroppedBeforeItRanIsSentAgainAfterTheLookup() throws Exception {
        startSimulator(PortalConfig.portal("demo"));
        startCamel();
        portal.faults().next(1, "voximplant.sip.add", Fault.dropBefore());
        SipLine line = template.requestBody(
                "bitrix24-sip:add", SipLineSpec.cloud("again", "sip.example.com", "l", "p"), SipLine.class);
        assertThat(line.title()).isEqualTo("again");
        assertThat(portal.linesTitled("again")).hasSize(1);
        assertThat(journal().countRequests("demo", "voximplant.sip.add")).isEqualTo(2);
        assertThat(journal().countRequests("demo", "voximplant.sip.get")).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBatchOfAddsWhoseAnswerWasLostIsResolvedByTitleNotResentWhole() throws Exception {
        startSimulator(PortalConfig.portal("demo").maxCloudPbx(500));
        startCamel();
        portal.faults().next(1, "voximplant.sip.add", Fault.dropAfter());
        List<SipLineSpec> specs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            specs.add(SipLineSpec.office("batch-" + i, "pbx.example.com", "l", "p"));
        }
        List<ItemResult<SipLine>> results = template.requestBody("bitrix24-sip:add", specs, List.class);
        assertThat(results).allMatch(ItemResult::isSuccess);
        assertThat(portal.lines()).hasSize(60);
        assertThat(portal.lines().stream().map(l -> l.title()).distinct()).hasSize(60);
        assertThat(journal().countCalls("demo", "voximplant.sip.add"))
                .as("no item sent twice")
                .isEqualTo(60);
    }

    @Test
    void queryLimitOnThirtyPercentOfCallsIsWaitedOut() throws Exception {
        startSimulator(PortalConfig.portal("demo").maxCloudPbx(500).rateLimit(null));
        startCamel(c -> c.setDrainRate(100.0));
        portal.faults().seed(3).rate(0.3, "*", Fault.queryLimitExceeded());
        for (int i = 0; i < 40; i++) {
            SipLine line = template.requestBody(
                    "bitrix24-sip:add", SipLineSpec.office("q" + i, "pbx.example.com", "l", "p"), SipLine.class);
            assertThat(line.title()).isEqualTo("q" + i);
            template.requestBody("bitrix24-sip:get", null, List.class);
        }
        assertThat(journal().countError("demo", "QUERY_LIMIT_EXCEEDED"))
                .as("faults were drawn")
                .isGreaterThan(10);
        assertThat(portal.lines()).hasSize(40);
    }

    @Test
    void aTimedOutReadIsRetriedAndATimedOutAddIsResentOnlyAfterALookupFindsNothing() throws Exception {
        startSimulator(PortalConfig.portal("demo"));
        startCamel(c -> c.setRequestTimeout(300));
        portal.faults().next(1, "voximplant.sip.get", Fault.delay(Duration.ofSeconds(1)));
        assertThat(template.requestBody("bitrix24-sip:get", null, List.class)).isEmpty();
        // the timed-out request is journaled when the server finally answers it
        await().atMost(Duration.ofSeconds(5)).until(() -> journal().countRequests("demo", "voximplant.sip.get") == 2);
        long before = journal().entries("demo").stream()
                .mapToLong(JournalEntry::seq)
                .max()
                .orElse(0);

        // a timed-out add may have run: the component looks the title up, finds nothing yet and sends it again; when
        // the slow original runs later, the portal's title uniqueness refuses it: one line either way
        portal.faults().next(1, "voximplant.sip.add", Fault.delay(Duration.ofSeconds(1)));
        SipLine line = template.requestBody(
                "bitrix24-sip:add", SipLineSpec.cloud("slow", "sip.example.com", "l", "p"), SipLine.class);
        assertThat(line.title()).isEqualTo("slow");
        await().atMost(Duration.ofSeconds(5)).until(() -> journal().countRequests("demo", "voximplant.sip.add") == 2);
        List<JournalEntry> after =
                journal().entries("demo").stream().filter(e -> e.seq() > before).toList();
        assertThat(after)
                .extracting(JournalEntry::method)
                .as("lookup, resend, then the slow original")
                .containsExactly("voximplant.sip.get", "voximplant.sip.add", "voximplant.sip.add");
        assertThat(String.valueOf(after.get(0).params().get("FILTER")))
                .as("the lookup asks for the title")
                .contains("slow");
        assertThat(after).extracting(JournalEntry::errorCode).containsExactly(null, null, "TITLE_EXISTS");
        assertThat(portal.linesTitled("slow")).hasSize(1);
    }

    @Test
    void idempotentCallsAreRetriedAfterA500() throws Exception {
        startSimulator(PortalConfig.portal("demo"));
        startCamel();
        portal.faults().next(2, "voximplant.sip.get", Fault.http500());
        assertThat(template.requestBody("bitrix24-sip:get", null, List.class)).isEmpty();
        assertThat(journal().countRequests("demo", "voximplant.sip.get")).isEqualTo(3);
    }
}
