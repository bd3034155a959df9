package io.github.b24sip.app.desired;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * One registrations poll's drift: the events to send, the record to keep once they are sent, and under {@code repair}
 * what to write then: registrations to sync back to their declaration ({@code desired}, {@code absent}: the planner
 * updates the differing fields, makes missing ones, deletes ones declared absent) and registrations whose proxy was
 * changed outside the app, each an UpdateSipRegistration of its id ({@code moved}).
 */
@RegisterForReflection
public record RegistrationDriftRound(
        String account,
        List<DriftEvent> events,
        DriftRecord next,
        List<Map<String, String>> desired,
        List<Map<String, String>> absent,
        List<Map<String, String>> moved) {

    static RegistrationDriftRound none(String account) {
        return new RegistrationDriftRound(account, List.of(), null, List.of(), List.of(), List.of());
    }

    public boolean repairs() {
        return !desired.isEmpty() || !absent.isEmpty() || !moved.isEmpty();
    }

    /** Never the repairs' fields: they hold declared passwords. */
    @Override
    public String toString() {
        return "RegistrationDriftRound[account=" + account + ", events=" + events.size() + ", repairs="
                + (desired.size() + absent.size() + moved.size()) + "]";
    }
}
