package io.github.b24sip.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.portal.InvalidPortalException;
import io.github.b24sip.app.portal.PortalActivity;
import io.github.b24sip.app.portal.PortalComponents;
import io.github.b24sip.app.portal.PortalDefinition;
import io.github.b24sip.app.portal.PortalSource;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.app.secret.Secrets;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /api/portals}: list, read, add or replace, and remove the portals the app works with. Secrets are write-only:
 * a PUT takes them, no answer shows one. Portals of the properties are listed and read, but answer 409 to PUT and
 * DELETE. A change made here is stored, in effect on this instance at once, and on every other within {@code
 * b24sip.portal-store.refresh}.
 */
@ApplicationScoped
public class PortalApi {

    /** An answer: HTTP status and a body to write as JSON (null for none). */
    @RegisterForReflection
    public record Answer(int status, Object body) {}

    /** A portal as the API shows it: no secret, where it came from, and who polls it. */
    @RegisterForReflection
    public record PortalView(
            String name,
            String url,
            String auth,
            String userId,
            String clientId,
            String source,
            String state,
            String memberId,
            String rateLimitPlan,
            Integer burstLimit,
            Double drainRate,
            String trustStoreFile,
            Instant lastPoll,
            String polledBy,
            String problem) {}

    @Inject
    Portals portals;

    @Inject
    PortalActivity activity;

    @Inject
    PortalComponents components;

    @Inject
    ObjectMapper json;

    public Answer list() {
        List<PortalView> views = new ArrayList<>();
        portals.definitions().forEach(p -> views.add(view(p)));
        return new Answer(200, Map.of("count", views.size(), "portals", views));
    }

    public Answer get(String name) {
        return portals.definition(name).map(p -> new Answer(200, view(p))).orElseGet(() -> notFound(name));
    }

    public Answer put(String name, byte[] body) {
        Map<String, String> settings;
        try {
            settings = settings(body);
        } catch (InvalidPortalException e) {
            return invalid(e);
        }
        for (String field : PortalDefinition.INSTALL_FIELDS) {
            if (settings.containsKey(field)) {
                return invalid(new InvalidPortalException(field, "is set by an application install, not the API"));
            }
        }
        PortalDefinition portal;
        try {
            portal = PortalDefinition.of(name, settings, PortalSource.API);
        } catch (InvalidPortalException e) {
            return invalid(e);
        }
        Optional<PortalDefinition> before = portals.definition(name);
        try {
            // its trust store opened now, so a wrong password is this answer's 400, not a portal that cannot start
            components.check(portal);
        } catch (InvalidPortalException e) {
            return invalid(e);
        }
        try {
            if (portal.isOAuth() && !sameTokens(before, portal)) {
                // tokens given now replace the pair the token store kept, which would otherwise win over them
                components.saveTokens(portal);
            }
            portals.put(portal);
        } catch (Portals.ConfiguredPortalException | Secrets.MissingSecretsKeyException e) {
            return error(409, e.getMessage());
        }
        return new Answer(before.isPresent() ? 200 : 201, view(portal));
    }

    public Answer delete(String name) {
        try {
            return portals.remove(name, false) ? new Answer(204, null) : notFound(name);
        } catch (Portals.ConfiguredPortalException e) {
            return error(409, e.getMessage());
        }
    }

    private Map<String, String> settings(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPortalException("body", "must be a JSON object of portal settings, e.g. {\"url\": …}");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual() && !value.isNumber()) {
                throw new InvalidPortalException(field.getKey(), "must be a string or a number");
            }
            settings.put(field.getKey(), value.asText());
        }
        return settings;
    }

    private PortalView view(PortalDefinition p) {
        return new PortalView(
                p.name(),
                p.url(),
                p.isOAuth() ? "oauth" : "webhook",
                p.userId(),
                p.clientId(),
                p.source().wireName(),
                p.state().wireName(),
                p.memberId(),
                p.rateLimitPlan().name(),
                p.burstLimit(),
                p.drainRate(),
                p.trustStoreFile(),
                activity.lastPoll(p.name()).orElse(null),
                activity.polledBy(p.name()).orElse(null),
                p.problem());
    }

    private static boolean sameTokens(Optional<PortalDefinition> before, PortalDefinition now) {
        return before.filter(b -> Objects.equals(b.accessToken(), now.accessToken())
                        && Objects.equals(b.refreshToken(), now.refreshToken())
                        && Objects.equals(b.url(), now.url())
                        && Objects.equals(b.clientId(), now.clientId()))
                .isPresent();
    }

    private static Answer notFound(String name) {
        return error(404, "no portal named '" + name + "'");
    }

    private static Answer invalid(InvalidPortalException e) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("field", e.field());
        body.put("error", e.getMessage());
        return new Answer(400, body);
    }

    private static Answer error(int status, String message) {
        return new Answer(status, Map.of("error", message));
    }
}
