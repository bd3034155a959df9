package io.github.b24sip.springboot;

import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The voximplant-sip component's options as Spring Boot properties, {@code camel.component.voximplant-sip.*}: every component
 * option of the component's catalog entry ({@code voximplant-sip.json}), named in kebab case. Options left unset keep the
 * component's defaults. {@code StarterOptionsTest} fails when an option of the component is missing here.
 */
@ConfigurationProperties(prefix = "camel.component.voximplant-sip")
public class VoximplantSipComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * The Management API, up to /platform_api. Plain http:// is accepted only for a loopback host.
     */
    private String apiUrl = "https://api.voximplant.com/platform_api";

    /**
     * How long a producer health check's reading of the account is reused: at most one GetSipRegistrations request
     * (for one registration) per account per interval, however often the health checks run.
     */
    private Duration healthCheckInterval = Duration.ofMillis(60000);

    /**
     * Retries of get, update, delete and bind after a network error, 429, 5xx or a try-later code; create is never
     * resent.
     */
    private Integer maxRetries = 3;

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
     * Keeps the registrations consumer's last delivered state of each registration, so that a consumer taking the
     * account over (a restart, another copy of the app) emits only real changes. Without one, state is kept in memory.
     * A reference to a bean of type RegistrationStatusStore in the registry: #bean:name.
     */
    private String statusStore;

    /**
     * sync: plan only, send no write.
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
     * sync: also delete the account's registrations the desired set does not name.
     */
    private Boolean prune = false;

    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;

    /**
     * Connect timeout in milliseconds.
     */
    private Integer connectTimeout = 10000;

    /**
     * Time to wait for a response, in milliseconds.
     */
    private Integer requestTimeout = 30000;

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
     * Legacy auth: the account id, with apiKey.
     */
    private String accountId;

    /**
     * Legacy auth: the account's API key (deprecated by Voximplant; prefer a service account). A secret: set it from
     * the environment, never in a file.
     */
    private String apiKey;

    /**
     * The service account's credentials.json content. Set it on the component (a property or an environment
     * placeholder), not inline in an endpoint URI: Camel masks only known secret names in logged URIs. A secret: set
     * it from the environment, never in a file.
     */
    private String credentials;

    /**
     * Path of the service account's credentials.json (account_id, key_id, private_key).
     */
    private String credentialsFile;

    /**
     * TLS settings (e.g. a trust store) for the API; the JVM's defaults otherwise. A reference to a bean of type
     * SSLContextParameters in the registry: #bean:name.
     */
    private String sslContextParameters;

    /**
     * Lifetime of the signed JWT in seconds (10 to 3595); it is cached and signed again 5 s before it expires.
     */
    private Integer tokenLifetime = 60;

    /**
     * Use the Camel context's global SSLContextParameters when an endpoint sets none.
     */
    private Boolean useGlobalSslContextParameters = false;

    public String getApiUrl() {
        return apiUrl;
    }

    public void setApiUrl(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
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

    public Boolean getPrune() {
        return prune;
    }

    public void setPrune(Boolean prune) {
        this.prune = prune;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Integer getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Integer connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Integer getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Integer requestTimeout) {
        this.requestTimeout = requestTimeout;
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

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getCredentials() {
        return credentials;
    }

    public void setCredentials(String credentials) {
        this.credentials = credentials;
    }

    public String getCredentialsFile() {
        return credentialsFile;
    }

    public void setCredentialsFile(String credentialsFile) {
        this.credentialsFile = credentialsFile;
    }

    public String getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(String sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public Integer getTokenLifetime() {
        return tokenLifetime;
    }

    public void setTokenLifetime(Integer tokenLifetime) {
        this.tokenLifetime = tokenLifetime;
    }

    public Boolean getUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    public void setUseGlobalSslContextParameters(Boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public Duration getHealthCheckInterval() {
        return healthCheckInterval;
    }

    public void setHealthCheckInterval(Duration healthCheckInterval) {
        this.healthCheckInterval = healthCheckInterval;
    }
}
