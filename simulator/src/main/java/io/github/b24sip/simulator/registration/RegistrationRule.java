package io.github.b24sip.simulator.registration;

import java.util.Locale;

/** Decides, deterministically, how a SIP registration with the provider ends. */
@FunctionalInterface
public interface RegistrationRule {

    Outcome decide(String server, String login, String password);

    /** The final SIP answer: 200 is success, anything else an error with its reason phrase. */
    record Outcome(int statusCode, String errorMessage) {
        public boolean successful() {
            return statusCode == 200;
        }
    }

    /**
     * The default rule: a server ending in {@code .invalid} fails with 404 Not Found, the login {@code wrong} fails
     * with 403 Forbidden, an empty password fails with 401 Unauthorized, everything else registers (200).
     */
    static RegistrationRule standard() {
        return (server, login, password) -> {
            String host = server == null ? "" : server.toLowerCase(Locale.ROOT);
            if (host.endsWith(".invalid") || host.contains(".invalid:")) {
                return new Outcome(404, "Not Found");
            }
            if ("wrong".equalsIgnoreCase(login)) {
                return new Outcome(403, "Forbidden");
            }
            if (password == null || password.isEmpty()) {
                return new Outcome(401, "Unauthorized");
            }
            return new Outcome(200, "");
        };
    }
}
