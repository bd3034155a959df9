package io.github.b24sip.app.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.cluster.SharedStore;
import io.github.b24sip.app.secret.SecretSealer;
import io.github.b24sip.app.secret.Secrets;
import io.github.b24sip.camel.bitrix24.Bitrix24SipComponent;
import io.github.b24sip.camel.bitrix24.Bitrix24SipConfiguration;
import io.github.b24sip.camel.bitrix24.spi.TokenPair;
import io.github.b24sip.camel.bitrix24.spi.TokenStore;
import io.github.b24sip.camel.jdbc.JdbcRateBucket;
import io.github.b24sip.camel.jdbc.JdbcStatusStore;
import io.github.b24sip.camel.jdbc.JdbcTokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one mapping from a portal's settings, whatever their source, onto its bitrix24-sip component: credentials, TLS,
 * pacing, and the stores that make several instances one (tokens, last known statuses, the portal's bucket). Registers
 * the component as {@code bitrix24-sip-<name>} and removes it again.
 */
@ApplicationScoped
public class PortalComponents {

    public static final String SCHEME_PREFIX = "bitrix24-sip-";

    @Inject
    AppConfig config;

    @Inject
    CamelContext camel;

    @Inject
    SharedStore shared;

    @Inject
    Secrets secrets;

    @Inject
    ObjectMapper json;

    @Inject
    PortalTrustStores trustStores;

    /** A portal of {@code b24sip.portals.<name>.*}; fails naming the property at fault. */
    public static PortalDefinition fromProperties(String name, AppConfig.PortalSettings s) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("url", s.url());
        s.userId().ifPresent(v -> settings.put("user-id", v));
        s.token().ifPresent(v -> settings.put("token", v));
        s.clientId().ifPresent(v -> settings.put("client-id", v));
        s.clientSecret().ifPresent(v -> settings.put("client-secret", v));
        s.accessToken().ifPresent(v -> settings.put("access-token", v));
        s.refreshToken().ifPresent(v -> settings.put("refresh-token", v));
        s.oauthServerUrl().ifPresent(v -> settings.put("oauth-server-url", v));
        s.trustStoreFile().ifPresent(v -> settings.put("trust-store-file", v));
        s.trustStorePassword().ifPresent(v -> settings.put("trust-store-password", v));
        s.trustStorePem().ifPresent(v -> settings.put("trust-store-pem", v));
        settings.put("rate-limit-plan", s.rateLimitPlan().name());
        s.burstLimit().ifPresent(v -> settings.put("burst-limit", String.valueOf(v)));
        s.drainRate().ifPresent(v -> settings.put("drain-rate", String.valueOf(v)));
        s.driftPolicy().ifPresent(v -> settings.put("drift-policy", v));
        try {
            return PortalDefinition.of(name, settings, PortalSource.CONFIG);
        } catch (InvalidPortalException e) {
            String key = e.field().equals("name") ? "" : "." + e.field();
            throw new IllegalArgumentException("b24sip.portals." + name + key + ": " + e.reason());
        }
    }

    /** Builds the portal's component and registers it under {@code bitrix24-sip-<name>}, replacing any before it. */
    public synchronized void register(PortalDefinition portal) {
        String scheme = SCHEME_PREFIX + portal.name();
        if (camel.hasComponent(scheme) != null) {
            removeComponent(scheme);
        }
        camel.addComponent(scheme, component(portal));
    }

    /** Opens what the portal's component would (its trust store); fails naming the field as registering would. */
    public void check(PortalDefinition portal) {
        trustStores.of(portal);
    }

    /** Unregisters the portal's component (and its endpoints). */
    public synchronized void unregister(PortalDefinition portal) {
        removeComponent(SCHEME_PREFIX + portal.name());
    }

    /**
     * A portal removed for good: its stored tokens go (they are revoked or no longer the app's to use), and with
     * {@code clean} its last known statuses too. Its reports and the events already sent stay.
     */
    public void forget(PortalDefinition portal, boolean clean) {
        if (portal.isOAuth()) {
            if (shared.enabled()) {
                new JdbcTokenStore(shared.dataSource(), this::sealer).deletePortal(portal.url());
            } else {
                new FileTokenStore(tokenFile(portal), this::sealer).delete();
            }
        }
        if (clean && shared.enabled() && portal.url() != null) {
            statusStore(portal.name()).replace(portal.url(), List.of());
        }
    }

    /**
     * Stores the portal's token pair as the pair to use from now on, over whatever the token store held: an install
     * hands over a new pair, and the one stored before is spent or revoked.
     */
    public void saveTokens(PortalDefinition portal) {
        tokenStore(portal)
                .save(portal.url(), portal.clientId(), new TokenPair(portal.accessToken(), portal.refreshToken()));
    }

    /** Where an OAuth portal's rotated pair is kept: shared by every instance, or in its own token file. */
    private TokenStore tokenStore(PortalDefinition portal) {
        return shared.enabled()
                ? new JdbcTokenStore(shared.dataSource(), this::sealer)
                : new FileTokenStore(tokenFile(portal), this::sealer);
    }

    /**
     * The component and every endpoint made from it: Camel caches endpoints by URI, so a portal added again under the
     * same name would otherwise be called through its old settings.
     */
    private void removeComponent(String scheme) {
        try {
            camel.removeEndpoints(scheme + ":*");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the endpoints of " + scheme + ": " + e.getMessage(), e);
        }
        camel.removeComponent(scheme);
    }

    /** Reads the portal's token file, which seals it if it was in clear (or sealed with a previous key). */
    void sealTokenFile(PortalDefinition portal) {
        new FileTokenStore(tokenFile(portal), this::sealer).load(portal.url(), portal.clientId());
    }

    /** True when the OAuth server refused the refresh token the portal's component holds. */
    public boolean authorizationRefused(String portal) {
        Component c = camel.hasComponent(SCHEME_PREFIX + portal);
        return c instanceof Bitrix24SipComponent b && b.authorizationRefused();
    }

    /** How many requests to the portal waited for its rate limit; 0 when it has no component (now). */
    public long rateLimitWaits(String portal) {
        Component c = camel.hasComponent(SCHEME_PREFIX + portal);
        return c instanceof Bitrix24SipComponent b ? b.rateLimitWaits() : 0;
    }

    private Bitrix24SipComponent component(PortalDefinition p) {
        Bitrix24SipComponent component = new Bitrix24SipComponent();
        Bitrix24SipConfiguration c = component.getConfiguration();
        c.setPortalUrl(p.url());
        c.setUserId(p.userId());
        c.setToken(p.token());
        c.setClientId(p.clientId());
        c.setClientSecret(p.clientSecret());
        c.setAccessToken(p.accessToken());
        c.setRefreshToken(p.refreshToken());
        if (p.oauthServerUrl() != null) {
            c.setOauthServerUrl(p.oauthServerUrl());
        }
        if (p.isOAuth()) {
            // the rotated pair is stored sealed: fail now, naming the key's setting, rather than at the first refresh
            secrets.sealer("the rotated OAuth tokens of portal " + p.name());
        }
        if (p.isOAuth()) {
            c.setTokenStore(tokenStore(p));
        }
        if (shared.enabled()) {
            // several instances: last known statuses and the portal's bucket are shared through PostgreSQL too
            c.setStatusStore(statusStore(p.name()));
            c.setSharedRateBucket(new JdbcRateBucket(shared.dataSource()));
        }
        c.setSslContextParameters(trustStores.of(p));
        c.setRateLimitPlan(p.rateLimitPlan());
        c.setBurstLimit(p.burstLimit());
        c.setDrainRate(p.drainRate());
        return component;
    }

    private Path tokenFile(PortalDefinition p) {
        return Path.of(config.tokenDir(), p.name() + ".json");
    }

    private JdbcStatusStore statusStore(String portal) {
        return new JdbcStatusStore(shared.dataSource(), portal, json);
    }

    private SecretSealer sealer() {
        return secrets.sealer("OAuth tokens");
    }
}
