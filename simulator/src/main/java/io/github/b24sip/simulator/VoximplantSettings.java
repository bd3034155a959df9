package io.github.b24sip.simulator;

import io.github.b24sip.simulator.registration.RegistrationRule;

import java.time.Duration;

/** A Voximplant account's settings as it runs: an immutable snapshot of a {@link VoximplantConfig}. */
public record VoximplantSettings(
        long accountId,
        String accountEmail,
        String apiKey,
        int maxRegistrations,
        Duration registrationWait,
        Duration registrationProgress,
        RegistrationRule registrationRule,
        int maxPageSize) {

    static VoximplantSettings of(VoximplantConfig c) {
        return new VoximplantSettings(
                c.accountId,
                c.accountEmail,
                c.apiKey,
                c.maxRegistrations,
                c.registrationWait,
                c.registrationProgress,
                c.registrationRule,
                c.maxPageSize);
    }

    @Override
    public String toString() {
        return "VoximplantSettings[accountId=" + accountId + ", apiKey=***]";
    }
}
