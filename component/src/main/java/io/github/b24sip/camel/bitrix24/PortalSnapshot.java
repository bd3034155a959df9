package io.github.b24sip.camel.bitrix24;

import java.time.Instant;

/**
 * One portal as the dev console shows it: the pacer's bucket level and requests so far, when the OAuth access token
 * expires (never the token), the last status poll and the last error. Nulls are "not known yet".
 *
 * @param tokenExpiresAt    null for a webhook portal, and for an OAuth one until this process refreshed its pair
 * @param lastPollFailureAt the last status poll that failed (lastError holds any failure, a producer's bad input too)
 */
public record PortalSnapshot(
        String portal,
        double pacerLevel,
        long requests,
        long rateLimitWaits,
        String auth,
        Instant tokenExpiresAt,
        boolean reinstallNeeded,
        Instant lastPoll,
        Instant lastPollFailureAt,
        Instant lastErrorAt,
        String lastError) {}
