package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.github.b24sip.simulator.PortalConfig;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The default outgoing line's operations, and the status consumer's snapshot: every cloud line a poll read, at no extra
 * request.
 */
class Bitrix24SipOutgoingAndSnapshotTest extends Bitrix24SipTestSupport {

    @Test
    void readsAndSetsTheDefaultOutgoingLineByLineIdAndByConfigId() throws Exception {
        startSimulator(PortalConfig.portal("demo").rateLimit(null));
        startCamel(c -> c.setRateLimitPlan(RateLimitPlan.none));
        assertThat(template.requestBody("bitrix24-sip:outgoingGet", null, String.class))
                .isEqualTo("LINK_BASE_NUMBER");
        SipLine first = template.requestBody(
                "bitrix24-sip:add", SipLineSpec.cloud("first", "sip.example.com", "l", "p"), SipLine.class);
        SipLine second = template.requestBody(
                "bitrix24-sip:add", SipLineSpec.office("second", "pbx.example.com", "l", "p"), SipLine.class);
        assertThat(template.requestBody("bitrix24-sip:outgoingGet", null, String.class))
                .as("the portal made the first line its default")
                .isEqualTo(first.lineId());

        template.requestBodyAndHeader(
                "bitrix24-sip:outgoingSipSet", null, Bitrix24SipConstants.CONFIG_ID, second.configId());
        assertThat(journal()
                        .entries("demo")
                        .get(journal().entries("demo").size() - 1)
                        .params())
                .containsEntry("CONFIG_ID", second.configId());
        assertThat(portal.outgoingLine()).isEqualTo(second.lineId()).isEqualTo(portal.lineIdOf(second.configId()));

        template.requestBody("bitrix24-sip:outgoingSet", first.lineId());
        assertThat(portal.outgoingLine()).isEqualTo(first.lineId());

        assertThatThrownBy(() -> template.requestBody("bitrix24-sip:outgoingSipSet", 424242))
                .hasRootCauseInstanceOf(Bitrix24SipException.class)
                .rootCause()
                .satisfies(e ->
                        assertThat(((Bitrix24SipException) e).getErrorCode()).isEqualTo("ERROR_ARGUMENT"));
    }

    @Test
    void aSnapshotEndsEachPollWithEveryCloudLineAndCostsNoRequest() throws Exception {
        startSimulator(PortalConfig.portal("demo").rateLimit(null));
        portal.addLine("", "cloud", "cloud", "sip.example.com", "l", "p");
        portal.addLine("", "office", "office", "pbx.example.com", "l", "p");
        startCamel(c -> c.setRateLimitPlan(RateLimitPlan.none));
        List<Object> bodies = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("bitrix24-sip:status?delay=20&initialDelay=0&emitSnapshot=true")
                        .process(e -> bodies.add(
                                Boolean.TRUE.equals(e.getMessage().getHeader(Bitrix24SipConstants.SNAPSHOT))
                                        ? e.getMessage().getBody(List.class)
                                        : e.getMessage().getBody(SipLineStatusEvent.class)));
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> bodies.size() >= 3);
        assertThat(bodies.get(0)).isInstanceOf(SipLineStatusEvent.class);
        assertThat(bodies.get(1))
                .as("the snapshot follows the status changes it explains")
                .isInstanceOf(List.class)
                .asList()
                .extracting(l -> ((SipLine) l).title())
                .as("the cloud lines the poll read; office lines have no registration to poll")
                .containsExactly("cloud");
        context.getRouteController().stopAllRoutes();
        long polls = journal().countRequests("demo", "voximplant.sip.get");
        long snapshots = bodies.stream().filter(List.class::isInstance).count();
        assertThat(snapshots).as("one snapshot per poll").isBetween(polls - 1, polls);
        assertThat(journal().entries("demo"))
                .as("the poll reads lines and statuses, nothing else")
                .allSatisfy(e -> assertThat(e.method()).isIn("voximplant.sip.get", "voximplant.sip.status", "batch"));
    }
}
