package io.github.b24sip.simulator.bitrix;

/**
 * A SIP line as the portal holds it, for test assertions.
 *
 * @param appId              the owning application's client_id, "" for lines made by webhooks or in the UI
 * @param registrationStatus wait, in_progress, success or error for cloud lines; null for office lines
 */
public record SipLineView(
        int id,
        int configId,
        String appId,
        String type,
        String title,
        String server,
        String login,
        String password,
        Long regId,
        String incomingServer,
        String incomingLogin,
        String incomingPassword,
        String registrationStatus,
        Integer registrationStatusCode) {

    @Override
    public String toString() {
        return "SipLineView[configId=" + configId + ", type=" + type + ", title=" + title + ", server=" + server
                + ", login=" + login + ", password=***, regId=" + regId + ", appId=" + appId
                + ", registrationStatus=" + registrationStatus + "]";
    }
}
