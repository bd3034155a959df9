package io.github.b24sip.camel.voximplant.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A SIP registration of a Voximplant account (SIPRegistrationType). Dates are UTC; {@code lastUpdated} is read as UNIX
 * seconds (the API leaves its unit undocumented); optional fields are null when absent.
 */
public record SipRegistration(
        long sipRegistrationId,
        String sipUsername,
        String proxy,
        Instant lastUpdated,
        String authUser,
        String outboundProxy,
        Boolean successful,
        Integer statusCode,
        String errorMessage,
        boolean deactivated,
        LocalDate nextSubscriptionRenewal,
        Instant purchaseDate,
        String subscriptionPrice,
        boolean isPersistent,
        Long userId,
        String userName,
        Long applicationId,
        String applicationName,
        Long ruleId,
        String ruleName) {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static SipRegistration fromJson(JsonNode n) {
        return new SipRegistration(
                n.path("sip_registration_id").asLong(),
                text(n, "sip_username"),
                text(n, "proxy"),
                n.hasNonNull("last_updated")
                        ? Instant.ofEpochSecond(n.get("last_updated").asLong())
                        : null,
                text(n, "auth_user"),
                text(n, "outbound_proxy"),
                n.hasNonNull("successful") ? n.get("successful").asBoolean() : null,
                n.hasNonNull("status_code") ? n.get("status_code").asInt() : null,
                text(n, "error_message"),
                n.path("deactivated").asBoolean(false),
                date(text(n, "next_subscription_renewal")),
                timestamp(text(n, "purchase_date")),
                text(n, "subscription_price"),
                n.path("is_persistent").asBoolean(true),
                longOrNull(n, "user_id"),
                text(n, "user_name"),
                longOrNull(n, "application_id"),
                text(n, "application_name"),
                longOrNull(n, "rule_id"),
                text(n, "rule_name"));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Long longOrNull(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asLong() : null;
    }

    private static LocalDate date(String s) {
        try {
            return s == null ? null : LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant timestamp(String s) {
        try {
            return s == null ? null : LocalDateTime.parse(s.trim(), TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
