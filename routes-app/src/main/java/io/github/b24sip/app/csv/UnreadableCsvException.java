package io.github.b24sip.app.csv;

/** The file as a whole cannot be read as a lines CSV (encoding, quoting, header); no row of it is applied. */
public class UnreadableCsvException extends RuntimeException {

    public UnreadableCsvException(String reason) {
        super(reason);
    }
}
