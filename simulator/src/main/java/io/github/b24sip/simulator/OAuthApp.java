package io.github.b24sip.simulator;

import java.util.Set;

/** A Bitrix24 application installed on a portal, calling REST on behalf of user {@code userId}. */
public record OAuthApp(String clientId, String clientSecret, int userId, Set<String> scopes) {

    public OAuthApp(String clientId, String clientSecret) {
        this(clientId, clientSecret, 1, Set.of("telephony"));
    }

    @Override
    public String toString() {
        return "OAuthApp[clientId=" + clientId + ", clientSecret=***, userId=" + userId + ", scopes=" + scopes + "]";
    }
}
