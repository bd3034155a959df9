package io.github.b24sip.camel.voximplant;

import io.github.b24sip.camel.ApiActivity;
import io.github.b24sip.camel.HealthProbe;
import io.github.b24sip.camel.SecureUris;
import io.github.b24sip.camel.SharedResources;
import io.github.b24sip.camel.call.CallTracer;
import io.github.b24sip.camel.status.StatusPollEndpoint;
import io.github.b24sip.camel.voximplant.client.JwtSigner;
import io.github.b24sip.camel.voximplant.client.PlatformApiClient;
import io.github.b24sip.camel.voximplant.client.RegistrationPages;
import io.github.b24sip.camel.voximplant.client.ServiceAccountCredentials;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Manage the SIP registrations of a Voximplant account through the Management API (platform_api), and follow their
 * states ({@code from("voximplant-sip:registrations")}).
 */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "voximplant-sip",
        title = "Voximplant SIP",
        syntax = "voximplant-sip:operation",
        category = {Category.CLOUD, Category.API},
        headersClass = VoximplantSipConstants.class)
public class VoximplantSipEndpoint extends StatusPollEndpoint {

    @UriPath(description = "The operation to perform")
    @Metadata(required = true)
    private VoximplantSipOperation operation;

    @UriParam
    private VoximplantSipConfiguration configuration;

    @UriParam(
            label = "advanced",
            description =
                    "A java.net.http.HttpClient to use instead of one built from the " + "timeout and TLS options")
    private HttpClient httpClient;

    private PlatformApiClient client;
    private String accountId;

    public VoximplantSipEndpoint(
            String uri,
            VoximplantSipComponent component,
            VoximplantSipOperation operation,
            VoximplantSipConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        if (operation == VoximplantSipOperation.registrations) {
            throw new IllegalArgumentException("voximplant-sip: 'registrations' is the consumer (from(\"voximplant-sip:"
                    + "registrations?delay=30000\")); a route sends to getSipRegistrations to read them");
        }
        return new VoximplantSipProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (operation != VoximplantSipOperation.registrations) {
            throw new IllegalArgumentException(
                    "voximplant-sip: only 'registrations' can be consumed (from(\"voximplant-sip:registrations?delay="
                            + "30000\")), not '" + operation + "'");
        }
        return scheduled(new VoximplantSipConsumer(this, processor));
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        URI apiUrl = URI.create(configuration.getApiUrl().replaceAll("/+$", ""));
        if (!SecureUris.httpsOrLoopback(apiUrl)) {
            throw new IllegalArgumentException(
                    "voximplant-sip: apiUrl must be https:// (plain http:// only to a loopback address)");
        }
        HttpClient http = httpClient != null
                ? httpClient
                : SharedResources.of(getCamelContext())
                        .httpClient(configuration.getConnectTimeout(), configuration.getSslContextParameters());
        JwtSigner signer = null;
        if (configuration.getApiKey() == null) {
            ServiceAccountCredentials credentials = configuration.getCredentialsFile() != null
                    ? ServiceAccountCredentials.fromFile(Path.of(configuration.getCredentialsFile()))
                    : ServiceAccountCredentials.fromJson(configuration.getCredentials());
            signer = getComponent().signer(credentials, configuration.getTokenLifetime());
            accountId = String.valueOf(credentials.accountId());
        } else {
            accountId = configuration.getAccountId();
        }
        client = new PlatformApiClient(
                        apiUrl,
                        signer,
                        configuration.getAccountId(),
                        configuration.getApiKey(),
                        http,
                        Duration.ofMillis(configuration.getRequestTimeout()),
                        configuration.getMaxRetries())
                .tracedBy(CallTracer.of(getCamelContext()));
        getComponent().started(accountId, client);
    }

    @Override
    protected void doStop() throws Exception {
        if (client != null) {
            getComponent().stopped(accountId, client);
        }
        super.doStop();
    }

    @Override
    public VoximplantSipComponent getComponent() {
        return (VoximplantSipComponent) super.getComponent();
    }

    /** What the account's health probe says, from its cache unless the last reading is too old: one registration. */
    HealthProbe.Reading<Integer> accountReading() {
        return getComponent()
                .probe(accountId)
                .read(() -> RegistrationPages.page(client, Map.of("count", "1")).size());
    }

    /** The account's last poll and last error, for the dev console. */
    @Override
    public ApiActivity activity() {
        return getComponent().activity(accountId);
    }

    PlatformApiClient client() {
        return client;
    }

    /** The account this endpoint manages: the service account's, or the legacy accountId. */
    String accountId() {
        return accountId;
    }

    public VoximplantSipOperation getOperation() {
        return operation;
    }

    /** The operation to perform. */
    public void setOperation(VoximplantSipOperation operation) {
        this.operation = operation;
    }

    public VoximplantSipConfiguration getConfiguration() {
        return configuration;
    }

    /** The endpoint's options. */
    public void setConfiguration(VoximplantSipConfiguration configuration) {
        this.configuration = configuration;
    }

    public HttpClient getHttpClient() {
        return httpClient;
    }

    /** A java.net.http.HttpClient to use instead of one built from the timeout and TLS options. */
    public void setHttpClient(HttpClient httpClient) {
        this.httpClient = httpClient;
    }
}
