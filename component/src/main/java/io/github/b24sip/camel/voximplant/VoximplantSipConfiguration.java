package io.github.b24sip.camel.voximplant;

import io.github.b24sip.camel.voximplant.spi.RegistrationStatusStore;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/** Options of the voximplant-sip component, set on the component (shared) or per endpoint. */
@UriParams
public class VoximplantSipConfiguration implements Cloneable {

    @UriParam(defaultValue = "https://api.voximplant.com/platform_api")
    private String apiUrl = "https://api.voximplant.com/platform_api";

    @UriParam(label = "security")
    private String credentialsFile;

    @UriParam(label = "security", secret = true)
    private String credentials;

    @UriParam(label = "security")
    private String accountId;

    @UriParam(label = "security", secret = true)
    private String apiKey;

    @UriParam(label = "security", defaultValue = "60")
    private int tokenLifetime = 60;

    @UriParam(label = "security")
    private SSLContextParameters sslContextParameters;

    @UriParam(defaultValue = "3")
    private int maxRetries = 3;

    @UriParam(label = "advanced", defaultValue = "10000")
    private int connectTimeout = 10_000;

    @UriParam(label = "advanced", defaultValue = "30000")
    private int requestTimeout = 30_000;

    @UriParam(label = "consumer")
    private RegistrationStatusStore statusStore;

    @UriParam(label = "producer", defaultValue = "false")
    private boolean prune;

    @UriParam(label = "producer", defaultValue = "false")
    private boolean dryRun;

    @UriParam(label = "consumer", defaultValue = "false")
    private boolean emitSnapshot;

    public String getApiUrl() {
        return apiUrl;
    }

    /** The Management API, up to /platform_api. Plain http:// is accepted only for a loopback host. */
    public void setApiUrl(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    public String getCredentialsFile() {
        return credentialsFile;
    }

    /** Path of the service account's credentials.json (account_id, key_id, private_key). */
    public void setCredentialsFile(String credentialsFile) {
        this.credentialsFile = credentialsFile;
    }

    public String getCredentials() {
        return credentials;
    }

    /**
     * The service account's credentials.json content. Set it on the component (a property or an environment
     * placeholder), not inline in an endpoint URI: Camel masks only known secret names in logged URIs.
     */
    public void setCredentials(String credentials) {
        this.credentials = credentials;
    }

    public String getAccountId() {
        return accountId;
    }

    /** Legacy auth: the account id, with apiKey. */
    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public String getApiKey() {
        return apiKey;
    }

    /** Legacy auth: the account's API key (deprecated by Voximplant; prefer a service account). */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public int getTokenLifetime() {
        return tokenLifetime;
    }

    /** Lifetime of the signed JWT in seconds (10 to 3595); it is cached and signed again 5 s before it expires. */
    public void setTokenLifetime(int tokenLifetime) {
        this.tokenLifetime = tokenLifetime;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    /** TLS settings (e.g. a trust store) for the API; the JVM's defaults otherwise. */
    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    /**
     * Retries of get, update, delete and bind after a network error, 429, 5xx or a try-later code; create is never
     * resent.
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

    /** Time to wait for a response, in milliseconds. */
    public void setRequestTimeout(int requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public boolean isEmitSnapshot() {
        return emitSnapshot;
    }

    /**
     * For the registrations consumer: end each poll that worked with one more exchange, every registration the poll
     * read as a List of SipRegistration with header CamelVoximplantSipSnapshot true; it costs no request.
     */
    public void setEmitSnapshot(boolean emitSnapshot) {
        this.emitSnapshot = emitSnapshot;
    }

    public VoximplantSipConfiguration copy() {
        try {
            return (VoximplantSipConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public String toString() {
        return "VoximplantSipConfiguration[apiUrl=" + apiUrl + ", credentialsFile=" + credentialsFile + ", accountId="
                + accountId + "]";
    }

    public RegistrationStatusStore getStatusStore() {
        return statusStore;
    }

    /**
     * Keeps the registrations consumer's last delivered state of each registration, so that a consumer taking the
     * account over (a restart, another copy of the app) emits only real changes. Without one, state is kept in memory.
     */
    public void setStatusStore(RegistrationStatusStore statusStore) {
        this.statusStore = statusStore;
    }

    public boolean isPrune() {
        return prune;
    }

    /** sync: also delete the account's registrations the desired set does not name. */
    public void setPrune(boolean prune) {
        this.prune = prune;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    /** sync: plan only, send no write. */
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }
}
