package io.github.b24sip.simulator;

import io.github.b24sip.simulator.PortalConfig.BatchOperatingAttribution;
import io.github.b24sip.simulator.registration.RegistrationRule;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The settings of a portal as it runs: an immutable snapshot of a {@link PortalConfig}. */
public record PortalSettings(
        String name,
        int httpsPort,
        int httpPort,
        boolean plainHttp,
        boolean requireHttps,
        List<Webhook> webhooks,
        List<OAuthApp> apps,
        RateLimit rateLimit,
        Duration operatingLimit,
        Duration operatingBan,
        Duration operatingWindow,
        Map<String, Duration> processingTime,
        Duration defaultProcessingTime,
        BatchOperatingAttribution batchAttribution,
        int maxCloudPbx,
        Set<String> requiredAddFields,
        Duration registrationWait,
        Duration registrationProgress,
        RegistrationRule registrationRule,
        boolean cloudMode,
        Map<String, Integer> errorStatus,
        boolean connectorPaid,
        int connectorFreeMinutes,
        boolean reversedAnswers) {

    static PortalSettings of(PortalConfig c) {
        return new PortalSettings(
                c.name,
                c.httpsPort,
                c.httpPort,
                c.plainHttp,
                c.requireHttps,
                List.copyOf(c.effectiveWebhooks()),
                List.copyOf(c.apps),
                c.rateLimit,
                c.operatingLimit,
                c.operatingBan,
                c.operatingWindow,
                Map.copyOf(c.processingTime),
                c.defaultProcessingTime,
                c.batchAttribution,
                c.maxCloudPbx,
                Set.copyOf(c.requiredAddFields),
                c.registrationWait,
                c.registrationProgress,
                c.registrationRule,
                c.cloudMode,
                Map.copyOf(c.errorStatus),
                c.connectorPaid,
                c.connectorFreeMinutes,
                c.reversedAnswers);
    }

    /** Simulated server time of one call of a (lower-case) method. */
    public Duration processingTimeOf(String method) {
        return processingTime.getOrDefault(method, defaultProcessingTime);
    }
}
