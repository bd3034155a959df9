package io.github.b24sip.simulator.voximplant;

import io.github.b24sip.simulator.registration.Registration;
import io.github.b24sip.simulator.registration.RegistrationRule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Create/Update/Delete/Get/BindSipRegistration with the parameter rules and error codes of the official API clients
 * (docs/api-facts.md, "Voximplant").
 */
final class SipRegistrationMethods {

    static final Set<String> METHODS = Set.of(
            "CreateSipRegistration",
            "UpdateSipRegistration",
            "DeleteSipRegistration",
            "GetSipRegistrations",
            "BindSipRegistration");
    static final int DEFAULT_COUNT = 20;

    private SipRegistrationMethods() {}

    static Map<String, Object> call(VoximplantAccount account, String method, Map<String, String> p) {
        return switch (method) {
            case "CreateSipRegistration" -> create(account, p);
            case "UpdateSipRegistration" -> update(account, p);
            case "DeleteSipRegistration" -> delete(account, p);
            case "GetSipRegistrations" -> get(account, p);
            case "BindSipRegistration" -> bind(account, p);
            default -> throw new VoxApiException(103, "Unknown command");
        };
    }

    private static Map<String, Object> create(VoximplantAccount account, Map<String, String> p) {
        String username = required(p, "sip_username");
        String proxy = required(p, "proxy");
        Binding binding = binding(account, p);
        synchronized (account) {
            if (account.registrations.size() >= account.settings.maxRegistrations()) {
                throw new VoxApiException(272, "Exceeded the maximum possible number of SIP registrations");
            }
            Instant now = account.clock.instant();
            VoxRegistration r = new VoxRegistration(account.nextRegistrationId++, now);
            r.sipUsername = username;
            r.proxy = proxy;
            r.authUser = p.get("auth_user");
            r.outboundProxy = p.get("outbound_proxy");
            r.password = p.get("password");
            r.persistent = !p.containsKey("is_persistent") || bool(p, "is_persistent");
            r.registration = new Registration(
                    now,
                    decide(account, r),
                    account.settings.registrationWait(),
                    account.settings.registrationProgress());
            apply(account, r, binding);
            account.registrations.put(r.id, r);
            Map<String, Object> result = ok();
            result.put("sip_registration_id", r.id);
            result.put("account_info", accountInfo(account));
            return result;
        }
    }

    static Map<String, Object> update(VoximplantAccount account, Map<String, String> p) {
        long id = requiredId(p);
        Binding binding = binding(account, p);
        synchronized (account) {
            VoxRegistration r = existing(account, id);
            boolean sipChanged = false;
            for (String field : List.of("sip_username", "proxy", "auth_user", "outbound_proxy", "password")) {
                if (p.containsKey(field)) {
                    sipChanged = true;
                }
            }
            if (p.containsKey("sip_username")) {
                r.sipUsername = nonEmpty(p, "sip_username");
            }
            if (p.containsKey("proxy")) {
                r.proxy = nonEmpty(p, "proxy");
            }
            r.authUser = p.getOrDefault("auth_user", r.authUser);
            r.outboundProxy = p.getOrDefault("outbound_proxy", r.outboundProxy);
            r.password = p.getOrDefault("password", r.password);
            if (sipChanged) {
                r.registration.restart(account.clock.instant(), decide(account, r));
            }
            apply(account, r, binding);
            return ok();
        }
    }

    private static Map<String, Object> delete(VoximplantAccount account, Map<String, String> p) {
        long id = requiredId(p);
        synchronized (account) {
            existing(account, id);
            account.registrations.remove(id);
            return ok();
        }
    }

    private static Map<String, Object> bind(VoximplantAccount account, Map<String, String> p) {
        boolean bind = !p.containsKey("bind") || bool(p, "bind");
        // the official example unbinds a user from every registration with user_id and bind=false alone
        boolean unbindUserEverywhere = !bind && !p.containsKey("sip_registration_id");
        Binding binding = binding(account, p, unbindUserEverywhere);
        synchronized (account) {
            if (bind) {
                VoxRegistration r = existing(account, requiredId(p));
                apply(account, r, binding);
                return ok();
            }
            if (p.containsKey("sip_registration_id")) {
                VoxRegistration r = existing(account, requiredId(p));
                unbind(r, binding);
            } else if (binding.userId != null) {
                // bind=false with a user and no registration unbinds that user everywhere
                account.registrations.values().stream()
                        .filter(r -> binding.userId.equals(r.userId))
                        .forEach(r -> r.userId = null);
            } else {
                throw new VoxApiException(134, "sip_registration_id or user_id is required when bind=false");
            }
            return ok();
        }
    }

    private static Map<String, Object> get(VoximplantAccount account, Map<String, String> p) {
        int asked = p.containsKey("count") ? (int) Math.max(1, longValue(p, "count")) : DEFAULT_COUNT;
        int count = Math.min(account.settings.maxPageSize(), asked);
        int offset = p.containsKey("offset") ? (int) Math.max(0, longValue(p, "offset")) : 0;
        Predicate<VoxRegistration> filter = filter(account, p);
        synchronized (account) {
            List<Map<String, Object>> rows = account.registrations.values().stream()
                    .filter(filter)
                    .skip(offset)
                    .limit(count)
                    .map(r -> r.toJson(account.clock.instant(), account))
                    .toList();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("result", rows);
            result.put("count", rows.size());
            return result;
        }
    }

    private static Predicate<VoxRegistration> filter(VoximplantAccount account, Map<String, String> p) {
        Instant now = account.clock.instant();
        List<Predicate<VoxRegistration>> all = new ArrayList<>();
        if (p.containsKey("sip_registration_id")) {
            long id = longValue(p, "sip_registration_id");
            all.add(r -> r.id == id);
        }
        if (p.containsKey("sip_username")) {
            String name = p.get("sip_username");
            all.add(r -> name.equals(r.sipUsername));
        }
        booleanFilter(p, "deactivated", all, r -> r.deactivated);
        booleanFilter(
                p,
                "successful",
                all,
                r -> Registration.SUCCESS.equals(r.registration.state(now).result()));
        booleanFilter(p, "is_persistent", all, r -> r.persistent);
        booleanFilter(p, "is_bound_to_application", all, r -> r.applicationId != null);
        booleanFilter(p, "in_progress", all, r -> r.inProgress(now));
        listFilter(p, "application_id", all, r -> String.valueOf(r.applicationId));
        listFilter(
                p,
                "application_name",
                all,
                r -> r.applicationId == null
                        ? null
                        : account.applications.get(r.applicationId).name());
        listFilter(p, "rule_id", all, r -> String.valueOf(r.ruleId));
        listFilter(
                p,
                "rule_name",
                all,
                r -> r.ruleId == null ? null : account.rules.get(r.ruleId).name());
        listFilter(p, "user_id", all, r -> String.valueOf(r.userId));
        listFilter(
                p,
                "user_name",
                all,
                r -> r.userId == null ? null : account.users.get(r.userId).name());
        listFilter(p, "proxy", all, r -> r.proxy);
        if (p.containsKey("status_code") && !p.get("status_code").isEmpty()) {
            String spec = p.get("status_code");
            all.add(r -> {
                Registration.State s = r.registration.state(now);
                return s.isFinal() && statusMatches(spec, s.statusCode());
            });
        }
        return r -> all.stream().allMatch(f -> f.test(r));
    }

    /** {@code a:b} is an inclusive range, {@code a;b} either, combined as in {@code 401;500:599}. */
    static boolean statusMatches(String spec, int code) {
        for (String part : spec.split(";")) {
            String t = part.trim();
            int colon = t.indexOf(':');
            try {
                if (colon < 0
                        ? Integer.parseInt(t) == code
                        : code >= Integer.parseInt(t.substring(0, colon).trim())
                                && code
                                        <= Integer.parseInt(
                                                t.substring(colon + 1).trim())) {
                    return true;
                }
            } catch (NumberFormatException e) {
                throw new VoxApiException(101, "Invalid status_code: " + spec);
            }
        }
        return false;
    }

    private static void booleanFilter(
            Map<String, String> p, String name, List<Predicate<VoxRegistration>> all, Predicate<VoxRegistration> test) {
        if (p.containsKey(name) && !p.get(name).isEmpty()) {
            boolean wanted = bool(p, name);
            all.add(r -> test.test(r) == wanted);
        }
    }

    private static void listFilter(
            Map<String, String> p,
            String name,
            List<Predicate<VoxRegistration>> all,
            Function<VoxRegistration, String> field) {
        String value = p.get(name);
        if (value == null || value.isEmpty() || "all".equals(value) || "any".equals(value)) {
            return;
        }
        Set<String> wanted =
                Set.copyOf(Arrays.stream(value.split(";")).map(String::trim).toList());
        all.add(r -> wanted.contains(field.apply(r)));
    }

    /** The resolved application, rule and user of a request; each null when not given. */
    private record Binding(Long applicationId, Long ruleId, Long userId) {}

    private static Binding binding(VoximplantAccount account, Map<String, String> p) {
        return binding(account, p, false);
    }

    /** {@code userAlone}: a user may be named without its application (unbinding a user everywhere). */
    private static Binding binding(VoximplantAccount account, Map<String, String> p, boolean userAlone) {
        Long app = pair(p, "application_id", "application_name", account.applications, 116, 116);
        Long rule = pair(p, "rule_id", "rule_name", account.rules, 147, 156);
        Long user = pair(p, "user_id", "user_name", account.users, 117, 117);
        if (userAlone && app == null && rule == null && user != null) {
            return new Binding(null, null, user);
        }
        if ((rule != null || user != null) && app == null) {
            throw new VoxApiException(
                    101,
                    "application_id or application_name is required with rule_id, rule_name, user_id or user_name");
        }
        if (rule != null && !app.equals(account.rules.get(rule).applicationId())) {
            throw new VoxApiException(147, "The rule does not belong to the application");
        }
        if (user != null && !app.equals(account.users.get(user).applicationId())) {
            throw new VoxApiException(393, "The user is not bound to the application");
        }
        return new Binding(app, rule, user);
    }

    private static Long pair(
            Map<String, String> p,
            String idName,
            String nameName,
            Map<Long, VoximplantAccount.Named> known,
            int idError,
            int nameError) {
        boolean hasId = p.containsKey(idName) && !p.get(idName).isEmpty();
        boolean hasName = p.containsKey(nameName) && !p.get(nameName).isEmpty();
        if (hasId && hasName) {
            throw new VoxApiException(458, "Specify only one of the parameters: " + idName + ", " + nameName);
        }
        if (hasId) {
            long id = longValue(p, idName);
            if (!known.containsKey(id)) {
                throw new VoxApiException(idError, "Invalid " + idName);
            }
            return id;
        }
        if (hasName) {
            String name = p.get(nameName);
            return known.values().stream()
                    .filter(n -> n.name().equals(name))
                    .map(VoximplantAccount.Named::id)
                    .findFirst()
                    .orElseThrow(() -> new VoxApiException(nameError, "Invalid " + nameName));
        }
        return null;
    }

    private static void apply(VoximplantAccount account, VoxRegistration r, Binding b) {
        if (b.applicationId != null) {
            r.applicationId = b.applicationId;
            r.ruleId = b.ruleId;
        }
        if (b.userId != null) {
            // a user has one bound registration: binding a new one silently unbinds the previous
            account.registrations.values().stream()
                    .filter(o -> o != r && b.userId.equals(o.userId))
                    .forEach(o -> o.userId = null);
            r.userId = b.userId;
        }
    }

    private static void unbind(VoxRegistration r, Binding b) {
        if (b.applicationId == null && b.ruleId == null && b.userId == null) {
            r.applicationId = null;
            r.ruleId = null;
            r.userId = null;
            return;
        }
        if (b.userId != null && b.userId.equals(r.userId)) {
            r.userId = null;
        }
        if (b.ruleId != null && b.ruleId.equals(r.ruleId)) {
            r.ruleId = null;
        } else if (b.applicationId != null
                && b.applicationId.equals(r.applicationId)
                && b.ruleId == null
                && b.userId == null) {
            r.applicationId = null;
            r.ruleId = null;
        }
    }

    private static RegistrationRule.Outcome decide(VoximplantAccount account, VoxRegistration r) {
        return account.settings.registrationRule().decide(r.proxy, r.sipUsername, r.password);
    }

    private static VoxRegistration existing(VoximplantAccount account, long id) {
        VoxRegistration r = account.registrations.get(id);
        if (r == null) {
            throw new VoxApiException(275, "Invalid registration_id");
        }
        return r;
    }

    private static String required(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            throw new VoxApiException(134, "Required parameter is empty: " + name);
        }
        return v;
    }

    private static String nonEmpty(Map<String, String> p, String name) {
        return required(p, name);
    }

    private static long requiredId(Map<String, String> p) {
        required(p, "sip_registration_id");
        return longValue(p, "sip_registration_id");
    }

    private static long longValue(Map<String, String> p, String name) {
        try {
            return Long.parseLong(p.get(name).trim());
        } catch (NumberFormatException e) {
            throw new VoxApiException(101, "Invalid arguments: " + name + " is not a number");
        }
    }

    /** true/false in any case (Python sends True/False), or 1/0. */
    private static boolean bool(Map<String, String> p, String name) {
        String v = p.get(name).trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new VoxApiException(101, "Invalid arguments: " + name + " is not a boolean");
        };
    }

    /** ShortAccountInfoType, as the official clients model CreateSipRegistration's {@code account_info}. */
    private static Map<String, Object> accountInfo(VoximplantAccount account) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("account_id", account.settings.accountId());
        info.put("frozen", false);
        info.put("balance", 100.0);
        info.put("currency", "USD");
        return info;
    }

    private static Map<String, Object> ok() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("result", 1);
        return result;
    }
}
