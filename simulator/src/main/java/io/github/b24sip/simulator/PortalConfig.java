package io.github.b24sip.simulator;

import io.github.b24sip.simulator.registration.RegistrationRule;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One simulated Bitrix24 portal. Defaults follow the seed pages: a cloud-line limit of 5, and TITLE, SERVER, LOGIN,
 * PASSWORD required by {@code voximplant.sip.add}; the standard rate-limit plan; an operating budget of 480 s.
 */
public final class PortalConfig {

    /**
     * Where the operating time of a batch's sub-commands is charged; the docs and a live measurement disagree
     * (docs/api-facts.md, "Limits").
     */
    public enum BatchOperatingAttribution {
        /** Each sub-command to its own method (the docs and the module source). */
        PER_METHOD,
        /** Everything to {@code batch} (measured on a live cloud portal, b24jssdk PR #539). */
        BATCH
    }

    final String name;
    int httpsPort;
    int httpPort;
    boolean plainHttp = true;
    boolean requireHttps;
    final List<Webhook> webhooks = new ArrayList<>();
    final List<OAuthApp> apps = new ArrayList<>();
    RateLimit rateLimit = RateLimit.standard();
    Duration operatingLimit = Duration.ofSeconds(480);
    Duration operatingBan;
    Duration operatingWindow = Duration.ofMinutes(10);
    final Map<String, Duration> processingTime = new HashMap<>();
    Duration defaultProcessingTime = Duration.ZERO;
    BatchOperatingAttribution batchAttribution = BatchOperatingAttribution.PER_METHOD;
    // the module source's defaults (CVoxImplantSip::MAX_CLOUD_PBX, PrepareFields); the seed's are options
    int maxCloudPbx = 10;
    Set<String> requiredAddFields = new LinkedHashSet<>(List.of("SERVER", "LOGIN"));
    Duration registrationWait = Duration.ofSeconds(2);
    Duration registrationProgress = Duration.ofSeconds(3);
    RegistrationRule registrationRule = RegistrationRule.standard();
    boolean cloudMode = true;
    final Map<String, Integer> errorStatus = new HashMap<>();
    boolean connectorPaid = true;
    int connectorFreeMinutes;
    boolean reversedAnswers;

    private PortalConfig(String name) {
        this.name = name;
    }

    public static PortalConfig portal(String name) {
        return new PortalConfig(name);
    }

    public String name() {
        return name;
    }

    /** The HTTPS port (0: any free port). */
    public PortalConfig httpsPort(int port) {
        this.httpsPort = port;
        return this;
    }

    /** The plain-HTTP port on loopback (0: any free port). */
    public PortalConfig httpPort(int port) {
        this.httpPort = port;
        return this;
    }

    /** Whether the plain-HTTP listener runs at all (default true). */
    public PortalConfig plainHttp(boolean enabled) {
        this.plainHttp = enabled;
        return this;
    }

    /** Answer webhook calls over plain HTTP with {@code INVALID_REQUEST} "Https required", as a real portal does. */
    public PortalConfig requireHttps(boolean require) {
        this.requireHttps = require;
        return this;
    }

    /** Adds an incoming webhook; without any, the portal gets one for user 1 with a random code. */
    public PortalConfig webhook(Webhook webhook) {
        webhooks.add(webhook);
        return this;
    }

    public PortalConfig webhook(int userId, String code) {
        return webhook(new Webhook(userId, code));
    }

    /** Installs an OAuth application on the portal. */
    public PortalConfig app(OAuthApp app) {
        apps.add(app);
        return this;
    }

    /** The leaky bucket; null turns it off. */
    public PortalConfig rateLimit(RateLimit limit) {
        this.rateLimit = limit;
        return this;
    }

    /** The operating-time budget per credential and method over ten minutes; null turns it off. */
    public PortalConfig operatingLimit(Duration limit) {
        this.operatingLimit = limit;
        return this;
    }

    /**
     * The current REST module's model of the operating limit: over the limit, the method is banned for {@code ban}
     * (300 s in {@code loadlimiter.php}) and its counted time cleared, and the outer {@code batch} call counts at half
     * weight. Without this call, the sliding window of older modules and the docs.
     */
    public PortalConfig operatingBan(Duration ban) {
        this.operatingBan = ban;
        return this;
    }

    /** The operating limit's window, ten buckets together: ten minutes on a portal; shorter for a quick test. */
    public PortalConfig operatingWindow(Duration window) {
        this.operatingWindow = window;
        return this;
    }

    /** Simulated server time of one call of {@code method}: the response waits that long and it is charged. */
    public PortalConfig processingTime(String method, Duration time) {
        processingTime.put(method.toLowerCase(Locale.ROOT), time);
        return this;
    }

    /** Simulated server time of every call without its own {@link #processingTime(String, Duration)}. */
    public PortalConfig processingTime(Duration time) {
        this.defaultProcessingTime = time;
        return this;
    }

    public PortalConfig batchOperatingAttribution(BatchOperatingAttribution attribution) {
        this.batchAttribution = attribution;
        return this;
    }

    /** Cloud SIP lines allowed per portal: 10 in the module source (the default), 5 in the seed. */
    public PortalConfig maxCloudPbx(int max) {
        this.maxCloudPbx = max;
        return this;
    }

    /**
     * Fields {@code voximplant.sip.add} requires: the module source's SERVER, LOGIN (the default), or the seed's TITLE,
     * SERVER, LOGIN, PASSWORD.
     */
    public PortalConfig requiredAddFields(String... fields) {
        this.requiredAddFields = new LinkedHashSet<>(List.of(fields));
        return this;
    }

    /** How long a new registration stays {@code wait}, then {@code in_progress}. */
    public PortalConfig registrationDelays(Duration wait, Duration inProgress) {
        this.registrationWait = wait;
        this.registrationProgress = inProgress;
        return this;
    }

    public PortalConfig registrationRule(RegistrationRule rule) {
        this.registrationRule = rule;
        return this;
    }

    /** Cloud portals report {@code operating} and {@code operating_reset_at}; self-hosted ones do not. */
    public PortalConfig cloudMode(boolean cloud) {
        this.cloudMode = cloud;
        return this;
    }

    /** Overrides the HTTP status sent with an error code (e.g. {@code insufficient_scope} → 401 as the source does). */
    public PortalConfig errorStatus(String code, int status) {
        errorStatus.put(code.toLowerCase(Locale.ROOT), status);
        return this;
    }

    /**
     * Answers a batch's sub-results, and each page of rows of a get without SORT, in the reverse of the order asked.
     * Neither order is a contract of the API (a JSON object's keys, rows without an ORDER BY), so a client must join
     * answers to what it asked by key: one that joins them by position attaches them to the wrong lines.
     */
    public PortalConfig reversedAnswers(boolean reversed) {
        this.reversedAnswers = reversed;
        return this;
    }

    public PortalConfig connector(boolean paid, int freeMinutes) {
        this.connectorPaid = paid;
        this.connectorFreeMinutes = freeMinutes;
        return this;
    }

    List<Webhook> effectiveWebhooks() {
        if (!webhooks.isEmpty()) {
            return webhooks;
        }
        return List.of(new Webhook(1, randomCode()));
    }

    static String randomCode() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
