package io.github.b24sip.camel.voximplant.spi;

import io.github.b24sip.camel.voximplant.model.SipRegistrationEvent;

import java.util.Collection;
import java.util.Map;

/**
 * Keeps the registrations consumer's last delivered state of each registration of an account, so that a consumer
 * taking the account over (after a restart, or on another copy of the app) emits only real changes. Without one, the
 * consumer keeps them in memory and its first poll emits every registration.
 */
public interface RegistrationStatusStore {

    /** The last delivered events of the account's registrations by id; empty when none are stored. */
    Map<Long, SipRegistrationEvent> load(String accountId);

    /** Replaces the stored events of the account with these. */
    void replace(String accountId, Collection<SipRegistrationEvent> lastDelivered);
}
