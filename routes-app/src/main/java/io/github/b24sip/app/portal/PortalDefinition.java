package io.github.b24sip.app.portal;

import io.github.b24sip.camel.SecureUris;
import io.github.b24sip.camel.bitrix24.RateLimitPlan;
import io.github.b24sip.camel.bitrix24.support.PortalCredentials;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One portal the app works with, whatever it came from (properties, the portal API, an application install): where it
 * is, how to authenticate (webhook or OAuth), its limits and, for an installed portal, the install's {@code member_id}
 * and {@code application_token}. Built only through {@link #of}, which checks every field the same way for every
 * source. {@code toString} shows no secret.
 *
 * <p>Settings are named as the properties name them ({@code b24sip.portals.<name>.user-id} is {@code user-id}), in
 * the portal API's JSON too.
 */
@RegisterForReflection
public record PortalDefinition(
        String name,
        String url,
        String userId,
        String token,
        String clientId,
        String clientSecret,
        String accessToken,
        String refreshToken,
        String oauthServerUrl,
        String trustStoreFile,
        String trustStorePassword,
        String trustStorePem,
        RateLimitPlan rateLimitPlan,
        Integer burstLimit,
        Double drainRate,
        DriftPolicy driftPolicy,
        PortalSource source,
        String memberId,
        String applicationToken,
        PortalState state,
        String problem) {

    /** The settings a user gives (properties, API JSON). */
    public static final Set<String> SETTINGS = Set.of(
            "url",
            "user-id",
            "token",
            "client-id",
            "client-secret",
            "access-token",
            "refresh-token",
            "oauth-server-url",
            "trust-store-file",
            "trust-store-password",
            "trust-store-pem",
            "rate-limit-plan",
            "burst-limit",
            "drain-rate",
            "drift-policy");

    /** What the app records of an install beside the settings. */
    public static final Set<String> INSTALL_FIELDS = Set.of("member-id", "application-token", "state");

    /** The settings that are secrets: write-only in the API, sealed at rest. */
    public static final Set<String> SECRETS = Set.of(
            "token",
            "client-secret",
            "access-token",
            "refresh-token",
            "trust-store-password",
            "trust-store-pem",
            "application-token");

    /** A few CA certificates are a few KB of PEM; far more is not a trust store, and is not parsed. */
    static final int MAX_PEM_CHARS = 64 * 1024;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /**
     * A portal from its settings, checked: the name is lower-case letters, digits and dashes; the URL is https (http
     * only to a loopback address); exactly one auth kind is complete (webhook: user-id and token; OAuth: client-id,
     * client-secret and a token); the plan is known; numbers are positive; a trust store is a file (opened when the
     * portal's component is built: {@link PortalComponents#check}) or PEM certificates, not both. Fails with the field
     * at fault, never quoting a secret or a trust store's content.
     */
    public static PortalDefinition of(String name, Map<String, String> settings, PortalSource source) {
        checkName(name);
        for (String key : settings.keySet()) {
            if (!SETTINGS.contains(key) && !INSTALL_FIELDS.contains(key)) {
                throw new InvalidPortalException(key, "is not a portal setting; known: " + SETTINGS);
            }
        }
        Map<String, String> s = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                s.put(k, v.trim());
            }
        });
        String url = checkUrl(s.get("url"));
        // the settings are keyed by the options' names as this app spells them
        checkCredentials(option -> s.get(setting(option)));
        if (s.containsKey("oauth-server-url")) {
            checkHttpUrl("oauth-server-url", s.get("oauth-server-url"));
        }
        RateLimitPlan plan = plan(s.getOrDefault("rate-limit-plan", RateLimitPlan.standard.name()));
        Integer burst = s.containsKey("burst-limit") ? positiveInt("burst-limit", s.get("burst-limit")) : null;
        Double drain = s.containsKey("drain-rate") ? positiveDouble("drain-rate", s.get("drain-rate")) : null;
        String trustStore = s.get("trust-store-file");
        String pem = s.get("trust-store-pem");
        if (pem != null) {
            if (trustStore != null) {
                throw new InvalidPortalException(
                        "trust-store-pem", "give a trust store as a file or as PEM certificates, not both");
            }
            if (s.containsKey("trust-store-password")) {
                throw new InvalidPortalException(
                        "trust-store-password", "PEM certificates have no password; it is for trust-store-file");
            }
            PemCertificates.parse(pem);
        }
        return new PortalDefinition(
                name,
                url,
                s.get("user-id"),
                s.get("token"),
                s.get("client-id"),
                s.get("client-secret"),
                s.get("access-token"),
                s.get("refresh-token"),
                s.get("oauth-server-url"),
                trustStore,
                s.get("trust-store-password"),
                pem,
                plan,
                burst,
                drain,
                driftPolicy(s.get("drift-policy")),
                source,
                s.get("member-id"),
                s.get("application-token"),
                s.containsKey("state") ? PortalState.parse(s.get("state")) : PortalState.LIVE,
                null);
    }

    /**
     * A portal an application install confirmed, built from the install's own values (no settings map): OAuth with the
     * pair the OAuth server just issued, the application's client and server, in state live. Checked as {@link #of}
     * checks: the name, the URL the OAuth server named, the credentials, the OAuth server's URL.
     */
    public static PortalDefinition installed(
            String name, String url, OAuthApplication app, String accessToken, String refreshToken, Install install) {
        checkName(name);
        String checkedUrl = checkUrl(url);
        checkCredentials(option -> switch (option) {
            case CLIENT_ID -> app.clientId();
            case CLIENT_SECRET -> app.clientSecret();
            case ACCESS_TOKEN -> accessToken;
            case REFRESH_TOKEN -> refreshToken;
            case USER_ID, TOKEN -> null;
        });
        checkHttpUrl("oauth-server-url", app.oauthServerUrl());
        return new PortalDefinition(
                name,
                checkedUrl,
                null,
                null,
                app.clientId(),
                app.clientSecret(),
                accessToken,
                refreshToken,
                app.oauthServerUrl(),
                app.trustStoreFile(),
                app.trustStorePassword(),
                null,
                app.rateLimitPlan(),
                null,
                null,
                null,
                PortalSource.INSTALL,
                install.memberId(),
                install.applicationToken(),
                PortalState.LIVE,
                null);
    }

    /**
     * The Bitrix24 application the app is (b24sip.application.*): what every portal installing it shares. {@code
     * toString} shows no secret.
     */
    @RegisterForReflection
    public record OAuthApplication(
            String clientId,
            String clientSecret,
            String oauthServerUrl,
            String trustStoreFile,
            String trustStorePassword,
            RateLimitPlan rateLimitPlan) {

        @Override
        public String toString() {
            return "OAuthApplication[clientId=" + clientId + ", oauthServerUrl=" + oauthServerUrl + "]";
        }
    }

    /** Who installed: the portal's member_id and the install's application_token (a secret). */
    @RegisterForReflection
    public record Install(String memberId, String applicationToken) {

        @Override
        public String toString() {
            return "Install[memberId=" + memberId + "]";
        }
    }

    /**
     * A stored portal that cannot be used as stored (its trust store gone, a wrong password, a secret that does not
     * open): kept by name, source and (when readable) address, in state {@code invalid} with the reason, so the app and
     * every other portal run, and the page, the API and a metric say what is wrong. Nothing is called for it.
     */
    public static PortalDefinition invalid(String name, String url, PortalSource source, String problem) {
        return new PortalDefinition(
                name,
                url,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                RateLimitPlan.standard,
                null,
                null,
                null,
                source,
                null,
                null,
                PortalState.INVALID,
                problem);
    }

    /** The settings, secrets included, as {@link #of} takes them: what a store keeps (sealing the secrets). */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        put(s, "url", url);
        put(s, "user-id", userId);
        put(s, "token", token);
        put(s, "client-id", clientId);
        put(s, "client-secret", clientSecret);
        put(s, "access-token", accessToken);
        put(s, "refresh-token", refreshToken);
        put(s, "oauth-server-url", oauthServerUrl);
        put(s, "trust-store-file", trustStoreFile);
        put(s, "trust-store-password", trustStorePassword);
        put(s, "trust-store-pem", trustStorePem);
        put(s, "rate-limit-plan", rateLimitPlan.name());
        put(s, "burst-limit", burstLimit == null ? null : String.valueOf(burstLimit));
        put(s, "drain-rate", drainRate == null ? null : String.valueOf(drainRate));
        put(s, "drift-policy", driftPolicy == null ? null : driftPolicy.wireName());
        put(s, "member-id", memberId);
        put(s, "application-token", applicationToken);
        put(s, "state", state.wireName());
        return s;
    }

    /** The portal's own drift policy, or {@code fallback} (b24sip.drift.policy) when it sets none. */
    public DriftPolicy driftPolicyOr(DriftPolicy fallback) {
        return driftPolicy == null ? fallback : driftPolicy;
    }

    private static DriftPolicy driftPolicy(String value) {
        if (value == null) {
            return null;
        }
        try {
            return DriftPolicy.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidPortalException("drift-policy", e.getMessage());
        }
    }

    public boolean isOAuth() {
        return clientId != null;
    }

    /** The same portal in another state (an install whose refresh token was refused). */
    public PortalDefinition withState(PortalState newState) {
        return new PortalDefinition(
                name,
                url,
                userId,
                token,
                clientId,
                clientSecret,
                accessToken,
                refreshToken,
                oauthServerUrl,
                trustStoreFile,
                trustStorePassword,
                trustStorePem,
                rateLimitPlan,
                burstLimit,
                drainRate,
                driftPolicy,
                source,
                memberId,
                applicationToken,
                newState,
                newState == PortalState.INVALID ? problem : null);
    }

    /**
     * The portal's domain, e.g. {@code acme.bitrix24.com}, with its port when the URL gives one (an on-premise portal,
     * the simulator): rows and commands may name a portal by it, and an install's {@code auth[domain]} is matched
     * against it.
     */
    public String domain() {
        if (url == null) {
            return null; // an invalid portal whose file could not be read
        }
        try {
            String authority = URI.create(url).getAuthority();
            return authority == null ? null : authority.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null; // an invalid portal keeps the address it was stored with, whatever it is
        }
    }

    @Override
    public String toString() {
        return "PortalDefinition[name=" + name + ", url=" + url + ", auth="
                + (isOAuth() ? "oauth, clientId=" + clientId : "webhook, userId=" + userId) + ", rateLimitPlan="
                + rateLimitPlan + ", source=" + source.wireName() + (memberId == null ? "" : ", memberId=" + memberId)
                + ", state=" + state.wireName() + "]";
    }

    private static void put(Map<String, String> s, String key, String value) {
        if (value != null) {
            s.put(key, value);
        }
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidPortalException(
                    "name",
                    "a portal name is 1 to 40 lower-case letters, digits and dashes, starting with a letter "
                            + "or digit (it becomes part of an endpoint scheme)");
        }
    }

    /**
     * Webhook (user-id, token) or OAuth (client-id, client-secret and the tokens its install issued), one of them
     * complete: the component's own check ({@link PortalCredentials}), told with the settings' names.
     */
    private static void checkCredentials(Function<PortalCredentials.Option, String> given) {
        try {
            PortalCredentials.check(given, false);
        } catch (PortalCredentials.Refused e) {
            throw new InvalidPortalException(setting(e.option()), e.reason(PortalDefinition::setting));
        }
    }

    /** A credential option by the settings' name for it: {@code clientSecret} is {@code client-secret}. */
    private static String setting(PortalCredentials.Option option) {
        return option.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String checkUrl(String url) {
        if (url == null) {
            throw new InvalidPortalException("url", "is required, e.g. https://example.bitrix24.com");
        }
        return checkHttpUrl("url", url);
    }

    /**
     * https, or http to a loopback address only: a portal's webhook code or token never crosses a network in clear. The
     * component's own rule ({@link SecureUris#credentialsUrl}), told here with the setting's name.
     */
    private static String checkHttpUrl(String field, String url) {
        try {
            return SecureUris.credentialsUrl(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidPortalException(field, e.getMessage());
        }
    }

    private static RateLimitPlan plan(String value) {
        try {
            return RateLimitPlan.valueOf(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidPortalException(
                    "rate-limit-plan", "'" + value + "' is not one of " + Arrays.toString(RateLimitPlan.values()));
        }
    }

    private static int positiveInt(String field, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new InvalidPortalException(field, "must be a whole number above 0, not '" + value + "'");
    }

    private static double positiveDouble(String field, String value) {
        try {
            double n = Double.parseDouble(value);
            if (n > 0 && Double.isFinite(n)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new InvalidPortalException(field, "must be a number above 0, not '" + value + "'");
    }
}
