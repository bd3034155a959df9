package io.github.b24sip.camel.voximplant.model;

import java.time.Instant;

/**
 * A change of a SIP registration's state, as {@code from("voximplant-sip:registrations")} emits it: the registration
 * (account, id, user name, proxy), its state now, and its state before (null on the first event of a registration). A
 * registration gone from the account is one event with {@code removed} true and its last known state.
 *
 * @param successful   registered (the API's {@code successful})
 * @param statusCode   the SIP status of the last attempt, once it has one
 * @param lastUpdated  when the API last changed it (not a change by itself)
 */
public record SipRegistrationEvent(
        String accountId,
        long sipRegistrationId,
        String sipUsername,
        String proxy,
        Boolean successful,
        Integer statusCode,
        String errorMessage,
        Instant lastUpdated,
        boolean deactivated,
        State previous,
        boolean removed) {

    /** The fields whose change is an event. */
    public record State(Boolean successful, Integer statusCode, String errorMessage, boolean deactivated) {

        /** One word for logs and metrics: successful, failed, in-progress or deactivated. */
        public String name() {
            if (deactivated) {
                return "deactivated";
            }
            if (Boolean.TRUE.equals(successful)) {
                return "successful";
            }
            return statusCode == null ? "in-progress" : "failed";
        }
    }

    public static SipRegistrationEvent of(String accountId, SipRegistration r, State previous) {
        return new SipRegistrationEvent(
                accountId,
                r.sipRegistrationId(),
                r.sipUsername(),
                r.proxy(),
                r.successful(),
                r.statusCode(),
                r.errorMessage(),
                r.lastUpdated(),
                r.deactivated(),
                previous,
                false);
    }

    public State state() {
        return new State(successful, statusCode, errorMessage, deactivated);
    }

    /** The removal of this registration: its last known state, before and now. */
    public SipRegistrationEvent removal() {
        return new SipRegistrationEvent(
                accountId,
                sipRegistrationId,
                sipUsername,
                proxy,
                successful,
                statusCode,
                errorMessage,
                lastUpdated,
                deactivated,
                state(),
                true);
    }
}
