package io.github.b24sip.camel.voximplant.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer of CreateSipRegistration: the new registration's id and, when the server sends it, {@code account_info}
 * (the official clients' ShortAccountInfoType: account id, frozen, balance, currency), or null.
 */
public record CreateSipRegistrationResult(long sipRegistrationId, AccountInfo accountInfo) {

    /** The account the registration was made on, as the answer describes it; any field may be null. */
    public record AccountInfo(Long accountId, Boolean frozen, Double balance, String currency) {

        static AccountInfo fromJson(JsonNode n) {
            if (n == null || !n.isObject()) {
                return null;
            }
            return new AccountInfo(
                    n.hasNonNull("account_id") ? n.get("account_id").asLong() : null,
                    n.hasNonNull("frozen") ? n.get("frozen").asBoolean() : null,
                    n.hasNonNull("balance") ? n.get("balance").asDouble() : null,
                    n.hasNonNull("currency") ? n.get("currency").asText() : null);
        }
    }

    public static CreateSipRegistrationResult fromJson(JsonNode result) {
        return new CreateSipRegistrationResult(
                result.path("sip_registration_id").asLong(), AccountInfo.fromJson(result.get("account_info")));
    }
}
