package io.github.b24sip.simulator.bitrix;

import java.util.Locale;
import java.util.Map;

/**
 * HTTP statuses per error code, as the Bitrix24 REST docs give them (docs/api-facts.md, "Errors"); the module source
 * disagrees for a few
 * codes, so a portal can override any of them.
 */
final class ErrorStatuses {

    private static final Map<String, Integer> DOCUMENTED = Map.ofEntries(
            Map.entry("query_limit_exceeded", 503),
            Map.entry("overload_limit", 503),
            Map.entry("operation_time_limit", 429),
            Map.entry("expired_token", 401),
            Map.entry("invalid_token", 401),
            Map.entry("no_auth_found", 401),
            Map.entry("insufficient_scope", 403),
            Map.entry("invalid_credentials", 403),
            Map.entry("access_denied", 403),
            Map.entry("user_access_error", 403),
            Map.entry("error_method_not_found", 404),
            Map.entry("invalid_request", 400),
            Map.entry("wrong_auth_type", 403),
            Map.entry("internal_server_error", 500),
            Map.entry("error_unexpected_answer", 500),
            Map.entry("portal_deleted", 500));

    private final Map<String, Integer> overrides;

    ErrorStatuses(Map<String, Integer> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    int statusOf(RestException e) {
        String key = e.code().toLowerCase(Locale.ROOT);
        Integer override = overrides.get(key);
        if (override != null) {
            return override;
        }
        if (e.explicitStatus() != null) {
            return e.explicitStatus();
        }
        return DOCUMENTED.getOrDefault(key, 400);
    }
}
