package io.github.b24sip.camel.voximplant;

import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Camel's developer console for voximplant-sip ({@code camel dev-console}, Quarkus's dev UI, {@code /q/dev}): each
 * account of each voximplant-sip component in the context with its requests so far, its last health probe, its last
 * registrations poll and its last error. Never a key, a token or a password.
 */
@DevConsole(
        name = "voximplant-sip",
        displayName = "Voximplant SIP",
        description = "Voximplant accounts: requests, health, polls")
public class VoximplantSipDevConsole extends AbstractDevConsole {

    public VoximplantSipDevConsole() {
        super("camel", "voximplant-sip", "Voximplant SIP", "Voximplant accounts: requests, health, polls");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, List<AccountSnapshot>> component : components().entrySet()) {
            for (AccountSnapshot a : component.getValue()) {
                text.append(String.format(
                        "%s account %s: %d requests, health %s%s, last poll %s, last error %s%n",
                        component.getKey(),
                        a.account(),
                        a.requests(),
                        a.up() == null ? "not checked" : a.up() ? "up" : "down",
                        a.checkedAt() == null ? "" : " at " + a.checkedAt(),
                        orDash(a.lastPoll()),
                        a.lastError() == null ? "-" : a.lastErrorAt() + " " + a.lastError()));
            }
        }
        return text.toString();
    }

    @Override
    protected JsonObject doCallJson(Map<String, Object> options) {
        JsonArray accounts = new JsonArray();
        for (Map.Entry<String, List<AccountSnapshot>> component : components().entrySet()) {
            for (AccountSnapshot a : component.getValue()) {
                JsonObject o = new JsonObject();
                o.put("component", component.getKey());
                o.put("account", a.account());
                o.put("requests", a.requests());
                o.put("up", a.up());
                o.put("checkedAt", text(a.checkedAt()));
                o.put("lastPoll", text(a.lastPoll()));
                o.put("lastPollFailureAt", text(a.lastPollFailureAt()));
                o.put("lastErrorAt", text(a.lastErrorAt()));
                o.put("lastError", a.lastError());
                accounts.add(o);
            }
        }
        JsonObject root = new JsonObject();
        root.put("accounts", accounts);
        return root;
    }

    /** Each voximplant-sip component of the context by name (the app adds one per account, under its own scheme). */
    private Map<String, List<AccountSnapshot>> components() {
        Map<String, List<AccountSnapshot>> components = new TreeMap<>();
        for (String name : new ArrayList<>(getCamelContext().getComponentNames())) {
            if (getCamelContext().hasComponent(name) instanceof VoximplantSipComponent c) {
                components.put(name, c.accounts());
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
