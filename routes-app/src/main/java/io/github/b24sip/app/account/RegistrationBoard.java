package io.github.b24sip.app.account;

import io.github.b24sip.app.line.StatusEventSent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

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

    @Inject
    Event<StatusEventSent> sent;

    /** Takes one event: the registration's state now, or its removal; counted as the lines' events are. */
    public void record(RegistrationStatus status) {
        sent.fire(new StatusEventSent(status.account(), status.removed() ? "removed" : status.status()));
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
