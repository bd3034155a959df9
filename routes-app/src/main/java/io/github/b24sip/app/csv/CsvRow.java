package io.github.b24sip.app.csv;

import io.github.b24sip.app.line.LineAction;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A valid row of a lines CSV, with its row number (the header is row 1, as a spreadsheet shows it); {@code outgoing}:
 * the row makes its line the portal's default outgoing line. {@code toString} never prints the password.
 */
@RegisterForReflection
public record CsvRow(int row, String portal, LineAction action, SipLineSpec line, boolean outgoing) {

    public String title() {
        return line.title().trim();
    }

    @Override
    public String toString() {
        return "CsvRow[row=" + row + ", portal=" + portal + ", action=" + action + ", line=" + line + ", outgoing="
                + outgoing + "]";
    }
}
