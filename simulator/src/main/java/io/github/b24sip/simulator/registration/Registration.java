package io.github.b24sip.simulator.registration;

import java.time.Duration;
import java.time.Instant;

/**
 * A SIP registration's life: {@code wait} from the start, {@code in_progress} after {@code waitFor}, then the
 * rule's outcome after {@code progressFor} more. Derived from the clock on each read, so no timer runs.
 */
public final class Registration {

    public static final String WAIT = "wait";
    public static final String IN_PROGRESS = "in_progress";
    public static final String SUCCESS = "success";
    public static final String ERROR = "error";

    private final Duration waitFor;
    private final Duration progressFor;
    private Instant startedAt;
    private RegistrationRule.Outcome outcome;

    public Registration(Instant startedAt, RegistrationRule.Outcome outcome, Duration waitFor, Duration progressFor) {
        this.startedAt = startedAt;
        this.outcome = outcome;
        this.waitFor = waitFor;
        this.progressFor = progressFor;
    }

    /** Starts again from {@code wait}, as a changed server, login or password does. */
    public synchronized void restart(Instant now, RegistrationRule.Outcome newOutcome) {
        this.startedAt = now;
        this.outcome = newOutcome;
    }

    public synchronized State state(Instant now) {
        Instant inProgressAt = startedAt.plus(waitFor);
        Instant finalAt = inProgressAt.plus(progressFor);
        if (now.isBefore(inProgressAt)) {
            return new State(WAIT, 0, "", startedAt);
        }
        if (now.isBefore(finalAt)) {
            return new State(IN_PROGRESS, 0, "", inProgressAt);
        }
        return new State(outcome.successful() ? SUCCESS : ERROR, outcome.statusCode(), outcome.errorMessage(), finalAt);
    }

    /** A point-in-time status: {@code result} is one of wait, in_progress, success, error. */
    public record State(String result, int statusCode, String errorMessage, Instant lastUpdated) {
        public boolean isFinal() {
            return SUCCESS.equals(result) || ERROR.equals(result);
        }
    }
}
