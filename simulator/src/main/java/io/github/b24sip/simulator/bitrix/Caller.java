package io.github.b24sip.simulator.bitrix;

import java.util.Set;

/**
 * Who is calling: a webhook of user {@code userId}, or an OAuth application acting for that user.
 *
 * @param appId     the owning application of the lines this caller sees: the client_id, or "" for webhooks
 * @param budgetKey the key of the operating-time budget (auth type and client_id or webhook)
 * @param label     how the journal names the credential, never its secret
 */
record Caller(Kind kind, int userId, String appId, Set<String> scopes, String budgetKey, String label) {

    enum Kind {
        WEBHOOK,
        OAUTH
    }

    String tokenKind() {
        return kind == Kind.WEBHOOK ? "webhook token" : "access token";
    }
}
