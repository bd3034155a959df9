package io.github.b24sip.camel.bitrix24;

import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Camel's developer console for bitrix24-sip ({@code camel dev-console}, Quarkus's dev UI, {@code /q/dev}): each
 * portal of each bitrix24-sip component in the context with its pacer level, requests so far, when its OAuth access
 * token expires (the time only, never the token), its last status poll and its last error.
 */
@DevConsole(
        name = "bitrix24-sip",
        displayName = "Bitrix24 SIP",
        description = "Bitrix24 portals: pacing, tokens, polls")
public class Bitrix24SipDevConsole extends AbstractDevConsole {

    public Bitrix24SipDevConsole() {
        super("camel", "bitrix24-sip", "Bitrix24 SIP", "Bitrix24 portals: pacing, tokens, polls");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, List<PortalSnapshot>> component : components().entrySet()) {
            for (PortalSnapshot p : component.getValue()) {
                text.append(String.format(
                        "%s %s: bucket %.1f, %d requests (%d waited), %s, token expires %s%s, last poll %s, "
                                + "last error %s%n",
                        component.getKey(),
                        p.portal(),
                        p.pacerLevel(),
                        p.requests(),
                        p.rateLimitWaits(),
                        p.auth(),
                        orDash(p.tokenExpiresAt()),
                        p.reinstallNeeded() ? " (refresh refused: install the application again)" : "",
                        orDash(p.lastPoll()),
                        p.lastError() == null ? "-" : p.lastErrorAt() + " " + p.lastError()));
            }
        }
        return text.toString();
    }

    @Override
    protected JsonObject doCallJson(Map<String, Object> options) {
        JsonArray portals = new JsonArray();
        for (Map.Entry<String, List<PortalSnapshot>> component : components().entrySet()) {
            for (PortalSnapshot p : component.getValue()) {
                JsonObject o = new JsonObject();
                o.put("component", component.getKey());
                o.put("portal", p.portal());
                o.put("pacerLevel", p.pacerLevel());
                o.put("requests", p.requests());
                o.put("rateLimitWaits", p.rateLimitWaits());
                o.put("auth", p.auth());
                o.put("tokenExpiresAt", text(p.tokenExpiresAt()));
                o.put("reinstallNeeded", p.reinstallNeeded());
                o.put("lastPoll", text(p.lastPoll()));
                o.put("lastPollFailureAt", text(p.lastPollFailureAt()));
                o.put("lastErrorAt", text(p.lastErrorAt()));
                o.put("lastError", p.lastError());
                portals.add(o);
            }
        }
        JsonObject root = new JsonObject();
        root.put("portals", portals);
        return root;
    }

    /** Each bitrix24-sip component of the context by name (the app adds one per portal, under its own scheme). */
    private Map<String, List<PortalSnapshot>> components() {
        Map<String, List<PortalSnapshot>> components = new java.util.TreeMap<>();
        for (String name : new ArrayList<>(getCamelContext().getComponentNames())) {
            if (getCamelContext().hasComponent(name) instanceof Bitrix24SipComponent c) {
                components.put(name, c.portals());
            }
        }
        return components;
    }

    private static String orDash(Instant at) {
        return at == null ? "-" : at.toString();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
