package io.github.b24sip.example;

import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keeps the portal's lines in step with a JSON file once at start-up ({@code bitrix24-sip:sync}), then logs each
 * registration status change ({@code bitrix24-sip:status}). The component itself is configured by the starter from
 * {@code camel.component.bitrix24-sip.*}: no endpoint here names a portal or a credential.
 */
@Component
public class LineRoutes extends RouteBuilder {

    private final Resource desiredLines;

    public LineRoutes(@Value("${example.lines}") Resource desiredLines) {
        this.desiredLines = desiredLines;
    }

    @Override
    public void configure() {
        from("timer:sync?repeatCount=1&delay=500")
                .routeId("sync-lines")
                .process(e -> e.getMessage()
                        .setBody(new String(desiredLines.getContentAsByteArray(), StandardCharsets.UTF_8)))
                .to("bitrix24-sip:sync")
                .process(e -> {
                    SyncReport report = e.getMessage().getBody(SyncReport.class);
                    e.getMessage()
                            .setBody(String.format(
                                    "synced: %d created, %d updated, %d unchanged, %d failed, in %d requests",
                                    report.created(),
                                    report.updated(),
                                    report.unchanged(),
                                    report.failed(),
                                    report.requests()));
                })
                .to("log:io.github.b24sip.example.sync")
                .to("direct:lines");

        from("direct:lines")
                .routeId("read-lines")
                // no body: every line the webhook's user sees (a Map body would be a filter)
                .process(e -> e.getMessage().setBody(null))
                .to("bitrix24-sip:get")
                .process(e -> {
                    List<?> lines = e.getMessage().getBody(List.class);
                    e.getMessage()
                            .setBody("the portal has " + lines.size() + " lines: "
                                    + lines.stream()
                                            .map(l -> ((SipLine) l).title())
                                            .toList());
                })
                .to("log:io.github.b24sip.example.lines");

        from("bitrix24-sip:status?delay={{example.status-delay}}")
                .routeId("line-status")
                .process(e -> {
                    SipLineStatusEvent event = e.getMessage().getBody(SipLineStatusEvent.class);
                    e.getMessage().setBody(event.title() + ": " + event.statusResult());
                })
                .to("log:io.github.b24sip.example.status");
    }
}
