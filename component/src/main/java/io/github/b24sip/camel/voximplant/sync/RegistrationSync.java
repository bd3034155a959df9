package io.github.b24sip.camel.voximplant.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.camel.Json;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Action;
import io.github.b24sip.camel.bitrix24.model.SyncItem.Outcome;
import io.github.b24sip.camel.voximplant.VoximplantSipException;
import io.github.b24sip.camel.voximplant.client.PlatformApiClient;
import io.github.b24sip.camel.voximplant.client.RegistrationPages;
import io.github.b24sip.camel.voximplant.model.RegistrationSpec;
import io.github.b24sip.camel.voximplant.model.RegistrationSyncItem;
import io.github.b24sip.camel.voximplant.model.RegistrationSyncReport;
import io.github.b24sip.camel.voximplant.model.SipRegistration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings an account's SIP registrations to a desired set keyed by user name at proxy: reads them (every page), plans
 * ({@link RegistrationPlanner}) and applies the plan, deletes first (freeing registrations for the creates), then
 * creates, then updates. A create whose answer was lost is looked up by its key before it is sent again, so it never
 * makes a second registration; a delete whose retry finds the id gone had run.
 */
public final class RegistrationSync {

    static final String CREATE = "CreateSipRegistration";
    static final String UPDATE = "UpdateSipRegistration";
    static final String DELETE = "DeleteSipRegistration";
    /** The API's "unknown SIP registration" code. */
    static final int UNKNOWN_REGISTRATION = 275;

    private final PlatformApiClient client;

    public RegistrationSync(PlatformApiClient client) {
        this.client = client;
    }

    public RegistrationSyncReport sync(List<?> desired, boolean prune, boolean dryRun) {
        return sync(desired, List.of(), prune, dryRun);
    }

    /** @param absent registrations that must not exist (user name and proxy each) */
    public RegistrationSyncReport sync(List<?> desired, List<?> absent, boolean prune, boolean dryRun) {
        long before = client.requestCount();
        List<SipRegistration> existing = RegistrationPages.all(client, Map.of());
        List<RegistrationStep> steps = RegistrationPlanner.plan(desired, absent, existing, prune);
        Map<String, RegistrationSyncItem> done = new LinkedHashMap<>();
        if (!dryRun) {
            steps.stream()
                    .filter(s -> s instanceof RegistrationStep.Delete)
                    .forEach(s -> done.put(s.key(), delete((RegistrationStep.Delete) s)));
            steps.stream()
                    .filter(s -> s instanceof RegistrationStep.Create)
                    .forEach(s -> done.put(s.key(), create((RegistrationStep.Create) s)));
            steps.stream()
                    .filter(s -> s instanceof RegistrationStep.Update)
                    .forEach(s -> done.put(s.key(), update((RegistrationStep.Update) s)));
        }
        List<RegistrationSyncItem> items = new ArrayList<>();
        for (RegistrationStep step : steps) {
            items.add(done.containsKey(step.key()) ? done.get(step.key()) : planned(step));
        }
        return RegistrationSyncReport.of(dryRun, items, client.requestCount() - before);
    }

    /** A step's item before (or without) running it. */
    static RegistrationSyncItem planned(RegistrationStep step) {
        if (step instanceof RegistrationStep.Settled settled) {
            return settled.item();
        } else if (step instanceof RegistrationStep.Keep keep) {
            return item(
                    keep.spec(),
                    Action.UNCHANGED,
                    Outcome.UNCHANGED,
                    keep.registration().sipRegistrationId(),
                    null);
        } else if (step instanceof RegistrationStep.Create create) {
            return item(create.spec(), Action.CREATE, Outcome.PLANNED, null, null);
        } else if (step instanceof RegistrationStep.Update update) {
            return item(
                    update.spec(),
                    Action.UPDATE,
                    Outcome.PLANNED,
                    update.registration().sipRegistrationId(),
                    null);
        }
        SipRegistration r = ((RegistrationStep.Delete) step).registration();
        return new RegistrationSyncItem(
                r.sipUsername(), r.proxy(), Action.DELETE, Outcome.PLANNED, r.sipRegistrationId(), null, null);
    }

    private RegistrationSyncItem create(RegistrationStep.Create step) {
        RegistrationSpec spec = step.spec();
        try {
            JsonNode answer = client.callResolving(CREATE, RegistrationPlanner.createParams(spec), () -> lookUp(spec));
            return item(
                    spec,
                    Action.CREATE,
                    Outcome.APPLIED,
                    answer.path("sip_registration_id").asLong(),
                    null);
        } catch (VoximplantSipException e) {
            return item(spec, Action.CREATE, Outcome.FAILED, null, e);
        }
    }

    /** After a create's unclear answer: the registration with its key, if the create ran. */
    private Optional<JsonNode> lookUp(RegistrationSpec spec) {
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("sip_username", spec.sipUsername().trim());
        filter.put("proxy", spec.proxy().trim());
        return RegistrationPages.all(client, filter).stream()
                .filter(r -> spec.key().equals(RegistrationSpec.key(r.sipUsername(), r.proxy())))
                .findFirst()
                .map(r -> (JsonNode) Json.MAPPER.createObjectNode().put("sip_registration_id", r.sipRegistrationId()));
    }

    private RegistrationSyncItem update(RegistrationStep.Update step) {
        long id = step.registration().sipRegistrationId();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("sip_registration_id", String.valueOf(id));
        params.putAll(step.changes());
        try {
            client.call(UPDATE, params, true);
            return item(step.spec(), Action.UPDATE, Outcome.APPLIED, id, null);
        } catch (VoximplantSipException e) {
            return item(step.spec(), Action.UPDATE, Outcome.FAILED, id, e);
        }
    }

    private RegistrationSyncItem delete(RegistrationStep.Delete step) {
        SipRegistration r = step.registration();
        try {
            client.callRemoval(
                    DELETE, Map.of("sip_registration_id", String.valueOf(r.sipRegistrationId())), UNKNOWN_REGISTRATION);
            return new RegistrationSyncItem(
                    r.sipUsername(), r.proxy(), Action.DELETE, Outcome.APPLIED, r.sipRegistrationId(), null, null);
        } catch (VoximplantSipException e) {
            return new RegistrationSyncItem(
                    r.sipUsername(),
                    r.proxy(),
                    Action.DELETE,
                    Outcome.FAILED,
                    r.sipRegistrationId(),
                    String.valueOf(e.getCode()),
                    e.getMsg());
        }
    }

    private static RegistrationSyncItem item(
            RegistrationSpec spec, Action action, Outcome outcome, Long id, VoximplantSipException e) {
        return new RegistrationSyncItem(
                spec.sipUsername().trim(),
                spec.proxy().trim(),
                action,
                outcome,
                id,
                e == null ? null : String.valueOf(e.getCode()),
                e == null ? null : e.getMsg());
    }
}
