package io.github.b24sip.simulator.voximplant;

import io.github.b24sip.simulator.registration.Registration;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** A SIP registration of a Voximplant account (SIPRegistrationType). */
final class VoxRegistration {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    final long id;
    final Instant purchasedAt;
    String sipUsername;
    String proxy;
    String authUser;
    String outboundProxy;
    String password;
    boolean persistent = true;
    boolean deactivated;
    Long applicationId;
    Long ruleId;
    Long userId;
    Registration registration;

    VoxRegistration(long id, Instant purchasedAt) {
        this.id = id;
        this.purchasedAt = purchasedAt;
    }

    Map<String, Object> toJson(Instant now, VoximplantAccount account) {
        Registration.State state = registration.state(now);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sip_registration_id", id);
        json.put("sip_username", sipUsername);
        json.put("proxy", proxy);
        // the unit is not documented (docs/api-facts.md, "Voximplant"): the simulator sends UNIX seconds
        json.put("last_updated", state.lastUpdated().getEpochSecond());
        putIfSet(json, "auth_user", authUser);
        putIfSet(json, "outbound_proxy", outboundProxy);
        json.put("successful", Registration.SUCCESS.equals(state.result()));
        if (state.isFinal()) {
            json.put("status_code", state.statusCode());
            if (!state.errorMessage().isEmpty()) {
                json.put("error_message", state.errorMessage());
            }
        }
        json.put("deactivated", deactivated);
        json.put("next_subscription_renewal", DATE.format(purchasedAt.plus(30, ChronoUnit.DAYS)));
        json.put("purchase_date", TIMESTAMP.format(purchasedAt));
        json.put("subscription_price", "25.0000");
        json.put("is_persistent", persistent);
        if (userId != null) {
            json.put("user_id", userId);
            json.put("user_name", account.users.get(userId).name());
        }
        if (applicationId != null) {
            json.put("application_id", applicationId);
            json.put("application_name", account.applications.get(applicationId).name());
        }
        if (ruleId != null) {
            json.put("rule_id", ruleId);
            json.put("rule_name", account.rules.get(ruleId).name());
        }
        return json;
    }

    boolean inProgress(Instant now) {
        return !registration.state(now).isFinal();
    }

    private static void putIfSet(Map<String, Object> json, String key, String value) {
        if (value != null && !value.isEmpty()) {
            json.put(key, value);
        }
    }
}
