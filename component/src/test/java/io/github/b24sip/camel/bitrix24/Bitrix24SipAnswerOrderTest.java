package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import io.github.b24sip.simulator.PortalConfig;
import io.github.b24sip.simulator.bitrix.SipLineView;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A portal that answers batches and pages in the reverse of the order asked (neither order is a contract of the
 * API): every sync item and every status event still names its own line. A join by position anywhere between the
 * batch engine, the sync and the consumer attaches CONFIG_IDs, REG_IDs and statuses to the wrong titles here.
 */
class Bitrix24SipAnswerOrderTest extends Bitrix24SipTestSupport {

    @BeforeEach
    void start() throws Exception {
        startSimulator(
                PortalConfig.portal("demo").rateLimit(null).maxCloudPbx(100).reversedAnswers(true));
        startCamel(c -> c.setRateLimitPlan(RateLimitPlan.none));
    }

    private Map<Integer, SipLineView> portalLines() {
        return portal.lines().stream().collect(Collectors.toMap(SipLineView::configId, Function.identity()));
    }

    private void assertEachItemNamesItsLine(SyncReport report) {
        Map<Integer, SipLineView> lines = portalLines();
        assertThat(report.failed()).isZero();
        for (SyncItem item : report.items()) {
            if (item.action() != SyncItem.Action.DELETE && item.configId() != null) {
                assertThat(lines.get(item.configId()).title())
                        .as("the line of %s", item)
                        .isEqualTo(item.title());
                assertThat(lines.get(item.configId()).regId())
                        .as("the REG_ID of %s", item)
                        .isEqualTo(item.regId());
            }
        }
    }

    @Test
    void everySyncItemNamesItsOwnLineWhenThePortalAnswersOutOfOrder() {
        List<SipLineSpec> lines = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            lines.add(SipLineSpec.office("line-" + i, "pbx.example.com", "login" + i, "pw" + i));
        }
        SyncReport created = template.requestBody("bitrix24-sip:sync", lines, SyncReport.class);
        assertThat(created.created()).isEqualTo(70);
        assertEachItemNamesItsLine(created);

        // updates, type changes (delete + add), deletes of absent titles and prunes, all in one sync
        List<SipLineSpec> next = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            next.add(
                    i % 3 == 0
                            ? SipLineSpec.office("line-" + i, "pbx" + i + ".example.com", "login" + i, "pw" + i)
                            : i % 3 == 1
                                    ? SipLineSpec.cloud("line-" + i, "sip" + i + ".example.com", "login" + i, "pw")
                                    : lines.get(i));
        }
        Map<Integer, String> titlesBefore =
                portalLines().values().stream().collect(Collectors.toMap(SipLineView::configId, SipLineView::title));
        SyncReport changed = template.requestBodyAndHeader(
                "bitrix24-sip:sync?prune=true",
                next,
                Bitrix24SipConstants.ABSENT_TITLES,
                List.of("line-65", "line-66"),
                SyncReport.class);
        assertThat(changed.updated()).isEqualTo(20);
        assertThat(changed.created()).as("the type changes").isEqualTo(20);
        assertThat(changed.deleted()).isEqualTo(10);
        assertEachItemNamesItsLine(changed);
        changed.items().stream()
                .filter(i -> i.action() == SyncItem.Action.DELETE)
                .forEach(i -> assertThat(titlesBefore.get(i.configId())).isEqualTo(i.title()));
        assertThat(portal.lines()).hasSize(60);
    }

    @Test
    void everyStatusEventNamesItsOwnLineAndRegistration() throws Exception {
        for (int i = 0; i < 60; i++) {
            portal.addLine("", "cloud", "cloud-" + i, i % 2 == 0 ? "sip.example.com" : "pbx.example.invalid", "l", "p");
        }
        List<SipLineStatusEvent> events = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("bitrix24-sip:status?delay=20&initialDelay=0")
                        .process(e -> events.add(e.getMessage().getBody(SipLineStatusEvent.class)));
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> events.size() >= 60);
        Map<Integer, SipLineView> lines = portalLines();
        assertThat(events).allSatisfy(e -> {
            assertThat(lines.get(e.configId()).title()).isEqualTo(e.title());
            assertThat(lines.get(e.configId()).regId())
                    .as("the REG_ID of %s", e.title())
                    .isEqualTo(e.regId());
        });
    }
}
