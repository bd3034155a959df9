package io.github.b24sip.camel.voximplant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.camel.Json;
import io.github.b24sip.camel.ProducerHealthCheck;
import io.github.b24sip.camel.SipProducerSupport;
import io.github.b24sip.camel.voximplant.client.RegistrationPages;
import io.github.b24sip.camel.voximplant.client.RegistrationParams;
import io.github.b24sip.camel.voximplant.model.CreateSipRegistrationResult;
import io.github.b24sip.camel.voximplant.sync.RegistrationSync;
import org.apache.camel.Message;
import org.apache.camel.spi.InvokeOnHeader;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the endpoint's operation, or the one the CamelVoximplantSipOperation header names. */
public class VoximplantSipProducer extends SipProducerSupport {

    static final int UNKNOWN_REGISTRATION = 275;
    private static final ObjectMapper JSON = Json.MAPPER;
    private final VoximplantSipEndpoint endpoint;

    public VoximplantSipProducer(VoximplantSipEndpoint endpoint) {
        super(
                endpoint,
                VoximplantSipConstants.OPERATION,
                () -> endpoint.getOperation().name());
        this.endpoint = endpoint;
    }

    @Override
    protected ProducerHealthCheck healthCheck() {
        return new ProducerHealthCheck(
                checkId("voximplant-sip", endpoint.accountId(), endpoint.getOperation()),
                "voximplant",
                "account",
                endpoint.accountId(),
                endpoint::accountReading);
    }

    @InvokeOnHeader("createSipRegistration")
    public void create(Message message) {
        Map<String, String> params = params(VoximplantSipOperation.createSipRegistration, message);
        // not idempotent: never resent after an unclear failure (the API itself warns of resends, error 484)
        JsonNode result =
                endpoint.client().call(VoximplantSipOperation.createSipRegistration.apiMethod(), params, false);
        message.setBody(CreateSipRegistrationResult.fromJson(result));
    }

    @InvokeOnHeader("updateSipRegistration")
    public void update(Message message) {
        message.setBody(ok(endpoint.client()
                .call(
                        VoximplantSipOperation.updateSipRegistration.apiMethod(),
                        params(VoximplantSipOperation.updateSipRegistration, message),
                        true)));
    }

    @InvokeOnHeader("deleteSipRegistration")
    public void delete(Message message) {
        // 275: the id is unknown; after a lost answer that means the first attempt deleted it
        message.setBody(ok(endpoint.client()
                .callRemoval(
                        VoximplantSipOperation.deleteSipRegistration.apiMethod(),
                        params(VoximplantSipOperation.deleteSipRegistration, message),
                        UNKNOWN_REGISTRATION)));
    }

    @InvokeOnHeader("bindSipRegistration")
    public void bind(Message message) {
        message.setBody(ok(endpoint.client()
                .call(
                        VoximplantSipOperation.bindSipRegistration.apiMethod(),
                        params(VoximplantSipOperation.bindSipRegistration, message),
                        true)));
    }

    /** Every page unless the body asks for one with count or offset; paging stops at the first empty page. */
    @InvokeOnHeader("getSipRegistrations")
    public void get(Message message) {
        Map<String, String> params = params(VoximplantSipOperation.getSipRegistrations, message);
        boolean onePage = params.containsKey("count") || params.containsKey("offset");
        message.setBody(
                onePage
                        ? RegistrationPages.page(endpoint.client(), params)
                        : RegistrationPages.all(endpoint.client(), params));
    }

    /**
     * Brings the account's registrations to the body, a List of desired registrations (RegistrationSpec, or Maps with
     * sip_username, proxy, auth_user, outbound_proxy, password, application, rule, user); the report as the body.
     */
    @InvokeOnHeader("sync")
    public void sync(Message message) {
        Object body = message.getBody();
        if (body instanceof String text && text.trim().startsWith("[")) {
            try {
                body = Json.MAPPER.readValue(text, List.class);
            } catch (IOException e) {
                throw new VoximplantSipValidationException(
                        VoximplantSipOperation.sync.apiMethod(), "body", "is not a JSON array: " + e.getMessage());
            }
        }
        if (!(body instanceof List<?> desired)) {
            throw new VoximplantSipValidationException(
                    VoximplantSipOperation.sync.apiMethod(), "body", "must be the List of desired registrations");
        }
        VoximplantSipConfiguration c = endpoint.getConfiguration();
        List<?> absent = message.getHeader(VoximplantSipConstants.ABSENT_REGISTRATIONS, List.of(), List.class);
        message.setBody(new RegistrationSync(endpoint.client()).sync(desired, absent, c.isPrune(), c.isDryRun()));
    }

    private static Boolean ok(JsonNode result) {
        return result.path("result").asInt() == 1;
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> params(VoximplantSipOperation operation, Message message) {
        Object body = message.getBody();
        Map<String, Object> map = new LinkedHashMap<>();
        if (body instanceof Map<?, ?> m) {
            map.putAll((Map<String, Object>) m);
        } else if (body instanceof String s && !s.isBlank()) {
            try {
                map.putAll(JSON.readValue(s, Map.class));
            } catch (IOException e) {
                throw new VoximplantSipValidationException(
                        operation.apiMethod(), "body", "is not a JSON object of parameters");
            }
        } else if (body != null && !(body instanceof String)) {
            throw new VoximplantSipValidationException(
                    operation.apiMethod(),
                    "body",
                    "must be a Map of the API's parameters, not "
                            + body.getClass().getSimpleName());
        }
        Object id = message.getHeader(VoximplantSipConstants.SIP_REGISTRATION_ID);
        if (id != null
                && !map.containsKey("sip_registration_id")
                && operation != VoximplantSipOperation.createSipRegistration) {
            map.put("sip_registration_id", id);
        }
        return RegistrationParams.of(operation, map);
    }
}
