package io.github.b24sip.app.csv;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The file as a whole cannot be read as a lines CSV (encoding, quoting, header); no row of it is applied. */
@RegisterForReflection
public class UnreadableCsvException extends RuntimeException {

    public UnreadableCsvException(String reason) {
        super(reason);
    }
}
