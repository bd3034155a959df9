package io.github.b24sip.camel.voximplant.sync;

import io.github.b24sip.camel.voximplant.model.RegistrationSpec;
import io.github.b24sip.camel.voximplant.model.RegistrationSyncItem;
import io.github.b24sip.camel.voximplant.model.SipRegistration;

import java.util.Map;

/** One registration's part of a registrations sync plan, carrying its key (user name at proxy). */
public sealed interface RegistrationStep {

    String key();

    /** Nothing to send: an invalid desired registration (keyed by its position when it has no key). */
    record Settled(String key, RegistrationSyncItem item) implements RegistrationStep {}

    /** The registration is as desired. */
    record Keep(String key, RegistrationSpec spec, SipRegistration registration) implements RegistrationStep {}

    /** The registration does not exist: create it. */
    record Create(String key, RegistrationSpec spec) implements RegistrationStep {}

    /** The registration differs: send {@code changes}, only the fields that differ (with its id). */
    record Update(String key, RegistrationSpec spec, SipRegistration registration, Map<String, String> changes)
            implements RegistrationStep {}

    /** Not desired, and pruning: delete it. */
    record Delete(String key, SipRegistration registration) implements RegistrationStep {}
}
