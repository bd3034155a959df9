package io.github.b24sip.app.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A provisioning command as it arrives on Kafka or JMS:
 * {@code {"id", "action": "upsert|delete", "portal", "line": {title, type, server, login, password}, "outgoing"}}
 * ({@code "outgoing": true}: the line is also made the portal's default outgoing line), or, with
 * {@code "kind": "registration"}, {@code {"id", "kind", "action", "account", "registration": {sip_username, proxy,
 * auth_user, outbound_proxy, password, application, rule, user}}}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@RegisterForReflection
public record LineCommand(
        String id,
        String kind,
        String action,
        String portal,
        Line line,
        Boolean outgoing,
        String account,
        Registration registration) {

    public static final String REGISTRATION = "registration";

    /** {@code toString} never prints the password. */
    @RegisterForReflection
    public record Line(String title, String type, String server, String login, String password) {
        @Override
        public String toString() {
            return "Line[title=" + title + ", type=" + type + ", server=" + server + ", login=" + login
                    + ", password=***]";
        }
    }

    /** A registration of a Voximplant account; {@code toString} never prints the password. */
    @RegisterForReflection
    public record Registration(
            @JsonProperty("sip_username") String sipUsername,
            String proxy,
            @JsonProperty("auth_user") String authUser,
            @JsonProperty("outbound_proxy") String outboundProxy,
            String password,
            String application,
            String rule,
            String user) {
        @Override
        public String toString() {
            return "Registration[" + sipUsername + "@" + proxy + ", password=***]";
        }
    }

    public boolean isRegistration() {
        return REGISTRATION.equals(kind);
    }
}
