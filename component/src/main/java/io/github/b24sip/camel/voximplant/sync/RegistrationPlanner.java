package io.github.b24sip.camel.voximplant.sync;

import io.github.b24sip.camel.bitrix24.model.SyncItem.Action;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Outcome;
import io.github.b24sip.camel.voximplant.VoximplantSipException;
import io.github.b24sip.camel.voximplant.model.RegistrationSpec;
import io.github.b24sip.camel.voximplant.model.RegistrationSyncItem;
import io.github.b24sip.camel.voximplant.model.SipRegistration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plans a registrations sync without touching the account: the desired registrations and the account's, keyed by user
 * name at proxy, into one {@link RegistrationStep} each. An update carries only the fields that differ
 * (UpdateSipRegistration takes any subset: docs/api-facts.md); a field not given is left as it is. The API never returns
 * a password, so a given password goes with a create, or with an update that changes something else, and alone changes
 * nothing.
 */
public final class RegistrationPlanner {

    private RegistrationPlanner() {}

    public static List<RegistrationStep> plan(List<?> desired, List<SipRegistration> existing, boolean prune) {
        return plan(desired, List.of(), existing, prune);
    }

    /**
     * @param absent registrations that must not exist (a RegistrationSpec or a Map with sip_username and proxy each):
     *               an existing one is deleted, a missing one is reported unchanged; their items follow the desired
     *               ones'
     */
    public static List<RegistrationStep> plan(
            List<?> desired, List<?> absent, List<SipRegistration> existing, boolean prune) {
        List<RegistrationSpec> specs = new ArrayList<>();
        List<RuntimeException> refusals = new ArrayList<>();
        Map<String, Integer> keyCount = new HashMap<>();
        for (Object item : desired) {
            try {
                RegistrationSpec spec = RegistrationSpec.from(item);
                specs.add(spec);
                refusals.add(null);
                keyCount.merge(spec.key(), 1, Integer::sum);
            } catch (VoximplantSipException e) {
                specs.add(null);
                refusals.add(e);
            }
        }
        Map<String, SipRegistration> byKey = new LinkedHashMap<>();
        List<SipRegistration> others = new ArrayList<>();
        for (SipRegistration r : existing) {
            if (r.sipUsername() == null || r.proxy() == null) {
                others.add(r);
            } else if (byKey.putIfAbsent(RegistrationSpec.key(r.sipUsername(), r.proxy()), r) != null) {
                others.add(r);
            }
        }
        List<RegistrationStep> steps = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            RegistrationSpec spec = specs.get(i);
            if (spec == null) {
                steps.add(invalid("position:" + i, desired.get(i), refusals.get(i)));
            } else if (keyCount.get(spec.key()) > 1) {
                steps.add(refused(
                        "position:" + i,
                        spec,
                        "DUPLICATE_REGISTRATION",
                        spec.key() + " appears " + keyCount.get(spec.key()) + " times in the desired set"));
            } else {
                SipRegistration r = byKey.get(spec.key());
                if (r == null) {
                    steps.add(new RegistrationStep.Create(spec.key(), spec));
                } else {
                    Map<String, String> changes = changes(spec, r);
                    steps.add(
                            changes.isEmpty()
                                    ? new RegistrationStep.Keep(spec.key(), spec, r)
                                    : new RegistrationStep.Update(spec.key(), spec, r, changes));
                }
            }
        }
        Map<String, RegistrationSpec> gone = new LinkedHashMap<>();
        for (int i = 0; i < absent.size(); i++) {
            RegistrationSpec spec;
            try {
                spec = RegistrationSpec.from(absent.get(i));
            } catch (VoximplantSipException e) {
                steps.add(invalid("absent:" + i, absent.get(i), e));
                continue;
            }
            if (keyCount.containsKey(spec.key())) {
                steps.add(refused(
                        "absent:" + i,
                        spec,
                        "CONFLICTING_REGISTRATION",
                        spec.key() + " is both desired and to be deleted"));
            } else if (gone.putIfAbsent(spec.key(), spec) == null) {
                SipRegistration r = byKey.get(spec.key());
                steps.add(
                        r == null
                                ? new RegistrationStep.Settled(
                                        spec.key(),
                                        new RegistrationSyncItem(
                                                spec.sipUsername(),
                                                spec.proxy(),
                                                Action.DELETE,
                                                Outcome.UNCHANGED,
                                                null,
                                                null,
                                                null))
                                : new RegistrationStep.Delete(spec.key(), r));
            }
        }
        if (prune) {
            byKey.forEach((key, r) -> {
                if (!keyCount.containsKey(key) && !gone.containsKey(key)) {
                    steps.add(new RegistrationStep.Delete(key, r));
                }
            });
            others.forEach(r -> steps.add(new RegistrationStep.Delete("id:" + r.sipRegistrationId(), r)));
        }
        return steps;
    }

    /** CreateSipRegistration's parameters for a spec. */
    public static Map<String, String> createParams(RegistrationSpec spec) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sip_username", spec.sipUsername().trim());
        p.put("proxy", spec.proxy().trim());
        putIfGiven(p, "auth_user", spec.authUser());
        putIfGiven(p, "outbound_proxy", spec.outboundProxy());
        putIfGiven(p, "password", spec.password());
        binding(p, spec);
        return p;
    }

    /**
     * The names of the fields in which {@code r} differs from {@code spec}, as a sync would write them: {@code auth_user},
     * {@code outbound_proxy}, {@code application}, {@code rule}, {@code user} (a binding counts once). The password is
     * never among them: the API does not return it.
     */
    public static List<String> differences(RegistrationSpec spec, SipRegistration r) {
        List<String> fields = new ArrayList<>();
        if (spec.authUser() != null && !spec.authUser().equals(r.authUser())) {
            fields.add("auth_user");
        }
        if (spec.outboundProxy() != null && !spec.outboundProxy().equals(r.outboundProxy())) {
            fields.add("outbound_proxy");
        }
        if (differs(spec.application(), r.applicationId(), r.applicationName())) {
            fields.add("application");
        }
        if (differs(spec.rule(), r.ruleId(), r.ruleName())) {
            fields.add("rule");
        }
        if (differs(spec.user(), r.userId(), r.userName())) {
            fields.add("user");
        }
        return fields;
    }

    /**
     * The fields of UpdateSipRegistration that bring {@code r} to {@code spec}, without its id; empty when none
     * differs.
     */
    static Map<String, String> changes(RegistrationSpec spec, SipRegistration r) {
        Map<String, String> p = new LinkedHashMap<>();
        if (spec.authUser() != null && !spec.authUser().equals(r.authUser())) {
            p.put("auth_user", spec.authUser());
        }
        if (spec.outboundProxy() != null && !spec.outboundProxy().equals(r.outboundProxy())) {
            p.put("outbound_proxy", spec.outboundProxy());
        }
        boolean rebind = differs(spec.application(), r.applicationId(), r.applicationName())
                || differs(spec.rule(), r.ruleId(), r.ruleName())
                || differs(spec.user(), r.userId(), r.userName());
        if (rebind) {
            binding(p, spec);
        }
        if (!p.isEmpty() && spec.password() != null) {
            p.put("password", spec.password());
        }
        return p;
    }

    /** A binding given that matches neither the id nor the name the registration is bound to. */
    private static boolean differs(String wanted, Long id, String name) {
        if (wanted == null) {
            return false;
        }
        return isId(wanted) ? !Objects.equals(Long.valueOf(wanted), id) : !wanted.equals(name);
    }

    private static void binding(Map<String, String> p, RegistrationSpec spec) {
        bind(p, "application", spec.application());
        bind(p, "rule", spec.rule());
        bind(p, "user", spec.user());
    }

    private static void bind(Map<String, String> p, String what, String value) {
        if (value != null) {
            p.put(isId(value) ? what + "_id" : what + "_name", value);
        }
    }

    private static boolean isId(String value) {
        return !value.isEmpty() && value.length() < 19 && value.chars().allMatch(Character::isDigit);
    }

    private static void putIfGiven(Map<String, String> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }

    /** A registration the request itself contradicts: invalid, with the reason. */
    private static RegistrationStep refused(String key, RegistrationSpec spec, String code, String reason) {
        return new RegistrationStep.Settled(
                key,
                new RegistrationSyncItem(
                        spec.sipUsername(), spec.proxy(), Action.INVALID, Outcome.FAILED, null, code, reason));
    }

    private static RegistrationStep invalid(String key, Object raw, RuntimeException e) {
        Map<?, ?> map = raw instanceof Map<?, ?> m ? m : Map.of();
        Object user = map.get("sip_username");
        Object proxy = map.get("proxy");
        return new RegistrationStep.Settled(
                key,
                new RegistrationSyncItem(
                        user == null ? null : String.valueOf(user).trim(),
                        proxy == null ? null : String.valueOf(proxy).trim(),
                        Action.INVALID,
                        Outcome.FAILED,
                        null,
                        "INVALID_INPUT",
                        e instanceof VoximplantSipException v ? v.getMsg() : e.getMessage()));
    }
}
