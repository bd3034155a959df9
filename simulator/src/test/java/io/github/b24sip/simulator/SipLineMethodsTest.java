package io.github.b24sip.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** add, update, delete as the voximplant module's source does them (simulator/README.md), over HTTPS. */
class SipLineMethodsTest extends SimulatorTestSupport {

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }

    @Test
    void cloudLineResultHasIntegerRegIdAndNoIncomingFields() {
        startPortal(PortalConfig.portal("demo"));
        JsonNode line = call("voximplant.sip.add", line("cloud")).result();
        assertThat(line.get("REG_ID").isIntegralNumber()).isTrue();
        assertThat(line.get("CONFIG_ID").isTextual()).isTrue();
        assertThat(line.get("ID").isTextual()).isTrue();
        assertThat(line.get("TYPE").asText()).isEqualTo("cloud");
        assertThat(line.has("INCOMING_SERVER")).isFalse();
        assertThat(line.has("APP_ID")).isFalse();
        assertThat(line.get("DETECT_LINE_NUMBER").asText()).isEqualTo("N");
        assertThat(line.get("LINE_DETECT_HEADER_ORDER").asText()).isEqualTo("diversion;to");
        assertThat(line.get("REGISTRATION_STATUS_CODE").isNull()).isTrue();
        assertThat(line.get("PASSWORD").asText()).isEqualTo("secret-cloud");
    }

    @Test
    void officeLineGetsIncomingCredentialsAndNoRegId() {
        startPortal(PortalConfig.portal("demo"));
        JsonNode line = call("voximplant.sip.add", with(line("office"), "TYPE", "OFFICE"))
                .result();
        assertThat(line.get("TYPE").asText()).isEqualTo("office");
        assertThat(line.has("REG_ID")).isFalse();
        assertThat(line.get("INCOMING_SERVER").asText()).endsWith(".bitrixphone.com");
        assertThat(line.get("INCOMING_LOGIN").asText()).startsWith("sip");
        assertThat(line.get("INCOMING_PASSWORD").asText()).isNotEmpty();
    }

    @Test
    void serverIsTrimmedAndLosesItsScheme() {
        startPortal(PortalConfig.portal("demo"));
        JsonNode line = call("voximplant.sip.add", with(line("t"), "SERVER", "  https://sip.example.com "))
                .result();
        assertThat(line.get("SERVER").asText()).isEqualTo("sip.example.com");
    }

    @Test
    void seedVariantRequiresTitleServerLoginPassword() {
        startPortal(PortalConfig.portal("demo").requiredAddFields("TITLE", "SERVER", "LOGIN", "PASSWORD"));
        Reply reply = call("voximplant.sip.add", Map.of("SERVER", "sip.example.com"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("CHECK_FIELDS_ERROR");
        String description = reply.body().get("error_description").asText();
        assertThat(description).contains("TITLE", "LOGIN", "PASSWORD").contains("<br> ");
        assertThat(portal.lines()).isEmpty();
    }

    @Test
    void byDefaultOnlyServerAndLoginAreRequiredAsInTheModuleSource() {
        startPortal(PortalConfig.portal("demo"));
        JsonNode line = call("voximplant.sip.add", Map.of("SERVER", "sip.example.com", "LOGIN", "l"))
                .result();
        assertThat(line.get("TITLE").asText()).isEmpty();
        assertThat(line.get("PASSWORD").isNull())
                .as("an omitted password is stored as NULL")
                .isTrue();
        assertThat(call("voximplant.sip.add", Map.of("SERVER", "sip.example.com", "LOGIN", "l"))
                        .status())
                .as("empty titles are not unique")
                .isEqualTo(200);
        Reply missing = call("voximplant.sip.add", Map.of("TITLE", "t"));
        assertThat(missing.error()).isEqualTo("CHECK_FIELDS_ERROR");
        assertThat(missing.body().get("error_description").asText())
                .contains("SERVER", "LOGIN")
                .doesNotContain("PASSWORD");
    }

    @Test
    void fieldsOver100CharactersAndBadTypeAreCheckFieldsErrors() {
        startPortal(PortalConfig.portal("demo"));
        String longValue = "x".repeat(101);
        for (String field : new String[] {"SERVER", "LOGIN", "PASSWORD"}) {
            Reply reply = call("voximplant.sip.add", with(line("t-" + field), field, longValue));
            assertThat(reply.error()).as(field).isEqualTo("CHECK_FIELDS_ERROR");
            assertThat(reply.body().get("error_description").asText()).contains(field);
        }
        assertThat(call("voximplant.sip.add", with(line("t"), "SERVER", "x".repeat(100)))
                        .status())
                .isEqualTo(200);
        assertThat(call("voximplant.sip.add", with(line("bad"), "TYPE", "pbx")).error())
                .isEqualTo("CHECK_FIELDS_ERROR");
    }

    @Test
    void titlesAreUniqueAcrossThePortalIncludingOtherApplicationsLines() {
        startPortal(PortalConfig.portal("demo").maxCloudPbx(10));
        portal.addLine("other.app", "office", "taken", "s", "l", "p");
        Reply reply = call("voximplant.sip.add", line("taken"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("TITLE_EXISTS");
        call("voximplant.sip.add", line("mine"));
        assertThat(call("voximplant.sip.add", line("mine")).error()).isEqualTo("TITLE_EXISTS");
    }

    @Test
    void cloudLineLimitDefaultsToTheSourcesTenAndCountsOnlyCloudLines() {
        startPortal(PortalConfig.portal("demo"));
        for (int i = 0; i < 10; i++) {
            assertThat(call("voximplant.sip.add", line("c" + i)).status()).isEqualTo(200);
        }
        Reply eleventh = call("voximplant.sip.add", line("c10"));
        assertThat(eleventh.status()).isEqualTo(400);
        assertThat(eleventh.error()).isEqualTo("MAX_CLOUD_PBX");
        assertThat(eleventh.body().get("error_description").asText())
                .isEqualTo("You cannot connect more than 10 cloud PBXs.");
        assertThat(call("voximplant.sip.add", with(line("o"), "TYPE", "office")).status())
                .isEqualTo(200);
    }

    @Test
    void theSeedsLimitOfFiveIsAnOption() {
        startPortal(PortalConfig.portal("demo").maxCloudPbx(5));
        for (int i = 0; i < 5; i++) {
            call("voximplant.sip.add", line("c" + i));
        }
        assertThat(call("voximplant.sip.add", line("c5")).error()).isEqualTo("MAX_CLOUD_PBX");
    }

    @Test
    void fieldErrorsComeBeforeTheCloudLimitAndTheLimitBeforeTheTitle() {
        startPortal(PortalConfig.portal("demo").maxCloudPbx(1));
        call("voximplant.sip.add", line("first"));
        assertThat(call("voximplant.sip.add", with(line("second"), "LOGIN", " "))
                        .error())
                .isEqualTo("CHECK_FIELDS_ERROR");
        assertThat(call("voximplant.sip.add", line("first")).error())
                .as("limit before title")
                .isEqualTo("MAX_CLOUD_PBX");
    }

    @Test
    void updateChangesFieldsAndAnswersOne() {
        startPortal(PortalConfig.portal("demo"));
        String configId =
                call("voximplant.sip.add", line("u")).result().get("CONFIG_ID").asText();
        Reply reply =
                call("voximplant.sip.update", Map.of("CONFIG_ID", configId, "TITLE", "renamed", "LOGIN", "new-login"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.result().asInt()).isEqualTo(1);
        assertThat(portal.lines()).singleElement().satisfies(l -> {
            assertThat(l.title()).isEqualTo("renamed");
            assertThat(l.login()).isEqualTo("new-login");
        });
    }

    @Test
    void updateWithOnlyConfigIdAnswersOneAndChangesNothing() {
        startPortal(PortalConfig.portal("demo"));
        String configId =
                call("voximplant.sip.add", line("u")).result().get("CONFIG_ID").asText();
        assertThat(call("voximplant.sip.update", Map.of("CONFIG_ID", configId))
                        .result()
                        .asInt())
                .isEqualTo(1);
        assertThat(portal.lines().get(0).title()).isEqualTo("u");
    }

    @Test
    void updateOfUnknownLineIs404ButDeleteIs400() {
        startPortal(PortalConfig.portal("demo"));
        Reply update = call("voximplant.sip.update", Map.of("CONFIG_ID", 999, "TITLE", "x"));
        assertThat(update.status()).isEqualTo(404);
        assertThat(update.error()).isEqualTo("ERROR_NOT_FOUND");
        assertThat(update.body().get("error_description").asText()).isEqualTo("Specified CONFIG_ID is not found");
        Reply delete = call("voximplant.sip.delete", Map.of("CONFIG_ID", 999));
        assertThat(delete.status()).isEqualTo(400);
        assertThat(delete.error()).isEqualTo("ERROR_NOT_FOUND");
    }

    @Test
    void updateValidatesTypeWithoutLowerCasingAndKeepsTitlesUnique() {
        startPortal(PortalConfig.portal("demo"));
        String a =
                call("voximplant.sip.add", line("a")).result().get("CONFIG_ID").asText();
        call("voximplant.sip.add", line("b"));
        assertThat(call("voximplant.sip.update", Map.of("CONFIG_ID", a, "TYPE", "CLOUD", "TITLE", "a2"))
                        .error())
                .isEqualTo("CHECK_FIELDS_ERROR");
        assertThat(call("voximplant.sip.update", Map.of("CONFIG_ID", a, "TITLE", "b"))
                        .error())
                .isEqualTo("TITLE_EXISTS");
        assertThat(call("voximplant.sip.update", Map.of("CONFIG_ID", a, "SERVER", ""))
                        .error())
                .isEqualTo("CHECK_FIELDS_ERROR");
        assertThat(call("voximplant.sip.update", Map.of("CONFIG_ID", a, "TITLE", ""))
                        .status())
                .as("an empty title clears it")
                .isEqualTo(200);
        assertThat(portal.lines().get(0).title()).isEmpty();
    }

    @Test
    void deleteRemovesTheLine() {
        startPortal(PortalConfig.portal("demo"));
        String configId =
                call("voximplant.sip.add", line("d")).result().get("CONFIG_ID").asText();
        assertThat(call("voximplant.sip.delete", Map.of("config_id", configId))
                        .result()
                        .asInt())
                .isEqualTo(1);
        assertThat(portal.lines()).isEmpty();
    }

    @Test
    void deleteFailsWithRegIdNotFoundWhenVoximplantCannotDropTheRegistration() {
        startPortal(PortalConfig.portal("demo"));
        JsonNode line = call("voximplant.sip.add", line("d")).result();
        portal.failRegistrationDeletion(line.get("REG_ID").asLong());
        Reply reply = call(
                "voximplant.sip.delete",
                Map.of("CONFIG_ID", line.get("CONFIG_ID").asText()));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("REG_ID_NOT_FOUND");
        assertThat(reply.body().get("error_description").asText()).isEqualTo("Settings not found");
        assertThat(portal.lines()).hasSize(1);
    }

    @Test
    void linesBelongToTheApplicationThatCreatedThem() {
        startPortal(
                PortalConfig.portal("demo").app(new OAuthApp("app.one", "s1")).app(new OAuthApp("app.two", "s2")));
        String tokenOne = portal.issueTokens("app.one").accessToken();
        String tokenTwo = portal.issueTokens("app.two").accessToken();
        String configId = postJson(portal.baseUrl() + "/rest/voximplant.sip.add", with(line("owned"), "auth", tokenOne))
                .result()
                .get("CONFIG_ID")
                .asText();
        assertThat(portal.lines().get(0).appId()).isEqualTo("app.one");
        Reply foreignUpdate = postJson(
                portal.baseUrl() + "/rest/voximplant.sip.update",
                Map.of("auth", tokenTwo, "CONFIG_ID", configId, "TITLE", "stolen"));
        assertThat(foreignUpdate.error()).isEqualTo("ERROR_NOT_FOUND");
        Reply foreignGet = postJson(portal.baseUrl() + "/rest/voximplant.sip.get", Map.of("auth", tokenTwo));
        assertThat(foreignGet.result()).isEmpty();
        assertThat(call("voximplant.sip.get", Map.of()).result())
                .as("a webhook sees only lines without an app")
                .isEmpty();
        portal.addLine("", "office", "ui-line", "s", "l", "p");
        assertThat(call("voximplant.sip.get", Map.of()).result()).hasSize(1);
    }
}
