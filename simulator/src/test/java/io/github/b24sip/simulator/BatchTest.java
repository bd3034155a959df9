package io.github.b24sip.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.simulator.journal.JournalEntry;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch method (docs/api-facts.md, "batch"). */
class BatchTest extends SimulatorTestSupport {

    private Reply batch(Object body) {
        return postJson(portal.webhookUrl() + "batch", body);
    }

    @Test
    void jsSdkBatchWithHaltAndCommandMap() {
        startPortal(PortalConfig.portal("demo"));
        int configId = portal.addLine("", "office", "gone", "s", "l", "p");
        Map<String, String> cmd = new LinkedHashMap<>();
        cmd.put("a", "voximplant.sip.get?");
        cmd.put("b", "voximplant.sip.delete?CONFIG_ID=" + configId);
        Reply reply = batch(Map.of("halt", 1, "cmd", cmd));
        assertThat(reply.status()).isEqualTo(200);
        JsonNode result = reply.result();
        assertThat(result.get("result").get("a")).hasSize(1);
        assertThat(result.get("result").get("b").asInt()).isEqualTo(1);
        assertThat(result.get("result_error").isArray())
                .as("empty sections are []")
                .isTrue();
        assertThat(result.get("result_total").get("a").asInt()).isEqualTo(1);
        assertThat(result.get("result_time").get("a").has("start")).isTrue();
        assertThat(portal.lines()).isEmpty();
        assertThat(reply.body().get("time").has("duration")).isTrue();
    }

    @Test
    void errorsStayPerKeyAndTheOthersRun() {
        startPortal(PortalConfig.portal("demo"));
        Map<String, String> cmd = new LinkedHashMap<>();
        cmd.put("ok1", "voximplant.sip.add?TITLE=one&SERVER=sip.example.com&LOGIN=l&PASSWORD=p");
        cmd.put("dup", "voximplant.sip.add?TITLE=one&SERVER=sip.example.com&LOGIN=l&PASSWORD=p");
        cmd.put("bad", "voximplant.sip.add?TITLE=two&SERVER=&LOGIN=l&PASSWORD=p");
        cmd.put("ok2", "voximplant.sip.add?TITLE=three&SERVER=sip.example.com&LOGIN=l&PASSWORD=p");
        JsonNode result = batch(Map.of("cmd", cmd)).result();
        assertThat(result.get("result").has("ok1")).isTrue();
        assertThat(result.get("result").has("ok2")).isTrue();
        assertThat(result.get("result_error").get("dup").get("error").asText()).isEqualTo("TITLE_EXISTS");
        assertThat(result.get("result_error").get("bad").get("error").asText()).isEqualTo("CHECK_FIELDS_ERROR");
        assertThat(portal.lines()).extracting("title").containsExactly("one", "three");
    }

    @Test
    void haltStopsAtTheFirstError() {
        startPortal(PortalConfig.portal("demo"));
        Map<String, String> cmd = new LinkedHashMap<>();
        cmd.put("a", "voximplant.sip.add?TITLE=one&SERVER=sip.example.com&LOGIN=l&PASSWORD=p");
        cmd.put("b", "voximplant.sip.delete?CONFIG_ID=999");
        cmd.put("c", "voximplant.sip.add?TITLE=two&SERVER=sip.example.com&LOGIN=l&PASSWORD=p");
        JsonNode result = batch(Map.of("halt", true, "cmd", cmd)).result();
        assertThat(result.get("result_error").get("b").get("error").asText()).isEqualTo("ERROR_NOT_FOUND");
        assertThat(result.get("result").has("c")).isFalse();
        assertThat(portal.lines()).extracting("title").containsExactly("one");
    }

    @Test
    void formEncodedHaltFalseIsTrueForPhp() {
        startPortal(PortalConfig.portal("demo"));
        String body = "halt=false&cmd%5Ba%5D="
                + URLEncoder.encode("voximplant.sip.delete?CONFIG_ID=999", StandardCharsets.UTF_8)
                + "&cmd%5Bb%5D="
                + URLEncoder.encode("voximplant.sip.connector.status", StandardCharsets.UTF_8);
        JsonNode result = postForm(portal.webhookUrl() + "batch", body).result();
        assertThat(result.get("result_error").has("a")).isTrue();
        assertThat(result.get("result").isArray())
                .as("b never ran: result is an empty []")
                .isTrue();
    }

    @Test
    void commandListGivesListSections() {
        startPortal(PortalConfig.portal("demo"));
        JsonNode result = batch(Map.of("cmd", List.of("voximplant.sip.connector.status", "voximplant.sip.get")))
                .result();
        assertThat(result.get("result").isArray()).isTrue();
        assertThat(result.get("result")).hasSize(2);
    }

    @Test
    void commandsPast50GetBatchLengthExceededEach() {
        startPortal(PortalConfig.portal("demo"));
        Map<String, String> cmd = new LinkedHashMap<>();
        for (int i = 0; i < 52; i++) {
            cmd.put("c" + i, "voximplant.sip.connector.status");
        }
        JsonNode result = batch(Map.of("cmd", cmd)).result();
        assertThat(result.get("result")).hasSize(50);
        assertThat(result.get("result_error").get("c50").get("error").asText())
                .isEqualTo("ERROR_BATCH_LENGTH_EXCEEDED");
        assertThat(result.get("result_error").get("c51").get("error").asText())
                .isEqualTo("ERROR_BATCH_LENGTH_EXCEEDED");
    }

    @Test
    void nestedBatchIsRefused() {
        startPortal(PortalConfig.portal("demo"));
        JsonNode result = batch(Map.of("cmd", Map.of("inner", "batch?cmd[x]=voximplant.sip.get")))
                .result();
        assertThat(result.get("result_error").get("inner").get("error").asText())
                .isEqualTo("ERROR_BATCH_METHOD_NOT_ALLOWED");
    }

    @Test
    void referencesResolveAndUnresolvedOnesStayLiteral() {
        startPortal(PortalConfig.portal("demo"));
        Map<String, String> cmd = new LinkedHashMap<>();
        cmd.put("add", "voximplant.sip.add?TITLE=ref&SERVER=sip.example.com&LOGIN=l&PASSWORD=p");
        cmd.put("status", "voximplant.sip.status?REG_ID=$result[add][REG_ID]");
        cmd.put(
                "rename",
                "voximplant.sip.update?CONFIG_ID=$result[add][CONFIG_ID]&TITLE=renamed-$result[add][CONFIG_ID]");
        cmd.put("literal", "voximplant.sip.add?TITLE=$result[nothing][0]&SERVER=sip.example.com&LOGIN=l&PASSWORD=p");
        JsonNode result = batch(Map.of("halt", 0, "cmd", cmd)).result();
        assertThat(result.get("result_error").isArray()).isTrue();
        String configId = result.get("result").get("add").get("CONFIG_ID").asText();
        assertThat(result.get("result").get("status").get("STATUS_RESULT").asText())
                .isEqualTo("wait");
        assertThat(portal.lines()).extracting("title").containsExactly("renamed-" + configId, "$result[nothing][0]");
    }

    @Test
    void aBatchTakesOneTokenFromTheBucket() {
        startPortal(PortalConfig.portal("demo").rateLimit(RateLimit.custom(2, 0.001)));
        Map<String, String> cmd = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            cmd.put("c" + i, "voximplant.sip.connector.status");
        }
        assertThat(batch(Map.of("cmd", cmd)).status()).isEqualTo(200);
        assertThat(batch(Map.of("cmd", cmd)).status()).isEqualTo(200);
        assertThat(batch(Map.of("cmd", cmd)).error()).isEqualTo("QUERY_LIMIT_EXCEEDED");
    }

    @Test
    void journalListsTheSubCommands() {
        startPortal(PortalConfig.portal("demo"));
        batch(Map.of("cmd", Map.of("x", "voximplant.sip.add?TITLE=j&SERVER=sip.example.com&LOGIN=l&PASSWORD=hunter2")));
        JournalEntry entry = sim.journal().entries("demo").get(0);
        assertThat(entry.method()).isEqualTo("batch");
        assertThat(entry.inner()).singleElement().satisfies(c -> {
            assertThat(c.method()).isEqualTo("voximplant.sip.add");
            assertThat(c.params()).containsEntry("TITLE", "j").containsEntry("PASSWORD", "***");
        });
        assertThat(entry.params().toString()).doesNotContain("hunter2");
        assertThat(sim.journal().countCalls("demo", "voximplant.sip.add")).isEqualTo(1);
    }
}
