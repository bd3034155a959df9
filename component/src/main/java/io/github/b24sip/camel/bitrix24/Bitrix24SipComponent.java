package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.ApiActivity;
import io.github.b24sip.camel.HealthProbe;
import io.github.b24sip.camel.SecureUris;
import io.github.b24sip.camel.SipComponentSupport;
import io.github.b24sip.camel.bitrix24.client.Credentials;
import io.github.b24sip.camel.bitrix24.client.OAuthTokenManager;
import io.github.b24sip.camel.bitrix24.client.PortalAddress;
import io.github.b24sip.camel.bitrix24.client.RequestPacer;
import io.github.b24sip.camel.bitrix24.model.ConnectorStatus;
import io.github.b24sip.camel.bitrix24.spi.InMemoryTokenStore;
import io.github.b24sip.camel.bitrix24.support.PortalCredentials;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Manage Bitrix24 SIP lines (voximplant.sip.*). Holds the defaults every endpoint starts from, and what endpoints of
 * one portal share: its pacer (bucket, operating time, requests in flight) and each application's tokens.
 */
@Component("bitrix24-sip")
public class Bitrix24SipComponent extends SipComponentSupport {

    @Metadata(description = "The shared configuration; every option can also be set on the endpoint")
    private Bitrix24SipConfiguration configuration = new Bitrix24SipConfiguration();

    private final Map<String, RequestPacer> pacers = new ConcurrentHashMap<>();
    private final Map<String, OAuthTokenManager> tokenManagers = new ConcurrentHashMap<>();
    private final Map<String, HealthProbe<ConnectorStatus>> probes = new ConcurrentHashMap<>();
    private final Map<String, ApiActivity> activities = new ConcurrentHashMap<>();
    private final InMemoryTokenStore defaultTokenStore = new InMemoryTokenStore();

    @Metadata(
            label = "advanced",
            defaultValue = "60000",
            javaType = "java.time.Duration",
            description = "How long a producer health check's reading of the portal's connector status is reused: at "
                    + "most one voximplant.sip.connector.status request per portal per interval, however often the "
                    + "health checks run")
    private long healthCheckInterval = 60_000;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Bitrix24SipOperation operation;
        try {
            operation = Bitrix24SipOperation.valueOf(remaining);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown bitrix24-sip operation '" + remaining + "'; use one of "
                    + Arrays.toString(Bitrix24SipOperation.values()));
        }
        Bitrix24SipEndpoint endpoint = new Bitrix24SipEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        Bitrix24SipConfiguration config = endpoint.getConfiguration();
        if (config.getSslContextParameters() == null) {
            config.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        PortalAddress.of(config.getPortalUrl());
        oauthServer(config.getOauthServerUrl());
        credentials(config);
        return endpoint;
    }

    /**
     * The OAuth server gets the client secret and the refresh token: https, or plain http to a loopback address only,
     * checked as the portal's URL is ({@link SecureUris}).
     */
    static void oauthServer(String oauthServerUrl) {
        if (oauthServerUrl == null || oauthServerUrl.isBlank()) {
            return;
        }
        try {
            SecureUris.credentialsUrl(oauthServerUrl);
        } catch (IllegalArgumentException e) {
            throw new Bitrix24SipValidationException("oauthServerUrl", e.getMessage());
        }
    }

    /** The credentials the options describe; fails naming what is missing ({@link PortalCredentials}). */
    static Credentials credentials(Bitrix24SipConfiguration c) {
        PortalCredentials.Kind kind;
        try {
            kind = PortalCredentials.check(
                    option -> switch (option) {
                        case USER_ID -> c.getUserId();
                        case TOKEN -> c.getToken();
                        case CLIENT_ID -> c.getClientId();
                        case CLIENT_SECRET -> c.getClientSecret();
                        case ACCESS_TOKEN -> c.getAccessToken();
                        case REFRESH_TOKEN -> c.getRefreshToken();
                    },
                    c.getTokenStore() != null);
        } catch (PortalCredentials.Refused e) {
            throw new IllegalArgumentException("bitrix24-sip: " + e.getMessage());
        }
        return kind == PortalCredentials.Kind.WEBHOOK
                ? new Credentials.Webhook(c.getUserId().trim(), c.getToken().trim())
                : new Credentials.OAuth(c.getClientId(), c.getClientSecret(), c.getAccessToken(), c.getRefreshToken());
    }

    /** One pacer per portal: the portal's bucket counts every request to it, whoever sends it. */
    RequestPacer pacer(PortalAddress portal, Bitrix24SipConfiguration c) {
        return pacers.computeIfAbsent(portal.toString(), k -> {
            RateLimitPlan plan = c.getRateLimitPlan() == null ? RateLimitPlan.standard : c.getRateLimitPlan();
            int burst = c.getBurstLimit() != null ? c.getBurstLimit() : plan.burst();
            double drain = c.getDrainRate() != null ? c.getDrainRate() : plan.drainRate();
            if (plan == RateLimitPlan.none && c.getBurstLimit() == null) {
                burst = 0;
            }
            RequestPacer pacer = RequestPacer.system(burst, drain, c.getOperatingLimit(), c.getMaxConcurrentRequests());
            if (c.getSharedRateBucket() != null) {
                pacer.useSharedBucket(c.getSharedRateBucket(), portal.toString());
            }
            return pacer;
        });
    }

    /** One token manager per portal and application, so concurrent endpoints share one refresh. */
    OAuthTokenManager tokenManager(PortalAddress portal, Credentials.OAuth oauth, Bitrix24SipConfiguration c) {
        return tokenManagers.computeIfAbsent(
                portal + "|" + oauth.key(),
                k -> new OAuthTokenManager(
                        portal.toString(),
                        oauth,
                        c.getOauthServerUrl(),
                        c.getTokenStore() != null ? c.getTokenStore() : defaultTokenStore));
    }

    /** How many requests of this component's endpoints have waited for a portal's bucket or operating budget. */
    public long rateLimitWaits() {
        return pacers.values().stream().mapToLong(RequestPacer::waitCount).sum();
    }

    /**
     * True when an OAuth application of this component had its refresh token refused by the OAuth server: it must be
     * authorized (installed) again before its portal can be called.
     */
    public boolean authorizationRefused() {
        return tokenManagers.values().stream().anyMatch(OAuthTokenManager::refreshRefused);
    }

    /** When a status consumer of this component last read its portal's statuses; empty before the first time. */
    public Optional<Instant> lastStatusPoll() {
        return activities.values().stream()
                .map(ApiActivity::lastPoll)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder());
    }

    ApiActivity activity(String portalKey) {
        return activities.computeIfAbsent(portalKey, k -> new ApiActivity());
    }

    /** One probe per portal, so every producer health check of the portal shares its cached reading. */
    HealthProbe<ConnectorStatus> connectorProbe(String portalKey) {
        return probes.computeIfAbsent(
                portalKey, k -> new HealthProbe<>(Duration.ofMillis(healthCheckInterval), System::nanoTime));
    }

    /** Every portal this component has called, for the dev console. */
    public List<PortalSnapshot> portals() {
        List<PortalSnapshot> portals = new ArrayList<>();
        new TreeSet<>(pacers.keySet()).forEach(key -> {
            RequestPacer pacer = pacers.get(key);
            List<OAuthTokenManager> apps = tokenManagers.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(key + "|"))
                    .map(Map.Entry::getValue)
                    .toList();
            ApiActivity activity = activity(key);
            portals.add(new PortalSnapshot(
                    URI.create(key).getAuthority(),
                    pacer.level(),
                    pacer.requests(),
                    pacer.waitCount(),
                    apps.isEmpty() ? "webhook" : "oauth",
                    apps.stream()
                            .map(OAuthTokenManager::accessTokenExpiresAt)
                            .filter(Objects::nonNull)
                            .min(Comparator.naturalOrder())
                            .orElse(null),
                    apps.stream().anyMatch(OAuthTokenManager::refreshRefused),
                    activity.lastPoll(),
                    activity.lastPollFailureAt(),
                    activity.lastErrorAt(),
                    activity.lastError()));
        });
        return portals;
    }

    public long getHealthCheckInterval() {
        return healthCheckInterval;
    }

    /**
     * How long a producer health check's reading of the portal's connector status is reused: at most one
     * voximplant.sip.connector.status request per portal per interval, however often the health checks run.
     */
    public void setHealthCheckInterval(long healthCheckInterval) {
        this.healthCheckInterval = healthCheckInterval;
    }

    public Bitrix24SipConfiguration getConfiguration() {
        return configuration;
    }

    /** The shared configuration; every option can also be set on the endpoint. */
    public void setConfiguration(Bitrix24SipConfiguration configuration) {
        this.configuration = configuration;
    }
}
