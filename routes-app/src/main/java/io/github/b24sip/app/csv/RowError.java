package io.github.b24sip.app.csv;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Why a row of a lines CSV was not applied: its row number, the field at fault and the reason. */
@RegisterForReflection
public record RowError(int row, String portal, String title, String action, String field, String reason) {

    public String message() {
        return "row " + row + ": " + field + " " + reason;
    }
}
