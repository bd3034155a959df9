package io.github.b24sip.camel.bitrix24;

import java.time.Instant;

/**
 * What an operator asks first about a portal: when its statuses were last read, and what went wrong last. Kept per
 * portal by the component, written by its producers and status consumers.
 */
public final class PortalActivity {

    private volatile Instant lastPoll;
    private volatile Instant lastPollFailureAt;
    private volatile Instant lastErrorAt;
    private volatile String lastError;

    void polled(Instant at) {
        lastPoll = at;
    }

    /** A status poll failed: the portal could not be read, which a producer's refused input does not say. */
    void pollFailed(Throwable failure) {
        failed(failure);
        lastPollFailureAt = lastErrorAt;
    }

    /** Keeps the failure's type and message: the component's exceptions never carry a secret in either. */
    void failed(Throwable failure) {
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
