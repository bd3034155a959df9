package io.github.b24sip.camel.voximplant.model;

import io.github.b24sip.camel.bitrix24.model.SyncItem.Action;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Outcome;

/**
 * One registration of a {@code voximplant-sip:sync}: what was planned for it and what happened. No password.
 *
 * @param action  create, update, unchanged, delete, or invalid
 * @param outcome planned (dry run), applied, unchanged or failed
 * @param errorCode the API's error code (a number), or the check that refused it before any call
 */
public record RegistrationSyncItem(
        String sipUsername,
        String proxy,
        Action action,
        Outcome outcome,
        Long sipRegistrationId,
        String errorCode,
        String errorDescription) {

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    public String key() {
        return sipUsername == null || proxy == null ? null : RegistrationSpec.key(sipUsername, proxy);
    }
}
