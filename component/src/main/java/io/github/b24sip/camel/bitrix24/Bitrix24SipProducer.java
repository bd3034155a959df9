package io.github.b24sip.camel.bitrix24;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.camel.Json;
import io.github.b24sip.camel.ProducerHealthCheck;
import io.github.b24sip.camel.SipProducerSupport;
import io.github.b24sip.camel.bitrix24.client.SipApi;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.sync.SyncRequest;
import org.apache.camel.Message;
import org.apache.camel.spi.InvokeOnHeader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the endpoint's operation, or the one the CamelBitrix24SipOperation header names. */
public class Bitrix24SipProducer extends SipProducerSupport {

    private static final ObjectMapper JSON = Json.MAPPER;
    private final Bitrix24SipEndpoint endpoint;

    public Bitrix24SipProducer(Bitrix24SipEndpoint endpoint) {
        super(
                endpoint,
                Bitrix24SipConstants.OPERATION,
                () -> endpoint.getOperation().name());
        this.endpoint = endpoint;
    }

    private SipApi api() {
        return endpoint.api();
    }

    @Override
    protected ProducerHealthCheck healthCheck() {
        return new ProducerHealthCheck(
                checkId("bitrix24-sip", endpoint.portalHost(), endpoint.getOperation()),
                "bitrix24",
                "portal",
                endpoint.portalHost(),
                endpoint::connectorReading);
    }

    @InvokeOnHeader("add")
    public void add(Message message) {
        Object body = listOrBody(message.getBody());
        message.setBody(body instanceof List<?> list ? api().addAll(list) : api().add(SipLineSpec.from(body)));
    }

    @InvokeOnHeader("update")
    public void update(Message message) {
        SipLineSpec spec = SipLineSpec.from(message.getBody());
        Integer headerId = message.getHeader(Bitrix24SipConstants.CONFIG_ID, Integer.class);
        if (spec.configId() == null && headerId != null) {
            spec = spec.withConfigId(headerId);
        }
        message.setBody(api().update(spec));
    }

    @InvokeOnHeader("delete")
    public void delete(Message message) {
        Object body = listOrBody(message.getBody());
        if (body instanceof List<?> list) {
            message.setBody(api().deleteAll(list));
            return;
        }
        Object id = body != null ? body : message.getHeader(Bitrix24SipConstants.CONFIG_ID);
        message.setBody(api().delete((int) idOf("configId", id)));
    }

    @InvokeOnHeader("get")
    @SuppressWarnings("unchecked")
    public void get(Message message) {
        Object body = message.getBody();
        Map<String, Object> filter = null;
        if (body instanceof Map<?, ?> map) {
            filter = new LinkedHashMap<>((Map<String, Object>) map);
        } else if (body != null && !(body instanceof String s && s.isBlank())) {
            throw new Bitrix24SipValidationException("body", "of get must be a filter Map or empty");
        }
        Bitrix24SipConfiguration c = endpoint.getConfiguration();
        if (c.getSort() != null && c.getOrder() == null || c.getSort() == null && c.getOrder() != null) {
            throw new Bitrix24SipValidationException(
                    c.getSort() == null ? "sort" : "order",
                    "is required with " + (c.getSort() == null ? "order" : "sort")
                            + ": the portal sorts only when both are given");
        }
        message.setBody(api().get(filter, c.getSort(), c.getOrder(), c.getStart()));
    }

    @InvokeOnHeader("status")
    public void status(Message message) {
        Object body = listOrBody(message.getBody());
        if (body instanceof List<?> list) {
            message.setBody(api().statusAll(list));
            return;
        }
        Object id = body != null ? body : message.getHeader(Bitrix24SipConstants.REG_ID);
        message.setBody(api().status(idOf("regId", id)));
    }

    @InvokeOnHeader("connectorStatus")
    public void connectorStatus(Message message) {
        message.setBody(api().connectorStatus());
    }

    @InvokeOnHeader("outgoingGet")
    public void outgoingGet(Message message) {
        message.setBody(api().outgoingLine());
    }

    @InvokeOnHeader("outgoingSet")
    public void outgoingSet(Message message) {
        Object body = message.getBody();
        Object id = body != null && !(body instanceof String s && s.isBlank())
                ? body
                : message.getHeader(Bitrix24SipConstants.LINE_ID);
        if (id == null || id.toString().isBlank()) {
            throw new Bitrix24SipValidationException("lineId", "is required: give it as the body or in the header");
        }
        message.setBody(api().setOutgoingLine(id.toString().trim()));
    }

    @InvokeOnHeader("outgoingSipSet")
    public void outgoingSipSet(Message message) {
        Object body = message.getBody();
        Object id = body != null ? body : message.getHeader(Bitrix24SipConstants.CONFIG_ID);
        message.setBody(api().setOutgoingSipLine((int) idOf("configId", id)));
    }

    @InvokeOnHeader("sync")
    public void sync(Message message) {
        Object body = listOrBody(message.getBody());
        if (!(body instanceof List<?> desired)) {
            throw new Bitrix24SipValidationException(
                    "body", "of sync must be the List of desired lines (a JSON array is fine)");
        }
        Bitrix24SipConfiguration c = endpoint.getConfiguration();
        Collection<?> absent = message.getHeader(Bitrix24SipConstants.ABSENT_TITLES, List.of(), Collection.class);
        List<String> absentTitles =
                absent.stream().map(t -> t == null ? null : t.toString()).toList();
        List<?> existing = message.getHeader(Bitrix24SipConstants.EXISTING_LINES, List.class);
        List<SipLine> existingLines = null;
        if (existing != null) {
            existingLines = new ArrayList<>(existing.size());
            for (Object line : existing) {
                if (!(line instanceof SipLine sipLine)) {
                    throw new Bitrix24SipValidationException(
                            Bitrix24SipConstants.EXISTING_LINES,
                            "must be a List of SipLine (as bitrix24-sip:get gives)");
                }
                existingLines.add(sipLine);
            }
        }
        message.setBody(
                endpoint.sync().sync(new SyncRequest(desired, absentTitles, c.isPrune(), c.isDryRun(), existingLines)));
    }

    /** A JSON array string is a list body too. */
    private static Object listOrBody(Object body) {
        if (body instanceof String s && s.trim().startsWith("[")) {
            try {
                return JSON.readValue(s, List.class);
            } catch (IOException e) {
                throw new Bitrix24SipValidationException(
                        "body", "is not a JSON array (" + e.getClass().getSimpleName() + ")");
            }
        }
        return body;
    }

    private static long idOf(String field, Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new Bitrix24SipValidationException(field, "is required: give it as the body or in the header");
        }
        try {
            return value instanceof Number n
                    ? n.longValue()
                    : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new Bitrix24SipValidationException(field, "is not a number: '" + value + "'");
        }
    }
}
