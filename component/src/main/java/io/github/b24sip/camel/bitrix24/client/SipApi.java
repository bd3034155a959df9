package io.github.b24sip.camel.bitrix24.client;

import io.github.b24sip.camel.bitrix24.model.ConnectorStatus;
import io.github.b24sip.camel.bitrix24.model.ItemResult;
import io.github.b24sip.camel.bitrix24.model.PortalValues;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SipRegistrationStatus;
import io.github.b24sip.camel.bitrix24.support.SpecValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The typed catalog of the {@code voximplant.sip.*} methods: what each sends, what it returns, and what it may do
 * after an unclear answer ({@link IfUnclear}). Calls go through {@link Bitrix24RestClient}'s call policy; many items of
 * one method go through {@link BatchEngine}, keyed ({@code ...Each}, each result under its caller's key) or as a list
 * body (results in input order, each naming its index); every page of {@code get} through {@link LinePages}.
 */
public final class SipApi {

    static final String ADD = "voximplant.sip.add";
    static final String UPDATE = "voximplant.sip.update";
    static final String DELETE = "voximplant.sip.delete";
    static final String GET = "voximplant.sip.get";
    static final String STATUS = "voximplant.sip.status";
    static final String CONNECTOR_STATUS = "voximplant.sip.connector.status";
    static final String OUTGOING_GET = "voximplant.line.outgoing.get";
    static final String OUTGOING_SET = "voximplant.line.outgoing.set";
    static final String OUTGOING_SIP_SET = "voximplant.line.outgoing.sip.set";
    static final String NOT_FOUND = "ERROR_NOT_FOUND";
    private static final Logger LOG = LoggerFactory.getLogger(SipApi.class);

    private final Bitrix24RestClient client;
    private final BatchEngine batches;
    private final LinePages pages;

    public SipApi(Bitrix24RestClient client, Executor executor) {
        this.client = client;
        this.batches = new BatchEngine(client, executor);
        this.pages = new LinePages(client, batches);
    }

    public Bitrix24RestClient client() {
        return client;
    }

    // ---- add: never sent twice; after an unclear answer the line is looked up by title and adopted if it is there

    public SipLine add(SipLineSpec spec) {
        return client.call(
                ADD,
                SpecValidator.addParams(spec),
                IfUnclear.lookUp(() -> adoptByTitle(spec.title())),
                r -> SipLine.fromJson(r.result()));
    }

    public List<ItemResult<SipLine>> addAll(List<?> items) {
        return inInputOrder(addEach(numbered(items)));
    }

    /** Adds each line; the result under each line's key. */
    public <K> Map<K, ItemResult<SipLine>> addEach(Map<K, ?> lines) {
        return batches.run(
                ADD,
                lines,
                item -> SpecValidator.addParams(SipLineSpec.from(item)),
                SipLine::fromJson,
                this::adoptByTitles);
    }

    private Optional<SipLine> adoptByTitle(String title) {
        String key = PortalValues.titleKey(title);
        Optional<SipLine> found = findByTitles(List.of(title.trim())).stream()
                .filter(l -> key.equals(PortalValues.titleKey(l.title())))
                .findFirst();
        found.ifPresent(l ->
                LOG.info("{} got no clear answer; adopted the existing line {} with that title", ADD, l.configId()));
        return found;
    }

    /** After an unclear batch: the items whose line now exists are adopted; the rest are sent again. */
    private <K> Map<K, SipLine> adoptByTitles(Map<K, Map<String, Object>> pending) {
        Map<String, SipLine> byTitle = new LinkedHashMap<>();
        findByTitles(pending.values().stream()
                        .map(p -> String.valueOf(p.get("TITLE")))
                        .toList())
                .forEach(l -> byTitle.put(PortalValues.titleKey(l.title()), l));
        Map<K, SipLine> adopted = new LinkedHashMap<>();
        pending.forEach((key, params) -> {
            SipLine line = byTitle.get(PortalValues.titleKey(String.valueOf(params.get("TITLE"))));
            if (line != null) {
                adopted.put(key, line);
            }
        });
        return adopted;
    }

    private List<SipLine> findByTitles(Collection<String> titles) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("TITLE", new ArrayList<>(titles));
        return get(filter, null);
    }

    // ---- update: may be repeated

    public boolean update(SipLineSpec spec) {
        return client.call(UPDATE, SpecValidator.updateParams(spec), IfUnclear.sendAgain(), r -> Boolean.TRUE);
    }

    public List<ItemResult<Boolean>> updateAll(List<SipLineSpec> specs) {
        return inInputOrder(updateEach(numbered(specs)));
    }

    /** Updates each line (a spec with its CONFIG_ID); the result under each line's key. */
    public <K> Map<K, ItemResult<Boolean>> updateEach(Map<K, ?> specs) {
        return batches.run(
                UPDATE, specs, spec -> SpecValidator.updateParams((SipLineSpec) spec), n -> Boolean.TRUE, null);
    }

    // ---- delete: sent again after an unclear answer; a resend answering ERROR_NOT_FOUND means the lost one ran

    public boolean delete(int configId) {
        return client.call(
                DELETE,
                SpecValidator.deleteParams(configId),
                IfUnclear.resendUntilGone(NOT_FOUND, Boolean.TRUE),
                r -> Boolean.TRUE);
    }

    public List<ItemResult<Boolean>> deleteAll(List<?> ids) {
        return inInputOrder(deleteEach(numbered(ids)));
    }

    /** Deletes each line by CONFIG_ID; the result under each line's key. */
    public <K> Map<K, ItemResult<Boolean>> deleteEach(Map<K, ?> configIds) {
        return batches.run(
                DELETE,
                configIds,
                id -> SpecValidator.deleteParams(SpecValidator.configId(id)),
                n -> Boolean.TRUE,
                this::confirmDeleted);
    }

    /** After an unclear batch: lines that are gone were deleted; the rest are sent again. */
    private <K> Map<K, Boolean> confirmDeleted(Map<K, Map<String, Object>> pending) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put(
                "CONFIG_ID",
                pending.values().stream().map(p -> p.get("CONFIG_ID")).toList());
        List<Integer> remaining =
                get(filter, null).stream().map(SipLine::configId).toList();
        Map<K, Boolean> gone = new LinkedHashMap<>();
        pending.forEach((key, params) -> {
            if (!remaining.contains((Integer) params.get("CONFIG_ID"))) {
                gone.put(key, Boolean.TRUE);
            }
        });
        return gone;
    }

    // ---- get

    /** All pages (the rest fetched through batch), or the one page at {@code start}. */
    public List<SipLine> get(Map<String, Object> filter, Integer start) {
        return get(filter, null, null, start);
    }

    /**
     * As {@link #get(Map, Integer)}, sorted by the field {@code sort} in {@code order} (ASC or DESC): the portal sorts
     * only when both are given. The page offset goes as lower-case {@code start}, the only form the portal reads.
     */
    public List<SipLine> get(Map<String, Object> filter, String sort, String order, Integer start) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter != null && !filter.isEmpty()) {
            params.put("FILTER", filter);
        }
        if (sort != null && order != null) {
            params.put("SORT", sort);
            params.put("ORDER", order);
        }
        params.put("start", start == null ? 0 : start);
        return pages.read(GET, params, start == null);
    }

    // ---- status, connector.status

    public SipRegistrationStatus status(long regId) {
        return client.call(
                STATUS,
                SpecValidator.statusParams(regId),
                IfUnclear.sendAgain(),
                r -> SipRegistrationStatus.fromJson(r.result()));
    }

    public List<ItemResult<SipRegistrationStatus>> statusAll(List<?> regIds) {
        return inInputOrder(statusEach(numbered(regIds)));
    }

    /** Each registration's status; the result under each registration's key. */
    public <K> Map<K, ItemResult<SipRegistrationStatus>> statusEach(Map<K, ?> regIds) {
        return batches.run(
                STATUS,
                regIds,
                id -> SpecValidator.statusParams(SpecValidator.regId(id)),
                SipRegistrationStatus::fromJson,
                null);
    }

    public ConnectorStatus connectorStatus() {
        return client.call(
                CONNECTOR_STATUS, Map.of(), IfUnclear.sendAgain(), r -> ConnectorStatus.fromJson(r.result()));
    }

    // ---- the default outgoing line: reads and sets are sent again after an unclear answer (setting twice is harmless)

    /** The line id of the portal's default outgoing line; {@code LINK_BASE_NUMBER} when it has none. */
    public String outgoingLine() {
        return client.call(
                OUTGOING_GET, Map.of(), IfUnclear.sendAgain(), r -> r.result().asText());
    }

    /** Makes the line with this LINE_ID the default; the portal ignores an id it does not know (and answers 1). */
    public boolean setOutgoingLine(String lineId) {
        return client.call(OUTGOING_SET, Map.of("LINE_ID", lineId), IfUnclear.sendAgain(), r -> Boolean.TRUE);
    }

    /** Makes the SIP line with this CONFIG_ID the default; ERROR_ARGUMENT when the portal has no such config. */
    public boolean setOutgoingSipLine(int configId) {
        return client.call(OUTGOING_SIP_SET, Map.of("CONFIG_ID", configId), IfUnclear.sendAgain(), r -> Boolean.TRUE);
    }

    // ---- list bodies: the items keyed by their index, each result naming its index

    private static Map<Integer, Object> numbered(List<?> items) {
        Map<Integer, Object> keyed = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            keyed.put(i, items.get(i));
        }
        return keyed;
    }

    private static <T> List<ItemResult<T>> inInputOrder(Map<Integer, ItemResult<T>> results) {
        return new ArrayList<>(results.values());
    }
}
