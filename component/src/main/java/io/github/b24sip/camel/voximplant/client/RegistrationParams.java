package io.github.b24sip.camel.voximplant.client;

import io.github.b24sip.camel.voximplant.VoximplantSipOperation;
import io.github.b24sip.camel.voximplant.VoximplantSipValidationException;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks an operation's parameters before sending (each error names the parameter) and writes them as the API wants
 * them: booleans true/false, lists joined with ';'.
 */
public final class RegistrationParams {

    private static final Set<String> BINDINGS =
            Set.of("application_id", "application_name", "rule_id", "rule_name", "user_id", "user_name");
    private static final Set<String> SIP_FIELDS =
            Set.of("sip_username", "proxy", "auth_user", "outbound_proxy", "password");
    private static final Map<VoximplantSipOperation, Set<String>> KNOWN = Map.of(
            VoximplantSipOperation.createSipRegistration, union(SIP_FIELDS, BINDINGS, Set.of("is_persistent")),
            VoximplantSipOperation.updateSipRegistration, union(SIP_FIELDS, BINDINGS, Set.of("sip_registration_id")),
            VoximplantSipOperation.deleteSipRegistration, Set.of("sip_registration_id"),
            VoximplantSipOperation.bindSipRegistration, union(BINDINGS, Set.of("sip_registration_id", "bind")),
            VoximplantSipOperation.getSipRegistrations,
                    union(
                            BINDINGS,
                            Set.of(
                                    "sip_registration_id",
                                    "sip_username",
                                    "deactivated",
                                    "successful",
                                    "is_persistent",
                                    "is_bound_to_application",
                                    "proxy",
                                    "in_progress",
                                    "status_code",
                                    "count",
                                    "offset")));

    private RegistrationParams() {}

    public static Map<String, String> of(VoximplantSipOperation operation, Map<String, ?> body) {
        Map<String, String> form = new LinkedHashMap<>();
        body.forEach((key, value) -> {
            if (!KNOWN.get(operation).contains(key)) {
                throw invalid(
                        operation,
                        key,
                        "is not a parameter of " + operation.apiMethod()
                                + " (names are snake_case, e.g. sip_registration_id)");
            }
            if (value != null) {
                form.put(key, write(value));
            }
        });
        for (String pair : List.of("application", "rule", "user")) {
            if (form.containsKey(pair + "_id") && form.containsKey(pair + "_name")) {
                throw invalid(operation, pair + "_id", "and " + pair + "_name: give only one of them");
            }
        }
        boolean bindsRuleOrUser = form.keySet().stream().anyMatch(k -> k.startsWith("rule_") || k.startsWith("user_"));
        boolean bindsApplication = form.containsKey("application_id") || form.containsKey("application_name");
        // user_id (or user_name) with bind=false and nothing else unbinds that user everywhere (the official example)
        boolean unbindsUserEverywhere = operation == VoximplantSipOperation.bindSipRegistration
                && "false".equals(form.get("bind"))
                && !form.containsKey("sip_registration_id")
                && form.keySet().stream().noneMatch(k -> k.startsWith("rule_"))
                && (form.containsKey("user_id") || form.containsKey("user_name"));
        if (operation != VoximplantSipOperation.getSipRegistrations
                && bindsRuleOrUser
                && !bindsApplication
                && !unbindsUserEverywhere) {
            throw invalid(operation, null, "application_id or application_name is required with rule_* or user_*");
        }
        switch (operation) {
            case createSipRegistration -> {
                required(operation, form, "sip_username");
                required(operation, form, "proxy");
            }
            case updateSipRegistration, deleteSipRegistration -> required(operation, form, "sip_registration_id");
            case bindSipRegistration -> {
                if (!"false".equals(form.getOrDefault("bind", "true"))) {
                    required(operation, form, "sip_registration_id");
                }
            }
            default -> {}
        }
        return form;
    }

    private static String write(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(";"));
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return String.valueOf(value);
    }

    private static void required(VoximplantSipOperation operation, Map<String, String> form, String name) {
        String v = form.get(name);
        if (v == null || v.isBlank()) {
            throw invalid(operation, name, "is required");
        }
    }

    private static VoximplantSipValidationException invalid(
            VoximplantSipOperation operation, String field, String why) {
        return new VoximplantSipValidationException(operation.apiMethod(), field, why);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        return Arrays.stream(sets).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
    }
}
