package io.github.b24sip.camel.bitrix24.client;

import io.github.b24sip.camel.bitrix24.Bitrix24SipAuthenticationException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.spi.TokenPair;
import io.github.b24sip.camel.bitrix24.spi.TokenStore;
import io.github.b24sip.camel.bitrix24.support.OAuthServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;

/**
 * The current token pair of one application on one portal. A refresh is shared: callers that saw the same expired
 * token wait for the one refresh in flight and then use its result, so a rotated refresh token is never sent twice.
 */
public final class OAuthTokenManager {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthTokenManager.class);
    static final String TOKEN_METHOD = OAuthServer.TOKEN_METHOD;

    private final String portalUrl;
    private final Credentials.OAuth credentials;
    private final OAuthServer oauthServer;
    private final TokenStore store;
    private TokenPair current;
    private String failedRefreshToken;
    private Instant accessTokenExpiresAt;

    public OAuthTokenManager(String portalUrl, Credentials.OAuth credentials, String oauthServerUrl, TokenStore store) {
        this.portalUrl = portalUrl;
        this.credentials = credentials;
        this.oauthServer = new OAuthServer(oauthServerUrl);
        this.store = store;
        TokenPair stored = store.load(portalUrl, credentials.clientId());
        this.current = stored != null ? stored : new TokenPair(credentials.accessToken(), credentials.refreshToken());
    }

    public synchronized String accessToken() {
        return current.accessToken();
    }

    /**
     * True once the OAuth server refused the refresh token in hand ({@code invalid_grant} or {@code invalid_client}):
     * the application must be authorized (installed) again; nothing is sent until then.
     */
    /** When the access token in hand expires, as its refresh said; null until this process refreshed the pair. */
    public synchronized Instant accessTokenExpiresAt() {
        return accessTokenExpiresAt;
    }

    public synchronized boolean refreshRefused() {
        return failedRefreshToken != null && failedRefreshToken.equals(current.refreshToken());
    }

    /**
     * Refreshes unless another caller already replaced {@code staleAccessToken}; returns the access token to retry
     * with. The refresh runs through {@link TokenStore#refresh}, so copies sharing a store rotate the pair once and the
     * others adopt it. A refresh token the server refused is not sent again; after {@code invalid_grant} the store is
     * read once more, in case another holder rotated the pair in between.
     */
    public synchronized String refresh(String staleAccessToken, HttpClient http, Duration timeout) {
        if (current.accessToken() != null && !current.accessToken().equals(staleAccessToken)) {
            return current.accessToken();
        }
        TokenPair seen = current;
        // known again only if this process rotates the pair; one adopted from the store comes without its expiry
        accessTokenExpiresAt = null;
        try {
            current = store.refresh(portalUrl, credentials.clientId(), seen, base -> rotate(base, http, timeout));
        } catch (Bitrix24SipException e) {
            if ("invalid_grant".equalsIgnoreCase(e.getErrorCode())) {
                TokenPair stored = store.load(portalUrl, credentials.clientId());
                if (stored != null
                        && stored.refreshToken() != null
                        && !stored.refreshToken().equals(failedRefreshToken)) {
                    LOG.info(
                            "The OAuth refresh of application {} was refused, but the store holds a newer pair: "
                                    + "adopted it",
                            credentials.clientId());
                    current = stored;
                    return current.accessToken();
                }
            }
            throw e;
        }
        return current.accessToken();
    }

    /** Asks the OAuth server for a new pair in exchange for {@code base}'s refresh token. */
    private TokenPair rotate(TokenPair base, HttpClient http, Duration timeout) {
        if (base.refreshToken() == null || base.refreshToken().equals(failedRefreshToken)) {
            throw new Bitrix24SipAuthenticationException(
                    TOKEN_METHOD,
                    "invalid_grant",
                    "no usable refresh token; the application must be authorized again",
                    0);
        }
        OAuthServer.Grant grant;
        try {
            grant = oauthServer.refresh(
                    http, credentials.clientId(), credentials.clientSecret(), base.refreshToken(), timeout);
        } catch (Bitrix24SipException e) {
            if ("invalid_grant".equalsIgnoreCase(e.getErrorCode())
                    || "invalid_client".equalsIgnoreCase(e.getErrorCode())) {
                failedRefreshToken = base.refreshToken();
            }
            throw e;
        }
        long expiresIn = grant.expiresInSeconds();
        accessTokenExpiresAt = expiresIn > 0 ? Instant.now().plusSeconds(expiresIn) : null;
        TokenPair rotated = new TokenPair(grant.accessToken(), grant.refreshToken());
        LOG.info("Refreshed the OAuth tokens of application {}", credentials.clientId());
        return rotated;
    }
}
