package io.github.b24sip.camel;

import java.time.Instant;

/**
 * What an operator asks first about a portal or a Voximplant account: when its statuses were last read, and what went
 * wrong last. Kept per portal or account by its component, written by its producers and status consumers, shown by the
 * dev consoles.
 */
public final class ApiActivity {

    private volatile Instant lastPoll;
    private volatile Instant lastPollFailureAt;
    private volatile Instant lastErrorAt;
    private volatile String lastError;

    public void polled(Instant at) {
        lastPoll = at;
    }

    /** A status poll failed: the portal could not be read, which a producer's refused input does not say. */
    public void pollFailed(Throwable failure) {
        failed(failure);
        lastPollFailureAt = lastErrorAt;
    }

    /** Keeps the failure's type and message: the component's exceptions never carry a secret in either. */
    public void failed(Throwable failure) {
        lastErrorAt = Instant.now();
        lastError = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    public Instant lastPoll() {
        return lastPoll;
    }

    public Instant lastPollFailureAt() {
        return lastPollFailureAt;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    public String lastError() {
        return lastError;
    }
}
