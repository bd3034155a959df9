package io.github.b24sip.app.account;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last known state of each registration this instance polls, by account: what {@code /api/registrations}, the
 * operator page and the {@code b24sip_registrations} gauge show. With several instances, an account's states are on
 * the instance leading its poller.
 */
@ApplicationScoped
public class RegistrationBoard {

    private final Map<String, Map<Long, RegistrationStatus>> accounts = new ConcurrentHashMap<>();

    /** Takes one event: the registration's state now, or its removal. */
    public void record(RegistrationStatus status) {
        Map<Long, RegistrationStatus> registrations =
                accounts.computeIfAbsent(status.account(), a -> new ConcurrentHashMap<>());
        if (status.removed()) {
            registrations.remove(status.sipRegistrationId());
        } else {
            registrations.put(status.sipRegistrationId(), status);
        }
    }

    /** The account's registrations, by user name at proxy. */
    public List<RegistrationStatus> registrations(String account) {
        List<RegistrationStatus> list =
                new ArrayList<>(accounts.getOrDefault(account, Map.of()).values());
        list.sort(Comparator.comparing(RegistrationStatus::key));
        return list;
    }

    /** How many of the account's registrations are in this state. */
    public long count(String account, String state) {
        return accounts.getOrDefault(account, Map.of()).values().stream()
                .filter(r -> r.status().equals(state))
                .count();
    }
}
