package io.github.b24sip.camel.bitrix24.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The answer of {@code voximplant.sip.status}: {@code statusResult} is success, error, in_progress or wait;
 * {@code statusCode} is null until the provider has answered (the portal passes on Voximplant's optional
 * {@code status_code}); {@code lastUpdated} is the portal's local time (the API gives no zone).
 */
public record SipRegistrationStatus(
        long regId, LocalDateTime lastUpdated, String errorMessage, Integer statusCode, String statusResult) {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static SipRegistrationStatus fromJson(JsonNode node) {
        String updated = Wire.text(node, "LAST_UPDATED");
        LocalDateTime lastUpdated = null;
        if (updated != null && !updated.isBlank()) {
            try {
                lastUpdated = LocalDateTime.parse(updated.trim(), FORMAT);
            } catch (DateTimeParseException e) {
                lastUpdated = null;
            }
        }
        Long regId = Wire.longOrNull(node, "REG_ID");
        Integer code = Wire.intOrNull(node, "STATUS_CODE");
        return new SipRegistrationStatus(
                regId == null ? 0 : regId,
                lastUpdated,
                Wire.text(node, "ERROR_MESSAGE"),
                code,
                Wire.text(node, "STATUS_RESULT"));
    }
}
