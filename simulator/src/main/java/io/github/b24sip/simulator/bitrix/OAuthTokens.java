package io.github.b24sip.simulator.bitrix;

import io.github.b24sip.simulator.OAuthApp;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Access tokens, refresh tokens and authorization codes of every portal's applications. Each refresh rotates the
 * refresh token: the old one is spent at once, as on oauth.bitrix.info.
 */
public final class OAuthTokens {

    private static final Duration CODE_TTL = Duration.ofSeconds(30);
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final Map<String, Grant> accessTokens = new HashMap<>();
    private final Map<String, Grant> refreshTokens = new HashMap<>();
    private final Map<String, Grant> codes = new HashMap<>();
    private final Map<String, String> clientSecrets = new HashMap<>();
    private final Map<String, List<String>> issuedByPortal = new HashMap<>();
    private long refreshes;

    /** A token or code: which portal and app it belongs to, and until when it holds. */
    record Grant(String portal, OAuthApp app, Instant expiresAt) {}

    /** An error of the token endpoint. */
    static final class OAuthError extends Exception {
        final String code;
        final int status;

        OAuthError(String code, String description, int status) {
            super(description, null, false, false);
            this.code = code;
            this.status = status;
        }
    }

    public OAuthTokens(Clock clock, Duration accessTtl, Duration refreshTtl) {
        this.clock = clock;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
    }

    synchronized void registerClient(OAuthApp app) {
        String known = clientSecrets.putIfAbsent(app.clientId(), app.clientSecret());
        if (known != null && !known.equals(app.clientSecret())) {
            throw new IllegalArgumentException(
                    "application " + app.clientId() + " is installed with two different secrets");
        }
    }

    synchronized TokenPair issue(String portal, OAuthApp app) {
        Instant now = clock.instant();
        String access = newToken();
        String refresh = newToken();
        accessTokens.put(access, new Grant(portal, app, now.plus(accessTtl)));
        refreshTokens.put(refresh, new Grant(portal, app, now.plus(refreshTtl)));
        issuedByPortal.computeIfAbsent(portal, p -> new ArrayList<>()).addAll(List.of(access, refresh));
        return new TokenPair(access, refresh, accessTtl.toSeconds());
    }

    synchronized String newAuthorizationCode(String portal, OAuthApp app) {
        String code = newToken();
        codes.put(code, new Grant(portal, app, clock.instant().plus(CODE_TTL)));
        return code;
    }

    /** The grant behind an access token, or null when the token was never issued. */
    synchronized Grant access(String token) {
        return token == null ? null : accessTokens.get(token);
    }

    boolean expired(Grant grant) {
        return !clock.instant().isBefore(grant.expiresAt());
    }

    synchronized Grant refresh(String clientId, String clientSecret, String refreshToken) throws OAuthError {
        checkClient(clientId, clientSecret);
        Grant grant = refreshToken == null ? null : refreshTokens.get(refreshToken);
        if (grant == null || !grant.app().clientId().equals(clientId) || expired(grant)) {
            throw new OAuthError("invalid_grant", "Invalid refresh token", 400);
        }
        refreshTokens.remove(refreshToken);
        refreshes++;
        return grant;
    }

    synchronized Grant exchangeCode(String clientId, String clientSecret, String code) throws OAuthError {
        checkClient(clientId, clientSecret);
        Grant grant = code == null ? null : codes.remove(code);
        if (grant == null || !grant.app().clientId().equals(clientId) || expired(grant)) {
            throw new OAuthError("invalid_grant", "Invalid authorization code", 400);
        }
        return grant;
    }

    private void checkClient(String clientId, String clientSecret) throws OAuthError {
        String secret = clientId == null ? null : clientSecrets.get(clientId);
        if (secret == null || !secret.equals(clientSecret)) {
            throw new OAuthError("invalid_client", "Invalid client", 401);
        }
    }

    /** Makes every access token of a portal expired now, as an hour passing would. */
    public synchronized void expireAccessTokens(String portal) {
        Instant past = clock.instant().minusSeconds(1);
        accessTokens.replaceAll((t, g) -> g.portal().equals(portal) ? new Grant(g.portal(), g.app(), past) : g);
    }

    /** Revokes every token of an application on a portal, as removing the application does. */
    public synchronized void revokeApplication(String portal, String clientId) {
        accessTokens
                .values()
                .removeIf(g -> g.portal().equals(portal) && g.app().clientId().equals(clientId));
        refreshTokens
                .values()
                .removeIf(g -> g.portal().equals(portal) && g.app().clientId().equals(clientId));
    }

    /** Revokes a refresh token: the next refresh with it gets {@code invalid_grant}. */
    public synchronized void revokeRefreshToken(String refreshToken) {
        refreshTokens.remove(refreshToken);
    }

    /** Every access and refresh token issued for a portal so far, spent and expired ones too: what must never leak. */
    public synchronized List<String> issuedTokens(String portal) {
        return List.copyOf(issuedByPortal.getOrDefault(portal, List.of()));
    }

    /** Successful refresh_token grants so far. */
    public synchronized long refreshCount() {
        return refreshes;
    }

    private String newToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
