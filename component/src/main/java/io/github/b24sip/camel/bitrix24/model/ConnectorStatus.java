package io.github.b24sip.camel.bitrix24.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The SIP connector licence: free minutes, whether it is paid, and until when (only when paid). */
public record ConnectorStatus(int freeMinutes, boolean paid, OffsetDateTime paidDateEnd) {

    public static ConnectorStatus fromJson(JsonNode node) {
        String end = Wire.text(node, "PAID_DATE_END");
        OffsetDateTime paidDateEnd = null;
        if (end != null && !end.isBlank()) {
            try {
                paidDateEnd = OffsetDateTime.parse(end.trim());
            } catch (DateTimeParseException e) {
                paidDateEnd = null;
            }
        }
        return new ConnectorStatus(Wire.intValue(node, "FREE_MINUTES"), Wire.bool(node, "PAID"), paidDateEnd);
    }
}
