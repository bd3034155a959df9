package io.github.b24sip.app.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A provisioning command as it arrives on Kafka or JMS:
 * {@code {"id", "action": "upsert|delete", "portal", "line": {title, type, server, login, password}}}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record LineCommand(String id, String action, String portal, Line line) {

    /** {@code toString} never prints the password. */
    public record Line(String title, String type, String server, String login, String password) {
        @Override
        public String toString() {
            return "Line[title=" + title + ", type=" + type + ", server=" + server + ", login=" + login
                    + ", password=***]";
        }
    }
}
