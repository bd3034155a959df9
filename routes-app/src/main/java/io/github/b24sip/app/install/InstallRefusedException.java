package io.github.b24sip.app.install;

/**
 * An install or event that is not believed, with the HTTP status to answer (400 malformed, 401 not genuine, 403
 * missing scope) and the reason. Never carries a token.
 */
public class InstallRefusedException extends RuntimeException {

    private final int status;

    public InstallRefusedException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
