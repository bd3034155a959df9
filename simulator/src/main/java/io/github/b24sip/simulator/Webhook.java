package io.github.b24sip.simulator;

import java.util.Set;

/** An incoming webhook: {@code /rest/{userId}/{code}/}, with the scopes it was created with. */
public record Webhook(int userId, String code, Set<String> scopes) {

    public Webhook(int userId, String code) {
        this(userId, code, Set.of("telephony"));
    }

    @Override
    public String toString() {
        return "Webhook[userId=" + userId + ", code=***, scopes=" + scopes + "]";
    }
}
