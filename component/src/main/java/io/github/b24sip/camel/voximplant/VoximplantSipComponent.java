package io.github.b24sip.camel.voximplant;

import io.github.b24sip.camel.SipComponentSupport;
import io.github.b24sip.camel.voximplant.client.JwtSigner;
import io.github.b24sip.camel.voximplant.client.ServiceAccountCredentials;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Manage Voximplant SIP registrations; endpoints of one service-account key share its cached token. */
@Component("voximplant-sip")
public class VoximplantSipComponent extends SipComponentSupport {

    @Metadata(description = "The shared configuration; every option can also be set on the endpoint")
    private VoximplantSipConfiguration configuration = new VoximplantSipConfiguration();

    private final Map<String, JwtSigner> signers = new ConcurrentHashMap<>();

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

    public VoximplantSipConfiguration getConfiguration() {
        return configuration;
    }

    /** The shared configuration; every option can also be set on the endpoint. */
    public void setConfiguration(VoximplantSipConfiguration configuration) {
        this.configuration = configuration;
    }
}
