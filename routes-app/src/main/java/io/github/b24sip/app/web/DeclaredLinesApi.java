package io.github.b24sip.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.desired.DeclaredLine;
import io.github.b24sip.app.desired.DeclaredOutgoing;
import io.github.b24sip.app.desired.DeclaredState;
import io.github.b24sip.app.desired.DriftRecord;
import io.github.b24sip.app.desired.DriftWatch;
import io.github.b24sip.app.desired.PortalDeclaration;
import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.app.portal.PortalDefinition;
import io.github.b24sip.app.portal.PortalSync;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.app.web.PortalApi.Answer;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipValidationException;
import io.github.b24sip.camel.bitrix24.model.PortalValues;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.support.SpecValidator;
import io.github.b24sip.camel.bitrix24.sync.SyncRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A portal's declared lines over the API: {@code GET /api/portals/{name}/lines} (the declaration, where each line came
 * from, the drift last reported; never a password), {@code PUT} of the whole set (a JSON array of lines, or {@code
 * {"lines": [...], "outgoing": "<title>"}} to also declare the default outgoing line), {@code GET /api/portals/{name}/plan} (what a sync would do to bring the portal to it: a dry run),
 * and {@code POST /api/portals/{name}/drift/resume} (repair lines whose repair was suspended).
 */
@ApplicationScoped
public class DeclaredLinesApi {

    @Inject
    Portals portals;

    @Inject
    DeclaredState declared;

    @Inject
    DriftWatch drift;

    @Inject
    PortalSync sync;

    @Inject
    ObjectMapper json;

    public Answer get(String name) {
        Optional<PortalDefinition> portal = portals.definition(name);
        if (portal.isEmpty()) {
            return notFound(name);
        }
        PortalDeclaration declaration = declared.of(name);
        DriftRecord record = declared.drift(name);
        List<Map<String, Object>> lines = new ArrayList<>();
        declaration.lines().values().forEach(l -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("title", l.title());
            view.put("absent", l.absent());
            if (!l.absent()) {
                view.put("type", l.type());
                view.put("server", l.server());
                view.put("login", l.login());
                view.put("password", l.password() == null ? "not declared" : "declared");
            }
            view.put("declaredBy", l.origin());
            view.put("declaredAt", l.declaredAt());
            lines.add(view);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("portal", name);
        body.put("policy", declared.policy(portal.get()).wireName());
        body.put("mirror", declaration.mirror());
        body.put("mirrorDeclaredBy", declaration.mirrorOrigin());
        body.put("outgoing", declaration.outgoing());
        body.put("lines", lines);
        body.put("drift", record.reported().values());
        body.put("suspended", record.suspended().keySet());
        return new Answer(200, body);
    }

    public Answer put(String name, byte[] body) {
        if (portals.definition(name).isEmpty()) {
            return notFound(name);
        }
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            return invalid("body", "is not JSON: give an array of lines, or {\"lines\": [...]}");
        }
        JsonNode array = root != null && root.isObject() ? root.get("lines") : root;
        if (array == null || !array.isArray()) {
            return invalid("body", "must be an array of lines, or {\"lines\": [...]}");
        }
        Instant now = Instant.now();
        List<DeclaredLine> lines = new ArrayList<>();
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "lines[" + i + "]";
            SipLineSpec spec;
            try {
                spec = SipLineSpec.from(json.convertValue(array.get(i), Map.class));
                SpecValidator.checkAdd(spec);
            } catch (Bitrix24SipValidationException e) {
                return invalid(at + "." + e.getField(), e.getDescription());
            } catch (Bitrix24SipException e) {
                return invalid(at, e.getDescription());
            } catch (IllegalArgumentException e) {
                return invalid(at, "is not a line object");
            }
            if (!titles.add(PortalValues.titleKey(spec.title()))) {
                return invalid(
                        at + ".title",
                        "'" + spec.title().trim() + "' is given twice (titles match without regard " + "to case)");
            }
            lines.add(DeclaredLine.of(spec, "api", now));
        }
        PortalDeclaration whole = PortalDeclaration.wholeSet(name, lines, "api", now);
        JsonNode outgoing = root.isObject() ? root.get("outgoing") : null;
        if (outgoing != null && !outgoing.isNull()) {
            String title = outgoing.asText("").trim();
            if (!outgoing.isTextual() || !titles.contains(PortalValues.titleKey(title))) {
                return invalid("outgoing", "must be the title of one of the lines");
            }
            whole = whole.withOutgoing(new DeclaredOutgoing(title, "api", now));
        }
        declared.replace(name, whole);
        return get(name);
    }

    public Answer plan(Exchange request, String name) {
        if (portals.definition(name).isEmpty()) {
            return notFound(name);
        }
        PortalDeclaration declaration = declared.of(name);
        List<SipLineSpec> desired = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        declaration.lines().values().forEach(l -> {
            if (l.absent()) {
                absent.add(l.title());
            } else {
                desired.add(l.spec());
            }
        });
        try {
            return new Answer(
                    200,
                    sync.sync(
                            request,
                            name,
                            ChangeSource.API,
                            SyncRequest.of(desired)
                                    .withAbsentTitles(absent)
                                    .withPrune(declaration.mirror())
                                    .withDryRun(true)));
        } catch (Bitrix24SipException e) {
            return new Answer(502, Map.of("error", e.getMessage()));
        }
    }

    public Answer resume(String name) {
        if (portals.definition(name).isEmpty()) {
            return notFound(name);
        }
        drift.resume(name);
        return new Answer(204, null);
    }

    private static Answer notFound(String name) {
        return new Answer(404, Map.of("error", "no portal named " + name));
    }

    private static Answer invalid(String field, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("field", field);
        body.put("error", field + ": " + message);
        return new Answer(400, body);
    }
}
