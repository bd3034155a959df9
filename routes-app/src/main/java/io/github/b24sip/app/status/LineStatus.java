package io.github.b24sip.app.status;

import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A cloud line's registration status as the app publishes it downstream (JSON) and shows it: the portal's name in
 * this app, the line, the status and the one before it. No password or credential.
 */
@RegisterForReflection
public record LineStatus(
        String portal,
        int configId,
        String title,
        long regId,
        String status,
        String previousStatus,
        Integer statusCode,
        String errorMessage,
        String lastUpdated,
        boolean removed) {

    public static LineStatus of(String portal, SipLineStatusEvent e) {
        return new LineStatus(
                portal,
                e.configId(),
                e.title(),
                e.regId(),
                e.statusResult(),
                e.previousStatusResult(),
                e.statusCode(),
                e.errorMessage(),
                e.lastUpdated() == null ? null : e.lastUpdated().toString(),
                e.removed());
    }
}
