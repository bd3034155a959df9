package io.github.b24sip.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.simulator.registration.Registration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** get (paging, filters, string types), status (registration timeline) and connector.status. */
class SipListAndStatusTest extends SimulatorTestSupport {

    private void addOffice(int n) {
        for (int i = 0; i < n; i++) {
            portal.addLine("", "office", String.format("line-%03d", i), "sip" + i + ".example.com", "l" + i, "p" + i);
        }
    }

    @Test
    void getReturnsDatabaseStringsWithoutIdOrAppId() {
        startPortal(PortalConfig.portal("demo"));
        call("voximplant.sip.add", line("a"));
        JsonNode row = call("voximplant.sip.get", Map.of()).result().get(0);
        assertThat(row.get("CONFIG_ID").isTextual()).isTrue();
        assertThat(row.get("REG_ID").isTextual()).isTrue();
        assertThat(row.has("ID")).isFalse();
        assertThat(row.has("APP_ID")).isFalse();
        assertThat(row.has("INCOMING_SERVER")).isFalse();
    }

    @Test
    void pagesOf50WithTopLevelTotalAndNext() {
        startPortal(PortalConfig.portal("demo"));
        addOffice(120);
        Reply first = call("voximplant.sip.get", Map.of());
        assertThat(first.result()).hasSize(50);
        assertThat(first.body().get("total").asInt()).isEqualTo(120);
        assertThat(first.body().get("next").asInt()).isEqualTo(50);
        Reply second = call("voximplant.sip.get", Map.of("start", 50));
        assertThat(second.body().get("next").asInt()).isEqualTo(100);
        Reply last = call("voximplant.sip.get", Map.of("start", 100));
        assertThat(last.result()).hasSize(20);
        assertThat(last.body().has("next")).isFalse();
        assertThat(last.body().get("total").asInt()).isEqualTo(120);
        List<String> titles = new ArrayList<>();
        for (Reply r : List.of(first, second, last)) {
            r.result().forEach(n -> titles.add(n.get("TITLE").asText()));
        }
        assertThat(titles).doesNotHaveDuplicates().hasSize(120);
    }

    @Test
    void noMatchIsABareEmptyArrayWithoutTotal() {
        startPortal(PortalConfig.portal("demo"));
        Reply reply = call("voximplant.sip.get", Map.of());
        assertThat(reply.text()).startsWith("{\"result\":[],");
        assertThat(reply.body().has("total")).isFalse();
        assertThat(reply.body().has("next")).isFalse();
    }

    @Test
    void filterOperatorsAndInLists() {
        startPortal(PortalConfig.portal("demo"));
        addOffice(5);
        assertThat(titles(Map.of("FILTER", Map.of("TITLE", "line-001")))).containsExactly("line-001");
        assertThat(titles(Map.of("FILTER", Map.of("!TITLE", "line-001")))).hasSize(4);
        assertThat(titles(Map.of("FILTER", Map.of("%SERVER", "SIP3")))).containsExactly("line-003");
        assertThat(titles(Map.of("FILTER", Map.of("TITLE", List.of("line-000", "line-004")))))
                .containsExactly("line-000", "line-004");
        assertThat(titles(Map.of("FILTER", Map.of(">=CONFIG_ID", 5)))).containsExactly("line-003", "line-004");
        assertThat(titles(Map.of("FILTER", Map.of("><CONFIG_ID", List.of(3, 4)))))
                .containsExactly("line-001", "line-002");
        assertThat(titles(Map.of("FILTER", Map.of("type", "office")))).hasSize(5);
    }

    @Test
    void unknownFilterFieldIsAnErrorCore() {
        startPortal(PortalConfig.portal("demo"));
        Reply reply = call("voximplant.sip.get", Map.of("FILTER", Map.of("COLOUR", "red")));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("ERROR_CORE");
    }

    @Test
    void sortAppliesOnlyWithOrder() {
        startPortal(PortalConfig.portal("demo"));
        addOffice(3);
        assertThat(titles(Map.of("SORT", "TITLE"))).containsExactly("line-000", "line-001", "line-002");
        assertThat(titles(Map.of("SORT", "TITLE", "ORDER", "DESC")))
                .containsExactly("line-002", "line-001", "line-000");
    }

    private List<String> titles(Map<String, ?> params) {
        List<String> out = new ArrayList<>();
        call("voximplant.sip.get", params)
                .result()
                .forEach(n -> out.add(n.get("TITLE").asText()));
        return out;
    }

    @Test
    void registrationMovesFromWaitThroughInProgressToSuccess() {
        startPortal(PortalConfig.portal("demo").registrationDelays(Duration.ofSeconds(2), Duration.ofSeconds(3)));
        long regId =
                call("voximplant.sip.add", line("ok")).result().get("REG_ID").asLong();
        assertThat(status(regId).get("STATUS_RESULT").asText()).isEqualTo("wait");
        clock.advance(Duration.ofSeconds(2));
        assertThat(status(regId).get("STATUS_RESULT").asText()).isEqualTo("in_progress");
        clock.advance(Duration.ofSeconds(3));
        JsonNode done = status(regId);
        assertThat(done.get("STATUS_RESULT").asText()).isEqualTo("success");
        assertThat(done.get("STATUS_CODE").asInt()).isEqualTo(200);
        assertThat(done.get("REG_ID").asLong()).isEqualTo(regId);
        assertThat(done.get("LAST_UPDATED").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        JsonNode row = call("voximplant.sip.get", Map.of()).result().get(0);
        assertThat(row.get("REGISTRATION_STATUS_CODE").asText()).isEqualTo("200");
    }

    @Test
    void invalidServerAndWrongLoginEndInError() {
        startPortal(PortalConfig.portal("demo"));
        long badServer = call(
                        "voximplant.sip.add",
                        Map.of("TITLE", "a", "SERVER", "pbx.example.invalid", "LOGIN", "l", "PASSWORD", "p"))
                .result()
                .get("REG_ID")
                .asLong();
        long badLogin = call(
                        "voximplant.sip.add",
                        Map.of("TITLE", "b", "SERVER", "sip.example.com", "LOGIN", "wrong", "PASSWORD", "p"))
                .result()
                .get("REG_ID")
                .asLong();
        clock.advance(Duration.ofMinutes(1));
        JsonNode s = status(badServer);
        assertThat(s.get("STATUS_RESULT").asText()).isEqualTo("error");
        assertThat(s.get("STATUS_CODE").asInt()).isEqualTo(404);
        assertThat(s.get("ERROR_MESSAGE").asText()).isEqualTo("Not Found");
        assertThat(status(badLogin).get("STATUS_CODE").asInt()).isEqualTo(403);
    }

    @Test
    void updatingASipFieldRestartsTheRegistration() {
        startPortal(PortalConfig.portal("demo"));
        JsonNode line = call(
                        "voximplant.sip.add",
                        Map.of("TITLE", "a", "SERVER", "pbx.example.invalid", "LOGIN", "l", "PASSWORD", "p"))
                .result();
        long regId = line.get("REG_ID").asLong();
        clock.advance(Duration.ofMinutes(1));
        assertThat(portal.registrationState(regId).result()).isEqualTo(Registration.ERROR);
        call("voximplant.sip.update", Map.of("CONFIG_ID", line.get("CONFIG_ID").asText(), "SERVER", "sip.example.com"));
        assertThat(status(regId).get("STATUS_RESULT").asText()).isEqualTo("wait");
        assertThat(call("voximplant.sip.get", Map.of())
                        .result()
                        .get(0)
                        .get("REGISTRATION_STATUS_CODE")
                        .asText())
                .isEqualTo("0");
        clock.advance(Duration.ofMinutes(1));
        assertThat(status(regId).get("STATUS_RESULT").asText()).isEqualTo("success");
    }

    @Test
    void statusOfUnknownRegistrationIsRegIdNotFound() {
        startPortal(PortalConfig.portal("demo"));
        Reply reply = call("voximplant.sip.status", Map.of("REG_ID", 12345));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("REG_ID_NOT_FOUND");
    }

    private JsonNode status(long regId) {
        Reply reply = call("voximplant.sip.status", Map.of("REG_ID", regId));
        assertThat(reply.status()).isEqualTo(200);
        return reply.result();
    }

    @Test
    void connectorStatusHasPaidDateEndOnlyWhenPaid() {
        startPortal(PortalConfig.portal("demo").connector(true, 0));
        JsonNode paid = call("voximplant.sip.connector.status", Map.of()).result();
        assertThat(paid.get("PAID").asBoolean()).isTrue();
        assertThat(paid.get("FREE_MINUTES").asInt()).isZero();
        assertThat(paid.get("PAID_DATE_END").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
        sim.close();
        startPortal(PortalConfig.portal("demo").connector(false, 50));
        JsonNode unpaid = call("voximplant.sip.connector.status", Map.of()).result();
        assertThat(unpaid.get("PAID").asBoolean()).isFalse();
        assertThat(unpaid.get("FREE_MINUTES").asInt()).isEqualTo(50);
        assertThat(unpaid.has("PAID_DATE_END")).isFalse();
    }
}
