package io.github.b24sip.simulator;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's default outgoing line as the voximplant module keeps it (simulator README, "The default outgoing
 * line"), and what an administrator changes in the portal's telephony settings without any REST call.
 */
class DefaultOutgoingLineTest extends SimulatorTestSupport {

    private int add(String title) {
        return call("voximplant.sip.add", line(title)).result().get("CONFIG_ID").asInt();
    }

    private String outgoing() {
        return call("voximplant.line.outgoing.get", Map.of()).result().asText();
    }

    @Test
    void theFirstLineBecomesTheDefaultAndDeletingItMovesTheDefaultToTheFirstLineLeft() {
        startPortal(PortalConfig.portal("demo"));
        assertThat(outgoing()).isEqualTo("LINK_BASE_NUMBER");
        int first = add("first");
        String firstId = portal.lineIdOf(first);
        assertThat(firstId).startsWith("reg").isNotEqualTo("reg0");
        assertThat(outgoing())
                .as("an add with no valid default makes the new line the default")
                .isEqualTo(firstId);
        int second = add("second");
        assertThat(outgoing()).as("a later add leaves a valid default alone").isEqualTo(firstId);

        assertThat(call("voximplant.sip.delete", Map.of("CONFIG_ID", first)).status())
                .isEqualTo(200);
        assertThat(outgoing()).isEqualTo(portal.lineIdOf(second));
        call("voximplant.sip.delete", Map.of("CONFIG_ID", second));
        assertThat(outgoing()).isEqualTo("LINK_BASE_NUMBER");
    }

    @Test
    void sipSetTakesAConfigIdAndSetTakesALineId() {
        startPortal(PortalConfig.portal("demo"));
        int first = add("first");
        int second = add("second");
        assertThat(call("voximplant.line.outgoing.sip.set", Map.of("CONFIG_ID", second))
                        .result()
                        .asInt())
                .isEqualTo(1);
        assertThat(outgoing()).isEqualTo(portal.lineIdOf(second));
        Reply unknown = call("voximplant.line.outgoing.sip.set", Map.of("CONFIG_ID", 999));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error()).isEqualTo("ERROR_ARGUMENT");

        call("voximplant.line.outgoing.set", Map.of("LINE_ID", portal.lineIdOf(first)));
        assertThat(outgoing()).isEqualTo(portal.lineIdOf(first));
        assertThat(call("voximplant.line.outgoing.set", Map.of("LINE_ID", "reg424242"))
                        .result()
                        .asInt())
                .as("an unknown line id is ignored, and the method answers 1 all the same")
                .isEqualTo(1);
        assertThat(outgoing()).isEqualTo(portal.lineIdOf(first));
    }

    @Test
    void anAdministratorEditsDeletesAndChoosesTheDefaultOverHttp() {
        startPortal(PortalConfig.portal("demo"));
        int first = add("first");
        int second = add("second");
        String admin = portal.baseUrl() + "/admin/";

        assertThat(postJson(admin + "lines/" + first, Map.of("SERVER", " https://pbx.other.example "))
                        .status())
                .isEqualTo(200);
        var edited = portal.lines().stream()
                .filter(l -> l.configId() == first)
                .findFirst()
                .orElseThrow();
        assertThat(edited.server()).as("stored as the module stores it").isEqualTo("pbx.other.example");
        assertThat(call("voximplant.sip.get", Map.of("FILTER", Map.of("CONFIG_ID", first)))
                        .result()
                        .get(0)
                        .get("SERVER")
                        .asText())
                .as("the line stays its application's: get returns the administrator's value")
                .isEqualTo("pbx.other.example");

        assertThat(postJson(admin + "outgoing", Map.of("CONFIG_ID", second)).status())
                .isEqualTo(200);
        assertThat(outgoing()).isEqualTo(portal.lineIdOf(second));

        assertThat(send(HttpRequest.newBuilder(URI.create(admin + "lines/" + second))
                                .DELETE()
                                .build())
                        .status())
                .isEqualTo(200);
        assertThat(portal.lines()).extracting(l -> l.configId()).containsExactly(first);
        assertThat(outgoing()).isEqualTo(portal.lineIdOf(first));
        assertThat(postJson(admin + "lines/" + second, Map.of("SERVER", "x.example"))
                        .status())
                .isEqualTo(400);
    }
}
