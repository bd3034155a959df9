package io.github.b24sip.app.csv;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A lines file whose run failed in a way the portal did not report (a bug, an I/O error): its report lists every row,
 * but what some of them did on the portal is unknown, so the file goes to error/ with this reason, never to done/.
 */
@RegisterForReflection
public class IncompleteCsvException extends RuntimeException {

    public IncompleteCsvException(String reason) {
        super(reason);
    }
}
