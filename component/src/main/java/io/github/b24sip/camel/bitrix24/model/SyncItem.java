package io.github.b24sip.camel.bitrix24.model;

/**
 * One line of a sync: what was planned for it and what happened. No password: a report is safe to log and store.
 *
 * @param action  create, update, unchanged, replace (a type change: delete + add), delete, or invalid
 * @param outcome planned (dry run), applied, unchanged or failed
 */
public record SyncItem(
        String title,
        Action action,
        Outcome outcome,
        Integer configId,
        Long regId,
        String errorCode,
        String errorDescription) {

    public enum Action {
        CREATE,
        UPDATE,
        UNCHANGED,
        REPLACE,
        DELETE,
        INVALID
    }

    public enum Outcome {
        PLANNED,
        APPLIED,
        UNCHANGED,
        FAILED
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
