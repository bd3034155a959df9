package io.github.b24sip.app.install;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An install or event that is not believed, with the HTTP status to answer (400 malformed, 401 not genuine, 403
 * missing scope) and the reason. Never carries a token.
 */
@RegisterForReflection
public class InstallRefusedException extends RuntimeException {

    private final int status;
    private final int retryAfter;

    public InstallRefusedException(int status, String reason) {
        this(status, reason, 0);
    }

    /** A refusal that asks the sender to come back after {@code retryAfter} seconds (503, busy). */
    public InstallRefusedException(int status, String reason, int retryAfter) {
        super(reason);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** Seconds for a {@code Retry-After} header; 0 for none. */
    public int retryAfter() {
        return retryAfter;
    }
}
