package io.github.b24sip.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the voximplant module's source does where the seeds are silent or say otherwise (simulator README, "Seeds,
 * module source and simulator"): values stored as PrepareFields normalises them, registrations that failed or
 * vanished, titles compared as the portal database compares them, the lower-case {@code start}.
 */
class ModuleSourceFidelityTest extends SimulatorTestSupport {

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }

    private String configIdOf(JsonNode added) {
        return added.get("CONFIG_ID").asText();
    }

    @Test
    void serverLosesEverySchemeWhereverItStandsCaseSensitivelyAfterTrimming() {
        startPortal(PortalConfig.portal("demo"));
        assertThat(call("voximplant.sip.add", with(line("a"), "SERVER", " https://sip.example.com "))
                        .result()
                        .get("SERVER")
                        .asText())
                .isEqualTo("sip.example.com");
        assertThat(call("voximplant.sip.add", with(line("b"), "SERVER", "sip.example.com/http://x"))
                        .result()
                        .get("SERVER")
                        .asText())
                .as("str_replace removes every occurrence")
                .isEqualTo("sip.example.com/x");
        assertThat(call("voximplant.sip.add", with(line("c"), "SERVER", "HTTPS://sip.example.com"))
                        .result()
                        .get("SERVER")
                        .asText())
                .as("str_replace is case-sensitive")
                .isEqualTo("HTTPS://sip.example.com");
    }

    @Test
    void passwordLoginAndTitleAreTrimmedAndThePasswordMeasuredBeforeTrimming() {
        startPortal(PortalConfig.portal("demo"));
        JsonNode line = call(
                        "voximplant.sip.add",
                        Map.of("TITLE", "  padded ", "SERVER", "sip.example.com", "LOGIN", " l ", "PASSWORD", "  p  "))
                .result();
        assertThat(line.get("TITLE").asText()).isEqualTo("padded");
        assertThat(line.get("LOGIN").asText()).isEqualTo("l");
        assertThat(line.get("PASSWORD").asText()).isEqualTo("p");
        Reply tooLong = call("voximplant.sip.add", with(line("long"), "PASSWORD", "x".repeat(100) + " "));
        assertThat(tooLong.error()).isEqualTo("CHECK_FIELDS_ERROR");
    }

    @Test
    void anUpdateGivenAnUnchangedServerStillReRegistersTheLine() {
        startPortal(PortalConfig.portal("demo").registrationDelays(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        JsonNode added = call("voximplant.sip.add", line("u")).result();
        clock.advance(Duration.ofSeconds(5));
        assertThat(call(
                                "voximplant.sip.status",
                                Map.of("REG_ID", added.get("REG_ID").asLong()))
                        .result()
                        .get("STATUS_RESULT")
                        .asText())
                .isEqualTo("success");
        call("voximplant.sip.update", Map.of("CONFIG_ID", configIdOf(added), "SERVER", "sip.example.com"));
        JsonNode status = call(
                        "voximplant.sip.status",
                        Map.of("REG_ID", added.get("REG_ID").asLong()))
                .result();
        assertThat(status.get("STATUS_RESULT").asText())
                .as("NEED_UPDATE=Y re-registers")
                .isEqualTo("wait");
        assertThat(status.get("STATUS_CODE").isNull())
                .as("no status code before the provider answers")
                .isTrue();
        assertThat(call("voximplant.sip.get", Map.of())
                        .result()
                        .get(0)
                        .get("REGISTRATION_STATUS_CODE")
                        .asText())
                .isEqualTo("0");
    }

    @Test
    void anUpdateOfTheTitleAloneDoesNotReRegister() {
        startPortal(PortalConfig.portal("demo").registrationDelays(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        JsonNode added = call("voximplant.sip.add", line("t")).result();
        clock.advance(Duration.ofSeconds(5));
        call("voximplant.sip.update", Map.of("CONFIG_ID", configIdOf(added), "TITLE", "T"));
        assertThat(call(
                                "voximplant.sip.status",
                                Map.of("REG_ID", added.get("REG_ID").asLong()))
                        .result()
                        .get("STATUS_RESULT")
                        .asText())
                .isEqualTo("success");
        assertThat(portal.lines().get(0).title()).isEqualTo("T");
    }

    @Test
    void aNullFieldInAnUpdateIsNotGivenSoThePasswordStays() {
        startPortal(PortalConfig.portal("demo"));
        JsonNode added = call("voximplant.sip.add", line("n")).result();
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("CONFIG_ID", configIdOf(added));
        update.put("PASSWORD", null);
        update.put("LOGIN", "other");
        call("voximplant.sip.update", update);
        assertThat(portal.lines().get(0).password()).isEqualTo("secret-n");
        assertThat(portal.lines().get(0).login()).isEqualTo("other");
    }

    @Test
    void titlesClashWithoutRegardToCaseAndWithThePortalsNumbers() {
        startPortal(PortalConfig.portal("demo"));
        portal.addNumberConfig("Main number");
        call("voximplant.sip.add", line("Office"));
        assertThat(call("voximplant.sip.add", line("office")).error()).isEqualTo("TITLE_EXISTS");
        assertThat(call("voximplant.sip.add", line("MAIN NUMBER")).error()).isEqualTo("TITLE_EXISTS");
        String other = configIdOf(call("voximplant.sip.add", line("other")).result());
        assertThat(call("voximplant.sip.update", Map.of("CONFIG_ID", other, "TITLE", "main number"))
                        .error())
                .isEqualTo("TITLE_EXISTS");
        assertThat(call("voximplant.sip.update", Map.of("CONFIG_ID", other, "TITLE", "OTHER"))
                        .status())
                .as("a line may change the case of its own title")
                .isEqualTo(200);
    }

    @Test
    void aCloudLineWhoseRegistrationCouldNotBeCreatedKeepsRegIdZero() {
        startPortal(PortalConfig.portal("demo"));
        JsonNode shortServer =
                call("voximplant.sip.add", with(line("short"), "SERVER", "abc")).result();
        assertThat(shortServer.get("REG_ID").asText()).isEqualTo("0");
        portal.refuseRegistrations(true);
        JsonNode refused = call("voximplant.sip.add", line("refused")).result();
        assertThat(refused.get("REG_ID").asText()).isEqualTo("0");
        assertThat(call("voximplant.sip.get", Map.of()).result())
                .allSatisfy(row -> assertThat(row.get("REG_ID").asText()).isEqualTo("0"));
        Reply status = call("voximplant.sip.status", Map.of("REG_ID", 0));
        assertThat(status.error()).isEqualTo("REG_ID_NOT_FOUND");
        assertThat(call("voximplant.sip.delete", Map.of("CONFIG_ID", configIdOf(refused)))
                        .status())
                .as("no registration to delete first")
                .isEqualTo(200);
    }

    @Test
    void aVanishedRegistrationIsNotFoundByStatusNorByDelete() {
        startPortal(PortalConfig.portal("demo"));
        JsonNode added = call("voximplant.sip.add", line("v")).result();
        long regId = added.get("REG_ID").asLong();
        portal.vanishRegistration(regId);
        Reply status = call("voximplant.sip.status", Map.of("REG_ID", regId));
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.error()).isEqualTo("REG_ID_NOT_FOUND");
        assertThat(call("voximplant.sip.delete", Map.of("CONFIG_ID", configIdOf(added)))
                        .error())
                .isEqualTo("REG_ID_NOT_FOUND");
        assertThat(call("voximplant.sip.get", Map.of()).result())
                .as("the line keeps its REG_ID")
                .hasSize(1);
    }

    @Test
    void onlyLowerCaseStartPagesTheList() {
        startPortal(PortalConfig.portal("demo").maxCloudPbx(100));
        for (int i = 0; i < 60; i++) {
            portal.addLine("", "office", "l" + i, "sip.example.com", "l", "p");
        }
        assertThat(call("voximplant.sip.get", Map.of("start", 50)).result()).hasSize(10);
        assertThat(call("voximplant.sip.get", Map.of("START", 50)).result())
                .as("START is ignored")
                .hasSize(50);
    }
}
