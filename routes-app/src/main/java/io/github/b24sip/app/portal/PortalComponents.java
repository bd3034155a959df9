package io.github.b24sip.app.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.secret.SecretSealer;
import io.github.b24sip.app.secret.Secrets;
import io.github.b24sip.app.shared.SharedStore;
import io.github.b24sip.camel.TrustStores;
import io.github.b24sip.camel.bitrix24.Bitrix24SipComponent;
import io.github.b24sip.camel.bitrix24.Bitrix24SipConfiguration;
import io.github.b24sip.camel.bitrix24.client.TokenPair;
import io.github.b24sip.camel.bitrix24.client.TokenStore;
import io.github.b24sip.camel.jdbc.JdbcRateBucket;
import io.github.b24sip.camel.jdbc.JdbcStatusStore;
import io.github.b24sip.camel.jdbc.JdbcTokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.support.jsse.SSLContextParameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
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

    /**
     * Portals that trust the same store file get the same TLS parameters, and so share one HTTP client: the component
     * shares clients by parameters instance.
     */
    /** A trust store is a few KB; a file far larger is not one, and is not read. */
    static final long MAX_TRUST_STORE_BYTES = 1024 * 1024;

    private final Map<String, SSLContextParameters> trustStores = new HashMap<>();

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
        settings.put("rate-limit-plan", s.rateLimitPlan().name());
        s.burstLimit().ifPresent(v -> settings.put("burst-limit", String.valueOf(v)));
        s.drainRate().ifPresent(v -> settings.put("drain-rate", String.valueOf(v)));
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
        if (portal.trustStoreFile() != null) {
            synchronized (this) {
                trustStore(portal);
            }
        }
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
        c.setSslContextParameters(p.trustStoreFile() == null ? null : trustStore(p));
        c.setRateLimitPlan(p.rateLimitPlan());
        c.setBurstLimit(p.burstLimit());
        c.setDrainRate(p.drainRate());
        return component;
    }

    /**
     * The portal's trust store, opened once per change: cached by path, password and the file's size and time, so a
     * corrected password or a replaced file takes effect at once, and a wrong password is never masked by a good entry
     * cached for the same path. Opened here, before a route uses it: a file that is not a regular one (a FIFO would
     * block), too large, or that the password does not open makes the portal invalid, naming the field, never a byte of
     * the file.
     */
    private SSLContextParameters trustStore(PortalDefinition p) {
        Path file = Path.of(p.trustStoreFile());
        String key;
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidPortalException("trust-store-file", "not a regular file that can be read");
            }
            if (Files.size(file) > MAX_TRUST_STORE_BYTES) {
                throw new InvalidPortalException(
                        "trust-store-file", "larger than " + MAX_TRUST_STORE_BYTES / 1024 + " KB: not a trust store");
            }
            key = file.toAbsolutePath() + "\n" + Files.size(file) + "\n"
                    + Files.getLastModifiedTime(file).toMillis() + "\n" + digest(p.trustStorePassword());
        } catch (IOException e) {
            throw new InvalidPortalException(
                    "trust-store-file", "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        SSLContextParameters cached = trustStores.get(key);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore.getInstance("PKCS12")
                    .load(
                            in,
                            p.trustStorePassword() == null
                                    ? null
                                    : p.trustStorePassword().toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidPortalException(
                    "trust-store-password", "does not open the trust store, or it is not a PKCS12 file");
        }
        SSLContextParameters opened = TrustStores.pkcs12(file, p.trustStorePassword());
        trustStores.put(key, opened);
        return opened;
    }

    private static String digest(String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available");
        }
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
