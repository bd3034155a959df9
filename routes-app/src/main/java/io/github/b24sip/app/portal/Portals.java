package io.github.b24sip.app.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.shared.JdbcRateBucket;
import io.github.b24sip.app.shared.JdbcStatusStore;
import io.github.b24sip.app.shared.JdbcTokenStore;
import io.github.b24sip.app.shared.SharedStore;
import io.github.b24sip.camel.TrustStores;
import io.github.b24sip.camel.bitrix24.Bitrix24SipComponent;
import io.github.b24sip.camel.bitrix24.Bitrix24SipConfiguration;
import io.github.b24sip.camel.bitrix24.RateLimitPlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The portals the app works with. Each gets a bitrix24-sip component of its own, registered as
 * {@code bitrix24-sip-<name>} and configured here, so route URIs name the portal and carry no credential.
 * With no portal configured the app refuses to start, unless {@code b24sip.demo=true} asks for the embedded
 * simulator's {@code demo} portal.
 */
@ApplicationScoped
public class Portals {

    public static final String SCHEME_PREFIX = "bitrix24-sip-";
    private static final Logger LOG = Logger.getLogger(Portals.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    @Inject
    AppConfig config;

    @Inject
    DemoPortal demo;

    @Inject
    CamelContext camel;

    @Inject
    SharedStore shared;

    @Inject
    ObjectMapper json;

    private Map<String, Bitrix24SipComponent> components;

    /**
     * Portals that trust the same store file get the same TLS parameters, and so share one HTTP client: the component
     * shares clients by parameters instance.
     */
    private final Map<String, SSLContextParameters> trustStores = new HashMap<>();

    /** The portal names, registering their components on first use. */
    public synchronized Set<String> names() {
        if (components == null) {
            Map<String, Bitrix24SipComponent> registered = new LinkedHashMap<>();
            for (PortalDefinition portal : definitions()) {
                Bitrix24SipComponent component = component(portal);
                camel.addComponent(SCHEME_PREFIX + portal.name(), component);
                registered.put(portal.name(), component);
                LOG.infof("Portal %s: %s", portal.name(), portal);
            }
            components = registered;
        }
        return Collections.unmodifiableSet(components.keySet());
    }

    public boolean isDemo() {
        return config.portals().isEmpty() && config.demo();
    }

    public boolean known(String name) {
        return name != null && names().contains(name);
    }

    /** The portal a row or command without one goes to: the only one, when exactly one is configured. */
    public Optional<String> only() {
        Set<String> names = names();
        return names.size() == 1 ? Optional.of(names.iterator().next()) : Optional.empty();
    }

    /** The endpoint URI of an operation on a portal, e.g. {@code bitrix24-sip-sales:sync?prune=true}. */
    public String uri(String portal, String operation) {
        if (!known(portal)) {
            throw new IllegalArgumentException("Unknown portal '" + portal + "'; configured: " + names());
        }
        return SCHEME_PREFIX + portal + ":" + operation;
    }

    /** The shared store's last known line statuses of a portal (several instances only). */
    private JdbcStatusStore statusStore(String portal) {
        return new JdbcStatusStore(shared.dataSource(), portal, json);
    }

    /** How many requests to the portal waited for its rate limit. */
    public long rateLimitWaits(String portal) {
        names();
        return components.get(portal).rateLimitWaits();
    }

    private Iterable<PortalDefinition> definitions() {
        if (isDemo()) {
            return List.of(demo.start());
        }
        if (config.portals().isEmpty()) {
            throw new NoPortalConfiguredException();
        }
        if (config.demo()) {
            LOG.warn("b24sip.demo=true is ignored: portals are configured");
        }
        return config.portals().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> definition(e.getKey(), e.getValue()))
                .toList();
    }

    private PortalDefinition definition(String name, AppConfig.PortalSettings s) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "b24sip.portals." + name + ": a portal name is lower-case letters, digits "
                            + "and dashes (it becomes part of an endpoint scheme)");
        }
        RateLimitPlan plan;
        try {
            plan = RateLimitPlan.valueOf(s.rateLimitPlan().trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("b24sip.portals." + name + ".rate-limit-plan: '" + s.rateLimitPlan()
                    + "' is not one of " + Arrays.toString(RateLimitPlan.values()));
        }
        SSLContextParameters ssl = s.trustStoreFile()
                .map(f -> trustStores.computeIfAbsent(
                        f, file -> trustStore(file, s.trustStorePassword().orElse(null))))
                .orElse(null);
        return new PortalDefinition(
                name,
                s.url(),
                s.userId().orElse(null),
                s.token().orElse(null),
                s.clientId().orElse(null),
                s.clientSecret().orElse(null),
                s.accessToken().orElse(null),
                s.refreshToken().orElse(null),
                s.oauthServerUrl().orElse(null),
                ssl,
                plan,
                s.burstLimit().orElse(null),
                s.drainRate().orElse(null));
    }

    /** Trust a private CA the way a user does: a PKCS12 trust store file. */
    public static SSLContextParameters trustStore(String file, String password) {
        return TrustStores.pkcs12(Path.of(file), password);
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
        if (shared.enabled()) {
            // several instances: tokens, last known statuses and the portal's bucket are shared through PostgreSQL
            c.setTokenStore(new JdbcTokenStore(shared.dataSource()));
            c.setStatusStore(statusStore(p.name()));
            c.setSharedRateBucket(new JdbcRateBucket(shared.dataSource()));
        } else if (p.isOAuth()) {
            c.setTokenStore(new FileTokenStore(Path.of(config.tokenDir(), p.name() + ".json")));
        }
        c.setSslContextParameters(p.sslContextParameters());
        c.setRateLimitPlan(p.rateLimitPlan());
        c.setBurstLimit(p.burstLimit());
        c.setDrainRate(p.drainRate());
        return component;
    }
}
