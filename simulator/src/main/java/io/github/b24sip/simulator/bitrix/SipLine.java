package io.github.b24sip.simulator.bitrix;

import io.github.b24sip.simulator.registration.Registration;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A stored SIP line config: the voximplant module's SIP row joined with its phone config. */
final class SipLine {

    static final String CLOUD = "cloud";
    static final String OFFICE = "office";

    final int id;
    final int configId;
    final String appId;
    final String type;
    String title;
    String server;
    String login;
    String password;
    String authUser;
    String outboundProxy;
    String detectLineNumber = "N";
    String lineDetectHeaderOrder = "diversion;to";
    Long regId;
    Registration registration;
    String incomingServer;
    String incomingLogin;
    String incomingPassword;
    /** REGISTRATION_STATUS_CODE as stored: null until known, 0 after an update resets it. */
    Integer storedStatusCode;

    String storedErrorMessage;

    SipLine(int id, int configId, String appId, String type) {
        this.id = id;
        this.configId = configId;
        this.appId = appId;
        this.type = type;
    }

    boolean isCloud() {
        return CLOUD.equals(type);
    }

    /**
     * The config's SEARCH_ID, the line id of the outgoing-line methods: {@code reg<REG_ID>} for a cloud line ({@code
     * reg0} while it has no registration), the INCOMING_LOGIN for an office line.
     */
    String searchId() {
        return isCloud() ? "reg" + (regId == null ? 0 : regId) : incomingLogin;
    }

    /** The status code the portal knows now: the final registration answer once there is one (pushed by Voximplant). */
    Integer statusCode(Instant now) {
        Registration.State state = finalState(now);
        return state != null ? Integer.valueOf(state.statusCode()) : storedStatusCode;
    }

    String errorMessage(Instant now) {
        Registration.State state = finalState(now);
        return state != null ? state.errorMessage() : storedErrorMessage;
    }

    private Registration.State finalState(Instant now) {
        Registration.State state = registration == null ? null : registration.state(now);
        return state != null && state.isFinal() ? state : null;
    }

    /** The row as {@code voximplant.sip.add} returns it: native types, ID included, APP_ID removed. */
    Map<String, Object> addResult(Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ID", String.valueOf(id));
        row.put("TYPE", type);
        row.put("CONFIG_ID", String.valueOf(configId));
        if (isCloud()) {
            // a registration that could not be created leaves the stored REG_ID, a database "0"
            row.put("REG_ID", regId != null && regId == 0 ? "0" : regId);
        }
        putCommon(row, now, false);
        return row;
    }

    /** The row as {@code voximplant.sip.get} returns it: database strings, no ID and no APP_ID. */
    Map<String, Object> getRow(Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("TYPE", type);
        row.put("CONFIG_ID", String.valueOf(configId));
        if (isCloud()) {
            row.put("REG_ID", regId == null ? null : String.valueOf(regId));
        }
        putCommon(row, now, true);
        return row;
    }

    private void putCommon(Map<String, Object> row, Instant now, boolean asStrings) {
        row.put("TITLE", title);
        row.put("SERVER", server);
        row.put("LOGIN", login);
        row.put("PASSWORD", password);
        if (!isCloud()) {
            row.put("INCOMING_SERVER", incomingServer);
            row.put("INCOMING_LOGIN", incomingLogin);
            row.put("INCOMING_PASSWORD", incomingPassword);
        }
        row.put("AUTH_USER", authUser);
        row.put("OUTBOUND_PROXY", outboundProxy);
        row.put("DETECT_LINE_NUMBER", detectLineNumber);
        row.put("LINE_DETECT_HEADER_ORDER", lineDetectHeaderOrder);
        Integer code = statusCode(now);
        row.put("REGISTRATION_STATUS_CODE", code == null ? null : asStrings ? String.valueOf(code) : code);
        row.put("REGISTRATION_ERROR_MESSAGE", errorMessage(now));
    }

    /** Every filterable field, as the database holds it (strings), for {@code FILTER}. */
    Map<String, String> filterFields(Instant now) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("ID", String.valueOf(id));
        f.put("TYPE", type);
        f.put("TITLE", title);
        f.put("CONFIG_ID", String.valueOf(configId));
        f.put("REG_ID", regId == null ? null : String.valueOf(regId));
        f.put("APP_ID", appId);
        f.put("SERVER", server);
        f.put("LOGIN", login);
        f.put("PASSWORD", password);
        f.put("INCOMING_SERVER", incomingServer);
        f.put("INCOMING_LOGIN", incomingLogin);
        f.put("INCOMING_PASSWORD", incomingPassword);
        f.put("AUTH_USER", authUser);
        f.put("OUTBOUND_PROXY", outboundProxy);
        f.put("DETECT_LINE_NUMBER", detectLineNumber);
        f.put("LINE_DETECT_HEADER_ORDER", lineDetectHeaderOrder);
        Integer code = statusCode(now);
        f.put("REGISTRATION_STATUS_CODE", code == null ? null : String.valueOf(code));
        f.put("REGISTRATION_ERROR_MESSAGE", errorMessage(now));
        return f;
    }

    SipLineView view(Instant now) {
        String status = registration == null ? null : registration.state(now).result();
        return new SipLineView(
                id,
                configId,
                appId,
                type,
                title,
                server,
                login,
                password,
                regId,
                incomingServer,
                incomingLogin,
                incomingPassword,
                status,
                statusCode(now));
    }
}
