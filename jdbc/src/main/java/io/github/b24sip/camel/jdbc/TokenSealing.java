package io.github.b24sip.camel.jdbc;

/**
 * How {@link JdbcTokenStore} keeps tokens at rest: a table of live OAuth tokens is a secret in itself, so an
 * application seals each value (for example with AES-GCM under a key of its own) before it is written, and opens it
 * when read. The context names the value's place (portal, client and which token), so a sealed value copied into
 * another row does not open.
 */
public interface TokenSealing {

    /** Stores values as they are: only for a database whose rows are as private as the tokens themselves. */
    TokenSealing NONE = new TokenSealing() {
        @Override
        public String seal(String plain, String context) {
            return plain;
        }

        @Override
        public String open(String stored, String context) {
            return stored;
        }

        @Override
        public String toString() {
            return "TokenSealing.NONE";
        }
    };

    String seal(String plain, String context);

    String open(String stored, String context);

    /** Whether a stored value was written in clear or under a previous key, and is to be sealed again. */
    default boolean needsResealing(String stored) {
        return false;
    }

    /** The context of one token of a portal's OAuth application: {@code which} is {@code access} or {@code refresh}. */
    static String tokenContext(String portalUrl, String clientId, String which) {
        return "oauth:" + portalUrl + ":" + clientId + ":" + which;
    }
}
