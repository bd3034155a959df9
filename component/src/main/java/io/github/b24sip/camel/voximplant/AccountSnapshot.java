package io.github.b24sip.camel.voximplant;

import java.time.Instant;

/**
 * One Voximplant account as the dev console shows it: requests so far, the last reading of its health probe, its last
 * poll and its last error. Never a key, a token or a password.
 *
 * @param up whether the last health probe could call the account; null before the first probe
 */
public record AccountSnapshot(
        String account,
        long requests,
        Instant checkedAt,
        Boolean up,
        Instant lastPoll,
        Instant lastPollFailureAt,
        Instant lastErrorAt,
        String lastError) {}
