package io.github.b24sip.springboot;

import io.github.b24sip.camel.bitrix24.RateLimitPlan;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The bitrix24-sip component's options as Spring Boot properties, {@code camel.component.bitrix24-sip.*}: every component
 * option of the component's catalog entry ({@code bitrix24-sip.json}), named in kebab case. Options left unset keep the
 * component's defaults. {@code StarterOptionsTest} fails when an option of the component is missing here.
 */
@ConfigurationProperties(prefix = "camel.component.bitrix24-sip")
public class Bitrix24SipComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Retries after a network error, timeout or 5xx of a call that may be repeated; limit refusals are waited out
     * apart from this.
     */
    private Integer maxRetries = 3;

    /**
     * The portal's origin, e.g. https://example.bitrix24.com. Plain http:// is accepted only for a loopback host.
     */
    private String portalUrl;

    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed as
     * a message and handled by the routing Error Handler. Important: This is only possible if the 3rd party component
     * allows Camel to be alerted if an exception was thrown. Some components handle this internally only, and
     * therefore bridgeErrorHandler is not possible. In other situations we may improve the Camel component to hook
     * into the 3rd party component and make this possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level and
     * ignored.
     */
    private Boolean bridgeErrorHandler = false;

    /**
     * For the status consumer: emit every line on every poll, not only the lines whose status changed.
     */
    private Boolean emitUnchanged = false;

    /**
     * For the status consumer: where the last known status of each line is kept, so a consumer that takes over (after
     * a restart, or on another instance) emits only real changes; in memory by default. A reference to a bean of type
     * StatusStore in the registry: #bean:name.
     */
    private String statusStore;

    /**
     * For sync: return the plan and change nothing.
     */
    private Boolean dryRun = false;

    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed then
     * creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer = false;

    /**
     * For get: ASC or DESC, with sort.
     */
    private String order;

    /**
     * For sync: delete the lines that are not in the desired set (only lines this credential can see).
     */
    private Boolean prune = false;

    /**
     * For get: the field to sort by (e.g. CONFIG_ID or TITLE); the portal sorts only when order is given too.
     */
    private String sort;

    /**
     * For get: fetch only the page at this offset (pages hold 50 lines) instead of all pages.
     */
    private Integer start;

    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;

    /**
     * Overrides the plan's bucket size.
     */
    private Integer burstLimit;

    /**
     * Connect timeout in milliseconds.
     */
    private Integer connectTimeout = 10000;

    /**
     * Overrides the plan's drain rate, in requests per second.
     */
    private Double drainRate;

    /**
     * How long a producer health check's reading of the portal's connector status is reused: at most one
     * voximplant.sip.connector.status request per portal per interval, however often the health checks run. A duration
     * (60s, 2m).
     */
    private Duration healthCheckInterval = Duration.ofMillis(60000);

    /**
     * Requests in flight at once per portal, within the bucket.
     */
    private Integer maxConcurrentRequests = 4;

    /**
     * The portal's operating-time budget per method, in seconds over ten minutes; a method near it waits for the
     * window.
     */
    private Integer operatingLimit = 480;

    /**
     * The portal's rate-limit plan: standard (50, 2 per s), enterprise (250, 5 per s) or none.
     */
    private RateLimitPlan rateLimitPlan = RateLimitPlan.standard;

    /**
     * Time to wait for a response, in milliseconds (the cloud stops a request after 60 s).
     */
    private Integer requestTimeout = 60000;

    /**
     * The portal's leaky bucket shared with other processes calling the same portal (several instances of an app), so
     * that together they stay under its limit; each process keeps its own by default. A reference to a bean of type
     * SharedRateBucket in the registry: #bean:name.
     */
    private String sharedRateBucket;

    /**
     * Used for enabling or disabling all consumer based health checks from this component.
     */
    private Boolean healthCheckConsumerEnabled = true;

    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by
     * default disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled = true;

    /**
     * OAuth app auth: the access token to start with (a stored pair in the tokenStore wins). A secret: set it from the
     * environment, never in a file.
     */
    private String accessToken;

    /**
     * OAuth app auth: the application's client_id.
     */
    private String clientId;

    /**
     * OAuth app auth: the application's client_secret, sent only to the OAuth server. A secret: set it from the
     * environment, never in a file.
     */
    private String clientSecret;

    /**
     * The OAuth server that refreshes tokens (https://oauth.bitrix24.tech for the east region).
     */
    private String oauthServerUrl = "https://oauth.bitrix.info";

    /**
     * OAuth app auth: the refresh token to start with; every refresh rotates it. A secret: set it from the
     * environment, never in a file.
     */
    private String refreshToken;

    /**
     * TLS settings (e.g. a trust store) for the portal and the OAuth server; the JVM's defaults otherwise. A reference
     * to a bean of type SSLContextParameters in the registry: #bean:name.
     */
    private String sslContextParameters;

    /**
     * Webhook auth: the webhook's secret code (the second path segment after /rest/). A secret: set it from the
     * environment, never in a file.
     */
    private String token;

    /**
     * Where rotated OAuth token pairs are kept; in memory by default. A reference to a bean of type TokenStore in the
     * registry: #bean:name.
     */
    private String tokenStore;

    /**
     * Use the Camel context's global SSLContextParameters when an endpoint sets none.
     */
    private Boolean useGlobalSslContextParameters = false;

    /**
     * Webhook auth: the id of the user who created the incoming webhook (the first path segment after /rest/).
     */
    private String userId;

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public String getPortalUrl() {
        return portalUrl;
    }

    public void setPortalUrl(String portalUrl) {
        this.portalUrl = portalUrl;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public Boolean getEmitUnchanged() {
        return emitUnchanged;
    }

    public void setEmitUnchanged(Boolean emitUnchanged) {
        this.emitUnchanged = emitUnchanged;
    }

    public String getStatusStore() {
        return statusStore;
    }

    public void setStatusStore(String statusStore) {
        this.statusStore = statusStore;
    }

    public Boolean getDryRun() {
        return dryRun;
    }

    public void setDryRun(Boolean dryRun) {
        this.dryRun = dryRun;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public String getOrder() {
        return order;
    }

    public void setOrder(String order) {
        this.order = order;
    }

    public Boolean getPrune() {
        return prune;
    }

    public void setPrune(Boolean prune) {
        this.prune = prune;
    }

    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = sort;
    }

    public Integer getStart() {
        return start;
    }

    public void setStart(Integer start) {
        this.start = start;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Integer getBurstLimit() {
        return burstLimit;
    }

    public void setBurstLimit(Integer burstLimit) {
        this.burstLimit = burstLimit;
    }

    public Integer getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Integer connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Double getDrainRate() {
        return drainRate;
    }

    public void setDrainRate(Double drainRate) {
        this.drainRate = drainRate;
    }

    public Duration getHealthCheckInterval() {
        return healthCheckInterval;
    }

    public void setHealthCheckInterval(Duration healthCheckInterval) {
        this.healthCheckInterval = healthCheckInterval;
    }

    public Integer getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    public void setMaxConcurrentRequests(Integer maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    public Integer getOperatingLimit() {
        return operatingLimit;
    }

    public void setOperatingLimit(Integer operatingLimit) {
        this.operatingLimit = operatingLimit;
    }

    public RateLimitPlan getRateLimitPlan() {
        return rateLimitPlan;
    }

    public void setRateLimitPlan(RateLimitPlan rateLimitPlan) {
        this.rateLimitPlan = rateLimitPlan;
    }

    public Integer getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Integer requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public String getSharedRateBucket() {
        return sharedRateBucket;
    }

    public void setSharedRateBucket(String sharedRateBucket) {
        this.sharedRateBucket = sharedRateBucket;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getOauthServerUrl() {
        return oauthServerUrl;
    }

    public void setOauthServerUrl(String oauthServerUrl) {
        this.oauthServerUrl = oauthServerUrl;
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    public String getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(String sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getTokenStore() {
        return tokenStore;
    }

    public void setTokenStore(String tokenStore) {
        this.tokenStore = tokenStore;
    }

    public Boolean getUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    public void setUseGlobalSslContextParameters(Boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }
}
