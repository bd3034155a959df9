package io.github.b24sip.app.account;

import io.github.b24sip.camel.voximplant.model.SipRegistrationEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A registration's state change as the app sends it to the status sinks, beside the lines' events: {@code kind}
 * {@code registration}, and the account it is about. No password.
 *
 * @param status successful, failed, in-progress or deactivated (the last known one when {@code removed})
 */
@RegisterForReflection
public record RegistrationStatus(
        String kind,
        String account,
        long sipRegistrationId,
        String sipUsername,
        String proxy,
        String status,
        String previousStatus,
        Integer statusCode,
        String errorMessage,
        String lastUpdated,
        boolean removed) {

    public static final String KIND = "registration";

    public static RegistrationStatus of(String account, SipRegistrationEvent e) {
        return new RegistrationStatus(
                KIND,
                account,
                e.sipRegistrationId(),
                e.sipUsername(),
                e.proxy(),
                e.state().name(),
                e.previous() == null ? null : e.previous().name(),
                e.statusCode(),
                e.errorMessage(),
                e.lastUpdated() == null ? null : e.lastUpdated().toString(),
                e.removed());
    }

    /** The registration's key, as sync and the API name it: user name at proxy. */
    public String key() {
        return sipUsername + "@" + proxy;
    }
}
