package io.github.b24sip.simulator.voximplant;

import io.github.b24sip.simulator.VoximplantSettings;
import io.github.b24sip.simulator.fault.Faults;

import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Voximplant account: its service-account keys, applications, rules and users to bind to, and its SIP
 * registrations. The handle tests use to look at and steer it.
 */
public final class VoximplantAccount {

    /** Something a registration can be bound to: an application, a rule (of an application) or a user (of one). */
    public record Named(long id, String name, Long applicationId) {}

    final VoximplantSettings settings;
    final Clock clock;
    final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    final Map<Long, Named> applications = new ConcurrentHashMap<>();
    final Map<Long, Named> rules = new ConcurrentHashMap<>();
    final Map<Long, Named> users = new ConcurrentHashMap<>();
    // guarded by this
    final TreeMap<Long, VoxRegistration> registrations = new TreeMap<>();
    long nextRegistrationId = 7_000_001;
    private final Faults faults = new Faults();

    public VoximplantAccount(VoximplantSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        // a small default set to bind to
        addApplication(10, "sip.demo.voximplant.com");
        addRule(20, "inbound", 10);
        addUser(30, "operator", 10);
    }

    public long accountId() {
        return settings.accountId();
    }

    public String apiKey() {
        return settings.apiKey();
    }

    /** Generates a service-account key and registers its public half, as "Generate key" in the control panel. */
    public ServiceAccountKey newServiceAccountKey() {
        ServiceAccountKey key = ServiceAccountKey.generate(accountId(), settings.accountEmail());
        keys.put(key.keyId(), key.keyPair().getPublic());
        return key;
    }

    /** Registers the public key of a key made elsewhere. */
    public void registerKey(String keyId, PublicKey publicKey) {
        keys.put(keyId, publicKey);
    }

    public void revokeKey(String keyId) {
        keys.remove(keyId);
    }

    public void addApplication(long id, String name) {
        applications.put(id, new Named(id, name, null));
    }

    public void addRule(long id, String name, long applicationId) {
        rules.put(id, new Named(id, name, applicationId));
    }

    public void addUser(long id, String name, long applicationId) {
        users.put(id, new Named(id, name, applicationId));
    }

    public Faults faults() {
        return faults;
    }

    /** The registrations as GetSipRegistrations would list them, for assertions. */
    public synchronized List<Map<String, Object>> registrations() {
        return registrations.values().stream()
                .map(r -> r.toJson(clock.instant(), this))
                .toList();
    }

    public synchronized Map<String, Object> registration(long id) {
        VoxRegistration r = registrations.get(id);
        return r == null ? null : r.toJson(clock.instant(), this);
    }

    /**
     * Deactivates a registration, or activates it again, as the control panel does (an unpaid subscription, say):
     * GetSipRegistrations lists it with {@code deactivated} so.
     */
    public synchronized void setDeactivated(long id, boolean deactivated) {
        VoxRegistration r = registrations.get(id);
        if (r == null) {
            throw new IllegalArgumentException("no registration " + id);
        }
        r.deactivated = deactivated;
    }

    /**
     * Changes a registration's SIP fields as the control panel does, outside any application (no API call is
     * journaled): keys proxy, sip_username, auth_user, outbound_proxy, password; a change re-registers it, as
     * UpdateSipRegistration does.
     */
    public synchronized void editRegistration(long id, Map<String, String> fields) {
        VoxRegistration r = registrations.get(id);
        if (r == null) {
            throw new IllegalArgumentException("no registration " + id);
        }
        Map<String, String> p = new java.util.LinkedHashMap<>(fields);
        p.put("sip_registration_id", String.valueOf(id));
        SipRegistrationMethods.update(this, p);
    }

    /** Removes a registration as another client of the account would (DeleteSipRegistration). */
    public synchronized void removeRegistration(long id) {
        registrations.remove(id);
    }
}
