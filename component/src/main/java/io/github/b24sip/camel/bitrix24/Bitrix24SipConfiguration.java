package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.spi.SharedRateBucket;
import io.github.b24sip.camel.bitrix24.spi.StatusStore;
import io.github.b24sip.camel.bitrix24.spi.TokenStore;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/** Options of the bitrix24-sip component, set on the component (shared) or per endpoint. */
@UriParams
public class Bitrix24SipConfiguration implements Cloneable {

    @UriParam
    @Metadata(required = true)
    private String portalUrl;

    @UriParam(label = "security")
    private String userId;

    @UriParam(label = "security", secret = true)
    private String token;

    @UriParam(label = "security")
    private String clientId;

    @UriParam(label = "security", secret = true)
    private String clientSecret;

    @UriParam(label = "security", secret = true)
    private String accessToken;

    @UriParam(label = "security", secret = true)
    private String refreshToken;

    @UriParam(label = "security", defaultValue = "https://oauth.bitrix.info")
    private String oauthServerUrl = "https://oauth.bitrix.info";

    @UriParam(label = "security")
    @Metadata(autowired = true)
    private TokenStore tokenStore;

    @UriParam(label = "consumer,advanced")
    @Metadata(autowired = true)
    private StatusStore statusStore;

    @UriParam(label = "advanced")
    @Metadata(autowired = true)
    private SharedRateBucket sharedRateBucket;

    @UriParam(label = "security")
    private SSLContextParameters sslContextParameters;

    @UriParam(label = "advanced", defaultValue = "standard")
    private RateLimitPlan rateLimitPlan = RateLimitPlan.standard;

    @UriParam(label = "advanced")
    private Integer burstLimit;

    @UriParam(label = "advanced")
    private Double drainRate;

    @UriParam(label = "advanced", defaultValue = "480")
    private int operatingLimit = 480;

    @UriParam(label = "advanced", defaultValue = "4")
    private int maxConcurrentRequests = 4;

    @UriParam(defaultValue = "3")
    private int maxRetries = 3;

    @UriParam(label = "advanced", defaultValue = "10000")
    private int connectTimeout = 10_000;

    @UriParam(label = "advanced", defaultValue = "60000")
    private int requestTimeout = 60_000;

    @UriParam(label = "producer")
    private Integer start;

    @UriParam(label = "producer")
    private String sort;

    @UriParam(label = "producer", enums = "ASC,DESC")
    private String order;

    @UriParam(label = "producer", defaultValue = "false")
    private boolean prune;

    @UriParam(label = "producer", defaultValue = "false")
    private boolean dryRun;

    @UriParam(label = "consumer", defaultValue = "false")
    private boolean emitUnchanged;

    @UriParam(label = "consumer", defaultValue = "false")
    private boolean emitSnapshot;

    public String getPortalUrl() {
        return portalUrl;
    }

    /** The portal's origin, e.g. https://example.bitrix24.com. Plain http:// is accepted only for a loopback host. */
    public void setPortalUrl(String portalUrl) {
        this.portalUrl = portalUrl;
    }

    public String getUserId() {
        return userId;
    }

    /** Webhook auth: the id of the user who created the incoming webhook (the first path segment after /rest/). */
    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getToken() {
        return token;
    }

    /** Webhook auth: the webhook's secret code (the second path segment after /rest/). */
    public void setToken(String token) {
        this.token = token;
    }

    public String getClientId() {
        return clientId;
    }

    /** OAuth app auth: the application's client_id. */
    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    /** OAuth app auth: the application's client_secret, sent only to the OAuth server. */
    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getAccessToken() {
        return accessToken;
    }

    /** OAuth app auth: the access token to start with (a stored pair in the tokenStore wins). */
    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    /** OAuth app auth: the refresh token to start with; every refresh rotates it. */
    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    public String getOauthServerUrl() {
        return oauthServerUrl;
    }

    /** The OAuth server that refreshes tokens (https://oauth.bitrix24.tech for the east region). */
    public void setOauthServerUrl(String oauthServerUrl) {
        this.oauthServerUrl = oauthServerUrl;
    }

    public TokenStore getTokenStore() {
        return tokenStore;
    }

    /** Where rotated OAuth token pairs are kept; in memory by default. */
    public void setTokenStore(TokenStore tokenStore) {
        this.tokenStore = tokenStore;
    }

    public StatusStore getStatusStore() {
        return statusStore;
    }

    /**
     * For the status consumer: where the last known status of each line is kept, so a consumer that takes over (after
     * a restart, or on another instance) emits only real changes; in memory by default.
     */
    public void setStatusStore(StatusStore statusStore) {
        this.statusStore = statusStore;
    }

    public SharedRateBucket getSharedRateBucket() {
        return sharedRateBucket;
    }

    /**
     * The portal's leaky bucket shared with other processes calling the same portal (several instances of an app), so
     * that together they stay under its limit; each process keeps its own by default.
     */
    public void setSharedRateBucket(SharedRateBucket sharedRateBucket) {
        this.sharedRateBucket = sharedRateBucket;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    /** TLS settings (e.g. a trust store) for the portal and the OAuth server; the JVM's defaults otherwise. */
    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public RateLimitPlan getRateLimitPlan() {
        return rateLimitPlan;
    }

    /** The portal's rate-limit plan: standard (50, 2 per s), enterprise (250, 5 per s) or none. */
    public void setRateLimitPlan(RateLimitPlan rateLimitPlan) {
        this.rateLimitPlan = rateLimitPlan;
    }

    public Integer getBurstLimit() {
        return burstLimit;
    }

    /** Overrides the plan's bucket size. */
    public void setBurstLimit(Integer burstLimit) {
        this.burstLimit = burstLimit;
    }

    public Double getDrainRate() {
        return drainRate;
    }

    /** Overrides the plan's drain rate, in requests per second. */
    public void setDrainRate(Double drainRate) {
        this.drainRate = drainRate;
    }

    public int getOperatingLimit() {
        return operatingLimit;
    }

    /**
     * The portal's operating-time budget per method, in seconds over ten minutes; a method near it waits for the
     * window.
     */
    public void setOperatingLimit(int operatingLimit) {
        this.operatingLimit = operatingLimit;
    }

    public int getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /** Requests in flight at once per portal, within the bucket. */
    public void setMaxConcurrentRequests(int maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    /**
     * Retries after a network error, timeout or 5xx of a call that may be repeated; limit refusals are waited out apart
     * from this.
     */
    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public int getConnectTimeout() {
        return connectTimeout;
    }

    /** Connect timeout in milliseconds. */
    public void setConnectTimeout(int connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getRequestTimeout() {
        return requestTimeout;
    }

    /** Time to wait for a response, in milliseconds (the cloud stops a request after 60 s). */
    public void setRequestTimeout(int requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Integer getStart() {
        return start;
    }

    /** For get: fetch only the page at this offset (pages hold 50 lines) instead of all pages. */
    public void setStart(Integer start) {
        this.start = start;
    }

    public String getSort() {
        return sort;
    }

    /** For get: the field to sort by (e.g. CONFIG_ID or TITLE); the portal sorts only when order is given too. */
    public void setSort(String sort) {
        this.sort = sort;
    }

    public String getOrder() {
        return order;
    }

    /** For get: ASC or DESC, with sort. */
    public void setOrder(String order) {
        this.order = order;
    }

    public boolean isPrune() {
        return prune;
    }

    /** For sync: delete the lines that are not in the desired set (only lines this credential can see). */
    public void setPrune(boolean prune) {
        this.prune = prune;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    /** For sync: return the plan and change nothing. */
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isEmitUnchanged() {
        return emitUnchanged;
    }

    /** For the status consumer: emit every line on every poll, not only the lines whose status changed. */
    public void setEmitUnchanged(boolean emitUnchanged) {
        this.emitUnchanged = emitUnchanged;
    }

    public boolean isEmitSnapshot() {
        return emitSnapshot;
    }

    /**
     * For the status consumer: end each poll that worked with one more exchange, every cloud line the poll read as a
     * List of SipLine with header CamelBitrix24SipSnapshot true; it costs no request.
     */
    public void setEmitSnapshot(boolean emitSnapshot) {
        this.emitSnapshot = emitSnapshot;
    }

    public Bitrix24SipConfiguration copy() {
        try {
            return (Bitrix24SipConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public String toString() {
        return "Bitrix24SipConfiguration[portalUrl=" + portalUrl + ", userId=" + userId + ", clientId=" + clientId
                + ", rateLimitPlan=" + rateLimitPlan + "]";
    }
}
