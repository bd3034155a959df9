package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.ApiActivity;
import io.github.b24sip.camel.HealthProbe;
import io.github.b24sip.camel.SharedResources;
import io.github.b24sip.camel.bitrix24.client.Bitrix24RestClient;
import io.github.b24sip.camel.bitrix24.client.Credentials;
import io.github.b24sip.camel.bitrix24.client.OAuthTokenManager;
import io.github.b24sip.camel.bitrix24.client.PortalAddress;
import io.github.b24sip.camel.bitrix24.client.SipApi;
import io.github.b24sip.camel.bitrix24.model.ConnectorStatus;
import io.github.b24sip.camel.bitrix24.sync.LineSync;
import io.github.b24sip.camel.call.CallTracer;
import io.github.b24sip.camel.status.StatusPollEndpoint;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Manage the SIP lines of a Bitrix24 portal (the voximplant.sip REST methods) and poll their registration statuses.
 */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "bitrix24-sip",
        title = "Bitrix24 SIP",
        syntax = "bitrix24-sip:operation",
        category = {Category.CLOUD, Category.API},
        headersClass = Bitrix24SipConstants.class)
public class Bitrix24SipEndpoint extends StatusPollEndpoint {

    @UriPath(description = "The operation to perform")
    @Metadata(required = true)
    private Bitrix24SipOperation operation;

    @UriParam
    private Bitrix24SipConfiguration configuration;

    @UriParam(
            label = "advanced",
            description =
                    "A java.net.http.HttpClient to use instead of one built from the " + "timeout and TLS options")
    private HttpClient httpClient;

    private SipApi api;
    private LineSync sync;

    public Bitrix24SipEndpoint(
            String uri,
            Bitrix24SipComponent component,
            Bitrix24SipOperation operation,
            Bitrix24SipConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new Bitrix24SipProducer(this);
    }

    /** Only {@code bitrix24-sip:status} has a consumer: it polls the registration statuses. */
    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (operation != Bitrix24SipOperation.status) {
            throw new IllegalArgumentException(
                    "bitrix24-sip: only 'status' can be consumed (from(\"bitrix24-sip:status?delay=30000\")), not '"
                            + operation + "'");
        }
        return scheduled(new Bitrix24SipConsumer(this, processor));
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Bitrix24SipComponent component = (Bitrix24SipComponent) getComponent();
        PortalAddress portal = PortalAddress.of(configuration.getPortalUrl());
        Credentials credentials = Bitrix24SipComponent.credentials(configuration);
        SharedResources shared = SharedResources.of(getCamelContext());
        HttpClient http = httpClient != null
                ? httpClient
                : shared.httpClient(configuration.getConnectTimeout(), configuration.getSslContextParameters());
        OAuthTokenManager tokens = credentials instanceof Credentials.OAuth oauth
                ? component.tokenManager(portal, oauth, configuration)
                : null;
        Bitrix24RestClient client = new Bitrix24RestClient(
                portal,
                credentials,
                tokens,
                component.pacer(portal, configuration),
                http,
                Duration.ofMillis(configuration.getRequestTimeout()),
                configuration.getMaxRetries());
        CallTracer tracer = CallTracer.of(getCamelContext());
        client.tracedBy(tracer);
        // the chunks of one call stay within maxConcurrentRequests through the portal's pacer, whatever the pool
        api = new SipApi(client, tracer.propagating(shared.batchExecutor()));
        sync = new LineSync(api);
    }

    SipApi api() {
        return api;
    }

    @Override
    public Bitrix24SipComponent getComponent() {
        return (Bitrix24SipComponent) super.getComponent();
    }

    /** The portal's host, as logs, health checks and metrics name it (never its URL's secrets: it has none). */
    String portalHost() {
        return PortalAddress.of(configuration.getPortalUrl()).origin().getAuthority();
    }

    /** What the portal's connector status probe says, from its cache unless the last reading is too old. */
    HealthProbe.Reading<ConnectorStatus> connectorReading() {
        return getComponent().connectorProbe(portalKey()).read(() -> api.connectorStatus());
    }

    /** The portal's activity (last poll, last error), for the dev console. */
    @Override
    public ApiActivity activity() {
        return getComponent().activity(portalKey());
    }

    private String portalKey() {
        return PortalAddress.of(configuration.getPortalUrl()).toString();
    }

    LineSync sync() {
        return sync;
    }

    public Bitrix24SipOperation getOperation() {
        return operation;
    }

    /** The operation to perform. */
    public void setOperation(Bitrix24SipOperation operation) {
        this.operation = operation;
    }

    public Bitrix24SipConfiguration getConfiguration() {
        return configuration;
    }

    /** The endpoint's options. */
    public void setConfiguration(Bitrix24SipConfiguration configuration) {
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
