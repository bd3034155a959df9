package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.ConnectorStatus;
import io.github.b24sip.camel.bitrix24.model.ItemResult;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SipRegistrationStatus;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.journal.JournalEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each operation against the simulator: the request on the wire (journal) and the typed result. */
class Bitrix24SipProducerOperationsTest extends Bitrix24SipTestSupport {

    @BeforeEach
    void start() throws Exception {
        // the seed's required fields, so a line without a password is the portal's CHECK_FIELDS_ERROR
        startSimulator(PortalConfig.portal("demo")
                .maxCloudPbx(200)
                .rateLimit(null)
                .requiredAddFields("TITLE", "SERVER", "LOGIN", "PASSWORD"));
        startCamel(c -> c.setRateLimitPlan(RateLimitPlan.none));
    }

    private JournalEntry last() {
        List<JournalEntry> entries = journal().entries("demo");
        return entries.get(entries.size() - 1);
    }

    @Test
    void addSendsTheLineAndReturnsTheCreatedOne() {
        SipLine line = template.requestBody(
                "bitrix24-sip:add", SipLineSpec.cloud("main", "sip.example.com", "alice", "pw1"), SipLine.class);
        assertThat(line.configId()).isPositive();
        assertThat(line.regId()).isPositive();
        assertThat(line.title()).isEqualTo("main");
        JournalEntry sent = last();
        assertThat(sent.method()).isEqualTo("voximplant.sip.add");
        assertThat(sent.credential()).isEqualTo("webhook:1");
        assertThat(sent.params())
                .containsEntry("TITLE", "main")
                .containsEntry("TYPE", "cloud")
                .containsEntry("SERVER", "sip.example.com")
                .containsEntry("LOGIN", "alice");
        assertThat(portal.linesTitled("main"))
                .singleElement()
                .satisfies(l -> assertThat(l.password()).isEqualTo("pw1"));
    }

    @Test
    void addAcceptsAMapAndAJsonString() {
        SipLine fromMap = template.requestBody(
                "bitrix24-sip:add",
                Map.of("title", "m", "type", "office", "server", "pbx.example.com", "login", "l", "password", "p"),
                SipLine.class);
        assertThat(fromMap.type()).isEqualTo("office");
        assertThat(fromMap.incomingServer()).endsWith(".bitrixphone.com");
        SipLine fromJson = template.requestBody(
                "bitrix24-sip:add",
                "{\"TITLE\":\"j\",\"SERVER\":\"sip.example.com\",\"LOGIN\":\"l\",\"PASSWORD\":\"p\"}",
                SipLine.class);
        assertThat(fromJson.title()).isEqualTo("j");
    }

    @Test
    void updateSendsOnlyTheGivenFields() {
        SipLine line = template.requestBody(
                "bitrix24-sip:add", SipLineSpec.cloud("u", "sip.example.com", "l", "p"), SipLine.class);
        Object result = template.requestBodyAndHeader(
                "bitrix24-sip:update", Map.of("title", "renamed"), Bitrix24SipConstants.CONFIG_ID, line.configId());
        assertThat(result).isEqualTo(true);
        assertThat(last().params()).containsOnlyKeys("CONFIG_ID", "TITLE").containsEntry("CONFIG_ID", line.configId());
        assertThat(portal.lines().get(0).title()).isEqualTo("renamed");
    }

    @Test
    void deleteByIdInBodyOrHeader() {
        SipLine a = template.requestBody(
                "bitrix24-sip:add", SipLineSpec.cloud("a", "sip.example.com", "l", "p"), SipLine.class);
        SipLine b = template.requestBody(
                "bitrix24-sip:add", SipLineSpec.cloud("b", "sip.example.com", "l", "p"), SipLine.class);
        assertThat(template.requestBody("bitrix24-sip:delete", a.configId())).isEqualTo(true);
        assertThat(template.requestBodyAndHeader(
                        "bitrix24-sip:delete", null, Bitrix24SipConstants.CONFIG_ID, String.valueOf(b.configId())))
                .isEqualTo(true);
        assertThat(portal.lines()).isEmpty();
        assertThat(journal().countRequests("demo", "voximplant.sip.delete")).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void getFollowsEveryPageAndParsesStringTypedNumbers() {
        for (int i = 0; i < 120; i++) {
            portal.addLine("", "office", String.format("line-%03d", i), "s", "l", "p");
        }
        journal().clear();
        List<SipLine> lines = template.requestBody("bitrix24-sip:get", null, List.class);
        assertThat(lines).hasSize(120).extracting(SipLine::title).doesNotHaveDuplicates();
        assertThat(lines.get(0).configId()).isEqualTo(2);
        assertThat(journal().countRequests("demo", "voximplant.sip.get"))
                .as("the first page")
                .isEqualTo(1);
        assertThat(journal().countRequests("demo", "batch"))
                .as("the other pages in one batch")
                .isEqualTo(1);
        assertThat(journal().countCalls("demo", "voximplant.sip.get")).isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void getWithAFilterAndOnePage() throws Exception {
        for (int i = 0; i < 60; i++) {
            portal.addLine("", "office", "line-" + i, i % 2 == 0 ? "even.example.com" : "odd.example.com", "l", "p");
        }
        List<SipLine> even = template.requestBody("bitrix24-sip:get", Map.of("SERVER", "even.example.com"), List.class);
        assertThat(even).hasSize(30);
        context.stop();
        startCamel(c -> {
            c.setRateLimitPlan(RateLimitPlan.none);
            c.setStart(50);
        });
        assertThat(template.requestBody("bitrix24-sip:get", null, List.class)).hasSize(10);
    }

    @Test
    void getOnAnEmptyPortalIsAnEmptyList() {
        assertThat(template.requestBody("bitrix24-sip:get", null, List.class)).isEmpty();
    }

    @Test
    void statusByRegIdAndConnectorStatus() {
        SipLine line = template.requestBody(
                "bitrix24-sip:add", SipLineSpec.cloud("s", "sip.example.com", "l", "p"), SipLine.class);
        SipRegistrationStatus status =
                template.requestBody("bitrix24-sip:status", line.regId(), SipRegistrationStatus.class);
        assertThat(status.regId()).isEqualTo(line.regId());
        assertThat(status.statusResult()).isEqualTo("wait");
        assertThat(status.lastUpdated()).isNotNull();
        assertThat(last().params()).containsEntry("REG_ID", line.regId().intValue());
        ConnectorStatus connector = template.requestBody("bitrix24-sip:connectorStatus", null, ConnectorStatus.class);
        assertThat(connector.paid()).isTrue();
        assertThat(connector.paidDateEnd()).isNotNull();
    }

    @Test
    void theOperationHeaderOverridesTheUri() {
        Object result = template.requestBodyAndHeader(
                "bitrix24-sip:get", null, Bitrix24SipConstants.OPERATION, "connectorStatus");
        assertThat(result).isInstanceOf(ConnectorStatus.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneHundredTwentyAddsGoOutAsThreeBatchesWithResultsInInputOrder() {
        portal.addLine("other.app", "office", "taken-by-another-app", "s", "l", "p");
        List<Object> specs = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            specs.add(SipLineSpec.office("bulk-" + i, "pbx.example.com", "l" + i, "p" + i));
        }
        specs.set(7, SipLineSpec.office("taken-by-another-app", "pbx.example.com", "l", "p"));
        specs.set(64, SipLineSpec.office("no-password", "pbx.example.com", "l", null));
        journal().clear();
        List<ItemResult<SipLine>> results = template.requestBody("bitrix24-sip:add", specs, List.class);
        assertThat(results).hasSize(120);
        assertThat(journal().countRequests("demo", "batch")).isEqualTo(3);
        assertThat(journal().countCalls("demo", "voximplant.sip.add")).isEqualTo(120);
        for (int i = 0; i < 120; i++) {
            assertThat(results.get(i).index()).isEqualTo(i);
        }
        assertThat(results.get(7).error().getErrorCode()).isEqualTo("TITLE_EXISTS");
        assertThat(results.get(7).error()).isInstanceOf(Bitrix24SipValidationException.class);
        assertThat(results.get(64).error().getErrorCode()).isEqualTo("CHECK_FIELDS_ERROR");
        assertThat(results.get(0).value().title()).isEqualTo("bulk-0");
        assertThat(results.get(119).value().title()).isEqualTo("bulk-119");
        assertThat(results.stream().filter(ItemResult::isSuccess)).hasSize(118);
        assertThat(portal.lines()).hasSize(119);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listBodiesForDeleteAndStatusAreBatchedWithPerItemResults() {
        SipLine a = template.requestBody(
                "bitrix24-sip:add", SipLineSpec.cloud("a", "sip.example.com", "l", "p"), SipLine.class);
        SipLine b = template.requestBody(
                "bitrix24-sip:add", SipLineSpec.cloud("b", "sip.example.com", "l", "p"), SipLine.class);
        List<ItemResult<SipRegistrationStatus>> statuses =
                template.requestBody("bitrix24-sip:status", List.of(a.regId(), 999_999L, b.regId()), List.class);
        assertThat(statuses.get(0).value().regId()).isEqualTo(a.regId());
        assertThat(statuses.get(1).error().getErrorCode()).isEqualTo("REG_ID_NOT_FOUND");
        assertThat(statuses.get(2).isSuccess()).isTrue();
        List<ItemResult<Boolean>> deleted =
                template.requestBody("bitrix24-sip:delete", List.of(a.configId(), "abc", b.configId()), List.class);
        assertThat(deleted.get(0).value()).isTrue();
        assertThat(deleted.get(1).error().getMessage()).contains("configId").contains("abc");
        assertThat(deleted.get(2).value()).isTrue();
        assertThat(portal.lines()).isEmpty();
    }
}
