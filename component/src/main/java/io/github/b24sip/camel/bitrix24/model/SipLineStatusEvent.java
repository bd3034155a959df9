package io.github.b24sip.camel.bitrix24.model;

import java.time.LocalDateTime;

/**
 * A cloud line's registration status as the consumer saw it change: {@code statusResult} is success, error,
 * in_progress or wait ({@code previousStatusResult} is null on the first poll); {@code removed} marks a line that is
 * gone from the portal, with its last known status.
 */
public record SipLineStatusEvent(
        String portalHost,
        int configId,
        String title,
        long regId,
        String statusResult,
        Integer statusCode,
        String errorMessage,
        LocalDateTime lastUpdated,
        String previousStatusResult,
        boolean removed) {}
