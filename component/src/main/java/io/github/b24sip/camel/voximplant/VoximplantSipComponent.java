package io.github.b24sip.camel.voximplant;

import io.github.b24sip.camel.ApiActivity;
import io.github.b24sip.camel.HealthProbe;
import io.github.b24sip.camel.SipComponentSupport;
import io.github.b24sip.camel.voximplant.client.JwtSigner;
import io.github.b24sip.camel.voximplant.client.PlatformApiClient;
import io.github.b24sip.camel.voximplant.client.ServiceAccountCredentials;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Manage Voximplant SIP registrations; endpoints of one service-account key share its cached token. */
@Component("voximplant-sip")
public class VoximplantSipComponent extends SipComponentSupport {

    @Metadata(description = "The shared configuration; every option can also be set on the endpoint")
    private VoximplantSipConfiguration configuration = new VoximplantSipConfiguration();

    @Metadata(
            label = "advanced",
            defaultValue = "60000",
            javaType = "java.time.Duration",
            description = "How long a producer health check's reading of the account is reused: at most one "
                    + "GetSipRegistrations request (for one registration) per account per interval, however often the "
                    + "health checks run")
    private long healthCheckInterval = 60_000;

    private final Map<String, JwtSigner> signers = new ConcurrentHashMap<>();
    private final Map<String, HealthProbe<Integer>> probes = new ConcurrentHashMap<>();
    private final Map<String, ApiActivity> activities = new ConcurrentHashMap<>();
    private final Map<String, Set<PlatformApiClient>> clients = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        VoximplantSipOperation operation;
        try {
            operation = VoximplantSipOperation.valueOf(remaining);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown voximplant-sip operation '" + remaining + "'; use one of "
                    + Arrays.toString(VoximplantSipOperation.values()));
        }
        VoximplantSipEndpoint endpoint = new VoximplantSipEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        VoximplantSipConfiguration c = endpoint.getConfiguration();
        if (c.getSslContextParameters() == null) {
            c.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        int kinds = (c.getCredentialsFile() != null ? 1 : 0)
                + (c.getCredentials() != null ? 1 : 0)
                + (c.getApiKey() != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException(
                    "voximplant-sip: give exactly one of credentialsFile, credentials, or accountId with apiKey");
        }
        if (c.getApiKey() != null && c.getAccountId() == null) {
            throw new IllegalArgumentException("voximplant-sip: apiKey needs accountId");
        }
        return endpoint;
    }

    /** One signer per service-account key, so every endpoint of the key reuses its token. */
    JwtSigner signer(ServiceAccountCredentials credentials, int lifetimeSeconds) {
        return signers.computeIfAbsent(
                credentials.accountId() + "/" + credentials.keyId(),
                k -> new JwtSigner(credentials, Duration.ofSeconds(lifetimeSeconds), Clock.systemUTC()));
    }

    /** One probe per account, so every producer health check of the account shares its cached reading. */
    HealthProbe<Integer> probe(String accountId) {
        return probes.computeIfAbsent(
                accountId, k -> new HealthProbe<>(Duration.ofMillis(healthCheckInterval), System::nanoTime));
    }

    /** The account's last poll and last error, for the dev console. */
    ApiActivity activity(String accountId) {
        return activities.computeIfAbsent(accountId, k -> new ApiActivity());
    }

    /** An endpoint's client of the account, counted in the account's requests while the endpoint runs. */
    void started(String accountId, PlatformApiClient client) {
        clients.computeIfAbsent(accountId, k -> ConcurrentHashMap.newKeySet()).add(client);
    }

    void stopped(String accountId, PlatformApiClient client) {
        Set<PlatformApiClient> of = clients.get(accountId);
        if (of != null) {
            of.remove(client);
        }
    }

    /** Every account an endpoint of this component has called, for the dev console. */
    public List<AccountSnapshot> accounts() {
        List<AccountSnapshot> accounts = new ArrayList<>();
        for (String account : new TreeSet<>(clients.keySet())) {
            HealthProbe.Reading<Integer> reading = probe(account).last();
            ApiActivity activity = activity(account);
            accounts.add(new AccountSnapshot(
                    account,
                    clients.getOrDefault(account, Set.of()).stream()
                            .mapToLong(PlatformApiClient::requestCount)
                            .sum(),
                    reading == null ? null : reading.at(),
                    reading == null ? null : reading.ok(),
                    activity.lastPoll(),
                    activity.lastPollFailureAt(),
                    activity.lastErrorAt(),
                    activity.lastError()));
        }
        return accounts;
    }

    public long getHealthCheckInterval() {
        return healthCheckInterval;
    }

    /**
     * How long a producer health check's reading of the account is reused: at most one GetSipRegistrations request
     * (for one registration) per account per interval, however often the health checks run.
     */
    public void setHealthCheckInterval(long healthCheckInterval) {
        this.healthCheckInterval = healthCheckInterval;
    }

    public VoximplantSipConfiguration getConfiguration() {
        return configuration;
    }

    /** The shared configuration; every option can also be set on the endpoint. */
    public void setConfiguration(VoximplantSipConfiguration configuration) {
        this.configuration = configuration;
    }
}
