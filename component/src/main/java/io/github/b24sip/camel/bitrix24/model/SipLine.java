package io.github.b24sip.camel.bitrix24.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A SIP line as the portal holds it. {@code voximplant.sip.get} sends numbers as strings and {@code add} as numbers;
 * both arrive here parsed. {@code id} (the SIP row's own id) comes only from {@code add}; {@code get} removes it.
 * {@code regId} is set for cloud lines, and is 0 when the portal could not create the Voximplant registration; the
 * {@code incoming*} fields are set for office lines. {@code detectLineNumber} is "Y" or "N",
 * {@code lineDetectHeaderOrder} "diversion;to" or "to;diversion". A title may be empty: the portal does not require
 * one.
 */
public record SipLine(
        Integer id,
        int configId,
        String type,
        String title,
        String server,
        String login,
        String password,
        Long regId,
        String incomingServer,
        String incomingLogin,
        String incomingPassword,
        String authUser,
        String outboundProxy,
        String detectLineNumber,
        String lineDetectHeaderOrder,
        Integer registrationStatusCode,
        String registrationErrorMessage) {

    public boolean isCloud() {
        return SipLineSpec.CLOUD.equals(type);
    }

    /** True for a cloud line without a Voximplant registration (REG_ID 0 or none): it has no status to ask for. */
    public boolean hasNoRegistration() {
        return isCloud() && (regId == null || regId <= 0);
    }

    /**
     * The id the outgoing-line methods know this line by (LINE_ID, the config's SEARCH_ID): {@code reg<REG_ID>} for a
     * cloud line ({@code reg0} without a registration), the INCOMING_LOGIN for an office line (docs/api-facts.md,
     * "The default outgoing line").
     */
    public String lineId() {
        return isCloud() ? "reg" + (regId == null ? 0 : regId) : incomingLogin;
    }

    /** Reads a row of {@code add} or {@code get}; unknown fields are ignored. */
    public static SipLine fromJson(JsonNode row) {
        return new SipLine(
                Wire.intOrNull(row, "ID"),
                Wire.intValue(row, "CONFIG_ID"),
                Wire.text(row, "TYPE"),
                Wire.text(row, "TITLE"),
                Wire.text(row, "SERVER"),
                Wire.text(row, "LOGIN"),
                Wire.text(row, "PASSWORD"),
                Wire.longOrNull(row, "REG_ID"),
                Wire.text(row, "INCOMING_SERVER"),
                Wire.text(row, "INCOMING_LOGIN"),
                Wire.text(row, "INCOMING_PASSWORD"),
                Wire.text(row, "AUTH_USER"),
                Wire.text(row, "OUTBOUND_PROXY"),
                Wire.text(row, "DETECT_LINE_NUMBER"),
                Wire.text(row, "LINE_DETECT_HEADER_ORDER"),
                Wire.intOrNull(row, "REGISTRATION_STATUS_CODE"),
                Wire.text(row, "REGISTRATION_ERROR_MESSAGE"));
    }

    @Override
    public String toString() {
        return "SipLine[id=" + id + ", configId=" + configId + ", type=" + type + ", title=" + title + ", server="
                + server
                + ", login=" + login + ", password=***, regId=" + regId + ", incomingServer=" + incomingServer
                + ", incomingLogin=" + incomingLogin + ", incomingPassword=***, registrationStatusCode="
                + registrationStatusCode + "]";
    }
}
