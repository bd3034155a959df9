package io.github.b24sip.app.install;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.CamelStarted;
import io.github.b24sip.app.portal.PortalComponents;
import io.github.b24sip.app.portal.PortalDefinition;
import io.github.b24sip.app.portal.PortalSource;
import io.github.b24sip.app.portal.PortalStores;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.app.secret.Secrets;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The application's handler ({@code POST /bitrix24/events}): installs bring portals in, uninstalls take them out.
 * Both body shapes are taken, so one URL serves as the install path and the event handler: an event or install
 * callback ({@code event}, {@code auth[member_id]}, {@code auth[refresh_token]}, {@code auth[application_token]}, …)
 * and the install page of an application with a UI ({@code member_id}, {@code REFRESH_ID}, {@code APPLICATION_TOKEN},
 * …). See {@code settings/app-installation/*} and {@code api-reference/common/events/on-app-install.md},
 * {@code on-app-uninstall.md}, {@code api-reference/events/safe-event-handlers.md} of the Bitrix24 REST docs.
 *
 * <p>Nothing in a body is believed as it stands: an install is confirmed at the OAuth server ({@link
 * OAuthServerClient}), which says which portal the tokens belong to; every later event must carry the {@code
 * application_token} of the install. A refusal changes nothing.
 */
@ApplicationScoped
public class ApplicationEvents {

    private static final Logger LOG = Logger.getLogger(ApplicationEvents.class);
    private static final String TELEPHONY = "telephony";

    @Inject
    AppConfig config;

    @Inject
    Portals portals;

    @Inject
    PortalComponents components;

    @Inject
    OAuthServerClient oauthServer;

    @Inject
    PortalStores stores;

    @Inject
    InstallQueue queue;

    @Inject
    PendingInstalls pending;

    @Inject
    CamelContext camel;

    /**
     * Handles one POST; returns what to answer. {@code form} holds the body's fields by their flat names. Installs are
     * confirmed on the install threads ({@link InstallQueue}); every event of a member_id runs alone, in order.
     */
    public Map<String, Object> handle(Map<String, String> form) {
        if (config.application().clientId().isEmpty()
                || config.application().clientSecret().isEmpty()) {
            throw new InstallRefusedException(
                    404, "application mode is off: set b24sip.application.client-id and client-secret");
        }
        if (!stores.runtimePortals()) {
            throw new InstallRefusedException(
                    503, new Secrets.MissingSecretsKeyException("installed portals").getMessage());
        }
        String event = field(form, "event").map(e -> e.toUpperCase(Locale.ROOT)).orElse(null);
        if (event == null) {
            if (form.containsKey("REFRESH_ID") || form.containsKey("AUTH_ID")) {
                String memberId = required(form, "member_id");
                String refreshToken = required(form, "REFRESH_ID");
                String applicationToken = required(form, "APPLICATION_TOKEN");
                return queue.confirm(memberId, () -> install(memberId, refreshToken, applicationToken));
            }
            if (form.containsKey("auth[refresh_token]")) {
                return installFromAuth(form);
            }
            throw new InstallRefusedException(400, "event: missing; not an event, install callback or install page");
        }
        return switch (event) {
            case "ONAPPINSTALL" -> installFromAuth(form);
            case "ONAPPUNINSTALL" -> {
                String memberId = required(form, "auth[member_id]");
                yield queue.inOrder(memberId, () -> uninstall(form));
            }
            default -> otherEvent(event, form);
        };
    }

    private Map<String, Object> installFromAuth(Map<String, String> form) {
        String memberId = required(form, "auth[member_id]");
        String refreshToken = required(form, "auth[refresh_token]");
        String applicationToken = required(form, "auth[application_token]");
        return queue.confirm(memberId, () -> install(memberId, refreshToken, applicationToken));
    }

    /**
     * An install, believed once the OAuth server confirms its refresh token for this application and names the same
     * member_id; the portal's address and scope come from that answer, not from the body. The pair the answer carries
     * is kept ({@link PendingInstalls}) before the portal is stored, so neither a crash nor a timeout loses it. An
     * install sent again after its refresh token was spent (it reached the OAuth server, and this app kept the answer)
     * is answered as done.
     */
    private Map<String, Object> install(String memberId, String refreshToken, String applicationToken) {
        OAuthConfirmation confirmed;
        try {
            confirmed = oauthServer.confirm(refreshToken);
        } catch (InstallRefusedException refused) {
            if (refused.status() == 401) {
                Optional<Map<String, Object>> done = alreadyConfirmed(memberId, applicationToken);
                if (done.isPresent()) {
                    return done.get();
                }
            }
            throw refused;
        }
        if (confirmed.memberId() == null || !confirmed.memberId().equals(memberId)) {
            throw new InstallRefusedException(
                    401,
                    "the OAuth server confirmed the tokens for another portal than member_id " + memberId
                            + ": not believed, nothing changed");
        }
        if (confirmed.clientEndpoint() == null) {
            throw new InstallRefusedException(
                    401, "the OAuth server named no client endpoint for member_id " + memberId);
        }
        if (!confirmed.hasScope(TELEPHONY)) {
            throw new InstallRefusedException(
                    403,
                    "the application was installed without the telephony scope (" + confirmed.scope()
                            + "): the voximplant.sip.* methods need it");
        }
        pending.record(new PendingInstalls.Pending(memberId, applicationToken, confirmed));
        return complete(memberId, applicationToken, confirmed, "installed");
    }

    /**
     * The OAuth server refused the refresh token: spent, if this app confirmed the same install before. With the
     * install's application_token, its kept answer completes it (or it is complete already), and the sender is told
     * so; anything else stays refused.
     */
    private Optional<Map<String, Object>> alreadyConfirmed(String memberId, String applicationToken) {
        Optional<PendingInstalls.Pending> kept = pending.find(memberId);
        if (kept.isPresent() && sameToken(kept.get().applicationToken(), applicationToken)) {
            return Optional.of(complete(
                    memberId, applicationToken, kept.get().confirmation(), "installed from the answer kept for it"));
        }
        Optional<PortalDefinition> installed = byMemberId(memberId);
        if (installed.isPresent() && sameToken(installed.get().applicationToken(), applicationToken)) {
            LOG.infof(
                    "Portal %s: its install was sent again after it completed (member_id %s): answered as done",
                    installed.get().name(), memberId);
            return Optional.of(answer(installed.get().name()));
        }
        return Optional.empty();
    }

    /** Stores the confirmed install, then forgets the kept answer. */
    private Map<String, Object> complete(
            String memberId, String applicationToken, OAuthConfirmation confirmed, String how) {
        Map<String, Object> answer = store(memberId, applicationToken, confirmed, how);
        pending.forget(memberId);
        return answer;
    }

    /**
     * Installs confirmed before a crash (or while their sender had stopped waiting) and not completed: completed once
     * Camel runs, so their portals start as any other.
     */
    void completeKept(@Observes StartupEvent start) {
        if (config.application().clientId().isEmpty() || !stores.runtimePortals()) {
            return;
        }
        CamelStarted.then(camel, () -> {
            for (PendingInstalls.Pending kept : pending.all()) {
                try {
                    queue.inOrder(
                            kept.memberId(),
                            () -> complete(
                                    kept.memberId(),
                                    kept.applicationToken(),
                                    kept.confirmation(),
                                    "installed at start from the answer kept for it"));
                } catch (RuntimeException e) {
                    LOG.errorf(
                            "The install of member_id %s, confirmed before the app stopped, could not be completed "
                                    + "(%s); it stays kept and is tried again at the next start",
                            kept.memberId(), e.getMessage());
                }
            }
        });
    }

    private static boolean sameToken(String kept, String given) {
        return kept != null
                && MessageDigest.isEqual(kept.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> answer(String portal) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "success");
        answer.put("portal", portal);
        return answer;
    }

    /**
     * The confirmed install, kept: named and stored one at a time (local work only, no network), so two portals
     * installing at once never take the same name.
     */
    private synchronized Map<String, Object> store(
            String memberId, String applicationToken, OAuthConfirmation confirmed, String how) {
        Optional<PortalDefinition> existing = byMemberId(memberId);
        String url = confirmed.portalUrl();
        String name = existing.map(PortalDefinition::name).orElseGet(() -> newName(url, memberId));
        AppConfig.Application app = config.application();
        PortalDefinition portal = PortalDefinition.installed(
                name,
                url,
                new PortalDefinition.OAuthApplication(
                        app.clientId().get(),
                        app.clientSecret().get(),
                        app.oauthServerUrl(),
                        app.trustStoreFile().orElse(null),
                        app.trustStorePassword().orElse(null),
                        app.rateLimitPlan()),
                confirmed.accessToken(),
                confirmed.refreshToken(),
                new PortalDefinition.Install(memberId, applicationToken));
        // the pair just issued replaces whatever pair the stores held: the one they have is spent or revoked
        components.saveTokens(portal);
        portals.put(portal);
        LOG.infof(
                "Portal %s %s by the application's install (member_id %s, %s)",
                name, existing.isPresent() ? how.replaceFirst("^installed", "installed again") : how, memberId, url);
        return answer(name);
    }

    /** Genuine only with the application_token of the install; its tokens are revoked already, so none is used. */
    private Map<String, Object> uninstall(Map<String, String> form) {
        PortalDefinition portal = genuine(form);
        boolean clean = "1".equals(field(form, "data[CLEAN]").orElse("0"));
        portals.remove(portal.name(), clean);
        LOG.infof(
                "Portal %s uninstalled the application (member_id %s)%s",
                portal.name(), portal.memberId(), clean ? "; its data cleared" : "");
        return Map.of("status", "success", "portal", portal.name());
    }

    private Map<String, Object> otherEvent(String event, Map<String, String> form) {
        PortalDefinition portal = genuine(form);
        LOG.debugf("Event %s of portal %s taken and ignored", event, portal.name());
        return Map.of("status", "ignored", "portal", portal.name());
    }

    /** The installed portal an event is about, once its application_token matches the install's. */
    private PortalDefinition genuine(Map<String, String> form) {
        String memberId = required(form, "auth[member_id]");
        String token = required(form, "auth[application_token]");
        PortalDefinition portal = byMemberId(memberId)
                .orElseThrow(() -> new InstallRefusedException(
                        401, "no installed portal has member_id " + memberId + ": not believed, nothing changed"));
        if (!sameToken(portal.applicationToken(), token)) {
            throw new InstallRefusedException(
                    401,
                    "auth[application_token] is not the one of the install of member_id " + memberId
                            + ": not believed, nothing changed");
        }
        return portal;
    }

    /**
     * The installed portal with this member_id: known here, or stored by another instance that this one has not taken
     * in yet (so an install again, whichever instance it reaches, never makes a second portal).
     */
    private Optional<PortalDefinition> byMemberId(String memberId) {
        Optional<PortalDefinition> known = portals.definitions().stream()
                .filter(p -> p.source() == PortalSource.INSTALL && memberId.equals(p.memberId()))
                .findFirst();
        return known.isPresent() ? known : stores.store().findByMemberId(memberId);
    }

    /**
     * A new portal's name: its domain with every character outside {@code [a-z0-9-]} turned into {@code -} ({@code
     * acme.bitrix24.com} is {@code acme-bitrix24-com}), cut to 40; when another portal has that name, the start of
     * its member_id is added.
     */
    static String newName(String url, String memberId, Predicate<String> taken) {
        String base = URI.create(url).getAuthority().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        base = base.replaceAll("^-+", "");
        String name = base.length() > 40 ? base.substring(0, 40) : base;
        if (name.isEmpty() || taken.test(name)) {
            String suffix = "-" + memberId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            suffix = suffix.substring(0, Math.min(suffix.length(), 9));
            name = (base.length() > 40 - suffix.length() ? base.substring(0, 40 - suffix.length()) : base) + suffix;
        }
        return name;
    }

    private String newName(String url, String memberId) {
        return newName(
                url,
                memberId,
                n -> portals.definition(n).isPresent() || config.portals().containsKey(n));
    }

    private static Optional<String> field(Map<String, String> form, String name) {
        String value = form.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static String required(Map<String, String> form, String name) {
        return field(form, name).orElseThrow(() -> new InstallRefusedException(400, name + ": missing"));
    }
}
