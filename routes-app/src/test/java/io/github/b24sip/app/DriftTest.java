package io.github.b24sip.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.SipLineView;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Desired state held: lines declared by CSV rows are compared with what each status poll reads. An administrator's
 * edit is reported once as drift naming the field, never its value, and changes nothing under {@code observe}; under
 * {@code repair} the declared values are put back, a deleted line is made again, an unregistered one deleted and
 * added, and a line changed back after every repair is suspended after 3 repairs with one event; {@code off} reports
 * nothing.
 */
@QuarkusTest
class DriftTest extends AppTestSupport {

    private static final Path EVENTS = SimulatorResource.workDir().resolve("events/status.jsonl");

    /** The drift events of a portal's line, in order, as the JSON-lines sink wrote them. */
    private static List<JsonNode> driftEvents(String portal, String title) {
        try {
            if (!Files.exists(EVENTS)) {
                return List.of();
            }
            return Files.readAllLines(EVENTS).stream()
                    .filter(l -> l.contains("\"kind\":\"drift\""))
                    .map(KafkaCommandsTest::json)
                    .filter(j -> j.path("portal").asText().equals(portal)
                            && j.path("title").asText().equals(title))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> kinds(String portal, String title) {
        return driftEvents(portal, title).stream()
                .map(j -> j.path("drift").asText())
                .toList();
    }

    private static SipLineView line(String portal, String title) {
        List<SipLineView> lines = SimulatorResource.portal(portal).linesTitled(title);
        return lines.isEmpty() ? null : lines.get(0);
    }

    private static SipLineView declare(String portal, String title, String server) {
        drop(
                title + ".csv",
                "portal,title,type,server,login,password\n" + portal + "," + title + ",cloud," + server
                        + ",acc-1,drift-secret\n");
        await().atMost(WAIT).until(() -> line(portal, title) != null);
        return line(portal, title);
    }

    /** Waits for three more polls of the portal, so "nothing more happened" means something. */
    private static void awaitPolls(String portal) {
        long polls = gets(portal);
        await().atMost(WAIT).until(() -> gets(portal) >= polls + 3);
    }

    private static long gets(String portal) {
        return SimulatorResource.simulator().journal().countRequests(portal, "voximplant.sip.get");
    }

    @Test
    void anAdministratorsEditIsReportedOnceByFieldNameAndChangesNothingUnderObserve() throws Exception {
        String title = unique("drift-observe");
        BitrixPortal portal = SimulatorResource.portal("watched");
        SipLineView line = declare("watched", title, "sip.example.com");
        awaitPolls("watched");
        long writes = writesTo("watched");

        portal.editLine(line.configId(), Map.of("SERVER", "pbx.admin-choice.example"));
        await().atMost(WAIT).until(() -> kinds("watched", title).contains("changed"));
        awaitPolls("watched");

        List<JsonNode> events = driftEvents("watched", title);
        assertThat(events).as("reported once, not once per poll").hasSize(1);
        JsonNode changed = events.get(0);
        assertThat(changed.path("configId").asInt()).isEqualTo(line.configId());
        assertThat(changed.path("fields")).extracting(JsonNode::asText).containsExactly("server");
        assertThat(changed.path("policy").asText()).isEqualTo("observe");
        assertThat(changed.path("declaredBy").asText()).isEqualTo(title + ".csv row 2");
        assertThat(changed.toString()).doesNotContain("admin-choice").doesNotContain("sip.example.com");
        assertThat(writesTo("watched")).as("observe writes nothing").isEqualTo(writes);
        assertThat(line("watched", title).server()).isEqualTo("pbx.admin-choice.example");

        // where people look: the portal's page marks the line (kind and field, not the value), the gauge counts it
        String page =
                api().get("/portals/watched").then().statusCode(200).extract().asString();
        assertThat(page)
                .contains("Drift policy: observe")
                .containsPattern(
                        "<td>" + title + "</td><td>" + line.configId() + "</td><td>changed</td><td>server</td>")
                .doesNotContain("admin-choice");
        assertThat(api().get("/q/metrics").asString())
                .containsPattern("b24sip_drift_lines\\{[^}]*kind=\"changed\"[^}]*portal=\"watched\"[^}]*} 1\\.0");

        // the plan says what a sync would write, and the declaration where each line came from
        JsonNode plan = JSON.readTree(api().get("/api/portals/watched/plan").asString());
        assertThat(plan.path("dryRun").asBoolean()).isTrue();
        assertThat(plan.path("items").findValuesAsText("action")).contains("UPDATE");
        String declared = api().get("/api/portals/watched/lines").asString();
        assertThat(declared).contains(title + ".csv row 2").doesNotContain("drift-secret");

        // the administrator puts it back: the drift is resolved
        portal.editLine(line.configId(), Map.of("SERVER", "sip.example.com"));
        await().atMost(WAIT).until(() -> kinds("watched", title).equals(List.of("changed", "resolved")));
    }

    @Test
    void repairPutsTheDeclarationBackMakesADeletedLineAgainAndSuspendsAFight() {
        String title = unique("drift-repair");
        BitrixPortal portal = SimulatorResource.portal("mended");
        SipLineView line = declare("mended", title, "sip.example.com");

        // 1: an edit is put back in one round
        portal.editLine(line.configId(), Map.of("SERVER", "pbx.admin-choice.example"));
        await().atMost(WAIT)
                .until(() -> "sip.example.com".equals(line("mended", title).server())
                        && kinds("mended", title).equals(List.of("changed", "resolved")));

        // 2: a deleted line is missing, then made again
        portal.removeLine(line.configId());
        await().atMost(WAIT)
                .until(() -> line("mended", title) != null
                        && kinds("mended", title).equals(List.of("changed", "resolved", "missing", "resolved")));
        SipLineView again = line("mended", title);
        assertThat(again.configId()).isNotEqualTo(line.configId());
        assertThat(again.password()).as("made again with the declared password").isEqualTo("drift-secret");

        // 3: the third repair within the hour
        portal.editLine(again.configId(), Map.of("LOGIN", "admin-login"));
        await().atMost(WAIT)
                .until(() -> "acc-1".equals(line("mended", title).login())
                        && kinds("mended", title).size() == 6);

        // 4: the fourth is not repaired: one repair-suspended event, and the administrator's value stays
        portal.editLine(again.configId(), Map.of("LOGIN", "admin-login"));
        await().atMost(WAIT).until(() -> kinds("mended", title).contains("repair-suspended"));
        awaitPolls("mended");
        assertThat(line("mended", title).login()).isEqualTo("admin-login");
        assertThat(kinds("mended", title).stream().filter("repair-suspended"::equals))
                .hasSize(1);
        assertThat(driftEvents("mended", title).toString()).doesNotContain("admin-login");

        // an operator resumes it: repaired again
        assertThat(api().post("/api/portals/mended/drift/resume").statusCode()).isEqualTo(204);
        await().atMost(WAIT).until(() -> "acc-1".equals(line("mended", title).login()));
    }

    @Test
    void anUnregisteredCloudLineIsRepairedByDeleteAndAdd() {
        String title = unique("drift-unreg");
        BitrixPortal portal = SimulatorResource.portal("mended");
        portal.refuseRegistrations(true);
        SipLineView line;
        try {
            line = declare("mended", title, "sip.example.com");
            assertThat(line.regId()).isZero();
        } finally {
            portal.refuseRegistrations(false);
        }
        await().atMost(WAIT)
                .until(() ->
                        line("mended", title) != null && line("mended", title).regId() > 0);
        assertThat(line("mended", title).configId()).as("deleted and added").isNotEqualTo(line.configId());
        assertThat(kinds("mended", title)).startsWith("unregistered");
    }

    @Test
    void theDeclaredDefaultOutgoingLineIsSetByItsRowAndPutBackUnderRepair() {
        String first = unique("drift-out-a");
        String second = unique("drift-out-b");
        BitrixPortal portal = SimulatorResource.portal("mended");
        drop(
                first + ".csv",
                "portal,title,type,server,login,password,outgoing\n"
                        + "mended," + first + ",cloud,sip.example.com,acc-1,out-secret,\n"
                        + "mended," + second + ",cloud,sip.example.com,acc-2,out-secret,yes\n");
        await().atMost(WAIT)
                .until(() -> line("mended", second) != null
                        && portal.outgoingLine()
                                .equals("reg" + line("mended", second).regId()));

        // the administrator makes the other line every user's way out: reported, and put back
        portal.setOutgoingLine("reg" + line("mended", first).regId());
        await().atMost(WAIT)
                .until(() -> kinds("mended", second).equals(List.of("outgoing", "resolved"))
                        && portal.outgoingLine()
                                .equals("reg" + line("mended", second).regId()));
        JsonNode outgoing = driftEvents("mended", second).get(0);
        assertThat(outgoing.path("declaredBy").asText()).isEqualTo(first + ".csv row 3");
        assertThat(kinds("mended", first))
                .as("the other line has no drift of its own")
                .isEmpty();
    }

    @Test
    void offReportsNothing() {
        String title = unique("drift-off");
        BitrixPortal portal = SimulatorResource.portal("ignored");
        SipLineView line = declare("ignored", title, "sip.example.com");
        portal.editLine(line.configId(), Map.of("SERVER", "pbx.admin-choice.example"));
        portal.removeLine(line.configId());
        awaitPolls("ignored");
        awaitPolls("ignored");
        assertThat(driftEvents("ignored", title)).isEmpty();
    }
}
