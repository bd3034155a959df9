package io.github.b24sip.simulator;

import io.github.b24sip.simulator.registration.RegistrationRule;

import java.time.Duration;

/** One simulated Voximplant account behind {@code platform_api}. */
public final class VoximplantConfig {

    final long accountId;
    String accountEmail;
    String apiKey;
    int maxRegistrations = 100;
    Duration registrationWait = Duration.ofSeconds(2);
    Duration registrationProgress = Duration.ofSeconds(3);
    RegistrationRule registrationRule = RegistrationRule.standard();
    int maxPageSize = 1000;

    private VoximplantConfig(long accountId) {
        this.accountId = accountId;
        this.accountEmail = "account" + accountId + "@example.com";
        this.apiKey = PortalConfig.randomCode() + PortalConfig.randomCode();
    }

    public static VoximplantConfig account(long accountId) {
        return new VoximplantConfig(accountId);
    }

    public long accountId() {
        return accountId;
    }

    /** The legacy {@code api_key} accepted with {@code account_id}. */
    public VoximplantConfig apiKey(String key) {
        this.apiKey = key;
        return this;
    }

    public VoximplantConfig accountEmail(String email) {
        this.accountEmail = email;
        return this;
    }

    /** Above this many registrations, create answers error 272. */
    public VoximplantConfig maxRegistrations(int max) {
        this.maxRegistrations = max;
        return this;
    }

    /**
     * The most rows GetSipRegistrations returns, whatever {@code count} asks: the reference documents no maximum, so a
     * client must page until a page comes back empty rather than trust its own {@code count}.
     */
    public VoximplantConfig maxPageSize(int max) {
        this.maxPageSize = max;
        return this;
    }

    public VoximplantConfig registrationDelays(Duration wait, Duration inProgress) {
        this.registrationWait = wait;
        this.registrationProgress = inProgress;
        return this;
    }

    public VoximplantConfig registrationRule(RegistrationRule rule) {
        this.registrationRule = rule;
        return this;
    }
}
