package io.github.b24sip.camel.bitrix24.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A SIP line as the portal holds it. {@code voximplant.sip.get} sends numbers as strings and {@code add} as numbers;
 * both arrive here parsed. {@code regId} is set for cloud lines, the {@code incoming*} fields for office lines.
 */
public record SipLine(int configId, String type, String title, String server, String login, String password,
                      Long regId, String incomingServer, String incomingLogin, String incomingPassword,
                      String authUser, String outboundProxy, Integer registrationStatusCode,
                      String registrationErrorMessage) {

    public boolean isCloud() {
        return SipLineSpec.CLOUD.equals(type);
    }

    /** Reads a row of {@code add} or {@code get}; unknown fields are ignored. */
    public static SipLine fromJson(JsonNode row) {
        return new SipLine(Wire.intValue(row, "CONFIG_ID"), Wire.text(row, "TYPE"), Wire.text(row, "TITLE"),
                Wire.text(row, "SERVER"), Wire.text(row, "LOGIN"), Wire.text(row, "PASSWORD"),
                Wire.longOrNull(row, "REG_ID"), Wire.text(row, "INCOMING_SERVER"), Wire.text(row, "INCOMING_LOGIN"),
                Wire.text(row, "INCOMING_PASSWORD"), Wire.text(row, "AUTH_USER"), Wire.text(row, "OUTBOUND_PROXY"),
                Wire.intOrNull(row, "REGISTRATION_STATUS_CODE"), Wire.text(row, "REGISTRATION_ERROR_MESSAGE"));
    }

    @Override
    public String toString() {
        return "SipLine[configId=" + configId + ", type=" + type + ", title=" + title + ", server=" + server
                + ", login=" + login + ", password=***, regId=" + regId + ", incomingServer=" + incomingServer
                + ", incomingLogin=" + incomingLogin + ", incomingPassword=***, registrationStatusCode="
                + registrationStatusCode + "]";
    }
}
