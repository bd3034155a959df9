package io.github.b24sip.camel.bitrix24.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.model.ConnectorStatus;
import io.github.b24sip.camel.bitrix24.model.ItemResult;
import io.github.b24sip.camel.bitrix24.model.PortalValues;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SipRegistrationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The {@code voximplant.sip.*} methods on top of {@link Bitrix24RestClient}: typed results, list bodies sent through
 * {@code batch} in chunks of 50 (several chunks in flight at once), and {@code add} resolved by title after an
 * ambiguous failure instead of being sent again blindly.
 */
public final class SipApi {

    public static final int BATCH_SIZE = 50;
    static final String ADD = "voximplant.sip.add";
    static final String UPDATE = "voximplant.sip.update";
    static final String DELETE = "voximplant.sip.delete";
    static final String GET = "voximplant.sip.get";
    static final String STATUS = "voximplant.sip.status";
    static final String CONNECTOR_STATUS = "voximplant.sip.connector.status";
    static final String NOT_FOUND = "ERROR_NOT_FOUND";
    private static final Logger LOG = LoggerFactory.getLogger(SipApi.class);

    private final Bitrix24RestClient client;
    private final Executor executor;
    private final int maxRetries;

    public SipApi(Bitrix24RestClient client, Executor executor, int maxRetries) {
        this.client = client;
        this.executor = executor;
        this.maxRetries = maxRetries;
    }

    public Bitrix24RestClient client() {
        return client;
    }

    // ---- add

    public SipLine add(SipLineSpec spec) {
        Map<String, Object> params = SpecValidator.addParams(spec);
        for (int attempt = 0; ; attempt++) {
            try {
                return SipLine.fromJson(client.call(ADD, params, false).result());
            } catch (Bitrix24SipException e) {
                if (!Bitrix24RestClient.isAmbiguous(e) || attempt >= maxRetries) {
                    throw e;
                }
                // the add may have run: adopt the line if it is there, send again only if it is not
                String key = PortalValues.titleKey(spec.title());
                List<SipLine> found = findByTitles(List.of(spec.title().trim())).stream()
                        .filter(l -> key.equals(PortalValues.titleKey(l.title())))
                        .toList();
                if (!found.isEmpty()) {
                    LOG.info(
                            "{} got no clear answer; adopted the existing line {} with that title",
                            ADD,
                            found.get(0).configId());
                    return found.get(0);
                }
            }
        }
    }

    public List<ItemResult<SipLine>> addAll(List<?> items) {
        return batched(
                ADD,
                items,
                item -> SpecValidator.addParams(SipLineSpec.from(item)),
                SipLine::fromJson,
                this::adoptByTitle);
    }

    /** After an ambiguous batch: the items whose line now exists are adopted; the rest are sent again. */
    private Map<Integer, SipLine> adoptByTitle(List<Pending<Map<String, Object>>> pending) {
        Map<String, SipLine> byTitle = new LinkedHashMap<>();
        findByTitles(pending.stream()
                        .map(p -> String.valueOf(p.params().get("TITLE")))
                        .toList())
                .forEach(l -> byTitle.put(PortalValues.titleKey(l.title()), l));
        Map<Integer, SipLine> adopted = new LinkedHashMap<>();
        pending.forEach(p -> {
            SipLine line =
                    byTitle.get(PortalValues.titleKey(String.valueOf(p.params().get("TITLE"))));
            if (line != null) {
                adopted.put(p.index(), line);
            }
        });
        return adopted;
    }

    private List<SipLine> findByTitles(Collection<String> titles) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("TITLE", new ArrayList<>(titles));
        return get(filter, null);
    }

    // ---- update, delete

    public boolean update(SipLineSpec spec) {
        client.call(UPDATE, SpecValidator.updateParams(spec), true);
        return true;
    }

    /** Several updates through batch; an update may be repeated, so an unclear chunk is simply sent again. */
    public List<ItemResult<Boolean>> updateAll(List<SipLineSpec> specs) {
        return batched(UPDATE, specs, spec -> SpecValidator.updateParams((SipLineSpec) spec), n -> Boolean.TRUE, null);
    }

    /**
     * Deletes one line. After an unclear failure (no answer, a 5xx) the delete is sent again, and a retry that
     * answers ERROR_NOT_FOUND means an earlier attempt ran: that is a success, as {@link #deleteAll} reads it.
     */
    public boolean delete(int configId) {
        Map<String, Object> params = SpecValidator.deleteParams(configId);
        for (int attempt = 0; ; attempt++) {
            try {
                client.call(DELETE, params, false);
                return true;
            } catch (Bitrix24SipException e) {
                if (attempt > 0 && NOT_FOUND.equals(e.getErrorCode())) {
                    LOG.info("{} of line {} got no clear answer; the retry found it already deleted", DELETE, configId);
                    return true;
                }
                if (!Bitrix24RestClient.isAmbiguous(e) || attempt >= maxRetries) {
                    throw e;
                }
                client.backoff(attempt + 1);
            }
        }
    }

    public List<ItemResult<Boolean>> deleteAll(List<?> ids) {
        return batched(
                DELETE,
                ids,
                id -> SpecValidator.deleteParams(SpecValidator.configId(id)),
                n -> Boolean.TRUE,
                this::confirmDeleted);
    }

    /** After an ambiguous batch: lines that are gone were deleted; the rest are sent again. */
    private Map<Integer, Boolean> confirmDeleted(List<Pending<Map<String, Object>>> pending) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put(
                "CONFIG_ID",
                pending.stream().map(p -> p.params().get("CONFIG_ID")).toList());
        List<Integer> remaining =
                get(filter, null).stream().map(SipLine::configId).toList();
        Map<Integer, Boolean> gone = new LinkedHashMap<>();
        pending.stream()
                .filter(p -> !remaining.contains((Integer) p.params().get("CONFIG_ID")))
                .forEach(p -> gone.put(p.index(), Boolean.TRUE));
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
        RestResult first = client.call(GET, params, true);
        List<SipLine> lines = new ArrayList<>(rows(first.result()));
        if (start != null || first.next() == null || first.total() == null) {
            return lines;
        }
        List<Pending<Map<String, Object>>> pages = new ArrayList<>();
        for (int offset = first.next(), i = 0; offset < first.total(); offset += BATCH_SIZE, i++) {
            Map<String, Object> page = new LinkedHashMap<>(params);
            page.put("start", offset);
            pages.add(new Pending<>(i, page));
        }
        Map<Integer, ItemResult<List<SipLine>>> results = new LinkedHashMap<>();
        inChunks(pages, chunk -> new BatchRun<>(GET, chunk, this::rows, null).run(), results);
        for (ItemResult<List<SipLine>> page : ordered(results, pages.size())) {
            if (!page.isSuccess()) {
                throw page.error();
            }
            lines.addAll(page.value());
        }
        return lines;
    }

    private List<SipLine> rows(JsonNode result) {
        List<SipLine> lines = new ArrayList<>();
        if (result != null && result.isArray()) {
            result.forEach(row -> lines.add(SipLine.fromJson(row)));
        }
        return lines;
    }

    // ---- status, connector.status

    public SipRegistrationStatus status(long regId) {
        return SipRegistrationStatus.fromJson(
                client.call(STATUS, SpecValidator.statusParams(regId), true).result());
    }

    public List<ItemResult<SipRegistrationStatus>> statusAll(List<?> regIds) {
        return batched(
                STATUS,
                regIds,
                id -> SpecValidator.statusParams(SpecValidator.regId(id)),
                SipRegistrationStatus::fromJson,
                null);
    }

    public ConnectorStatus connectorStatus() {
        return ConnectorStatus.fromJson(
                client.call(CONNECTOR_STATUS, Map.of(), true).result());
    }

    // ---- batching

    /**
     * A list body through batch: each item checked first (a bad item fails alone, before any request), the rest sent
     * in chunks; one result per item in input order.
     */
    private <T> List<ItemResult<T>> batched(
            String method,
            List<?> items,
            Function<Object, Map<String, Object>> toParams,
            Function<JsonNode, T> reader,
            Function<List<Pending<Map<String, Object>>>, Map<Integer, T>> resolver) {
        List<Pending<Map<String, Object>>> valid = new ArrayList<>();
        Map<Integer, ItemResult<T>> results = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                valid.add(new Pending<>(i, toParams.apply(items.get(i))));
            } catch (Bitrix24SipException e) {
                results.put(i, ItemResult.failure(i, e));
            }
        }
        inChunks(valid, chunk -> new BatchRun<>(method, chunk, reader, resolver).run(), results);
        return ordered(results, items.size());
    }

    /** An item on its way: its position in the input and its parameters. */
    record Pending<P>(int index, P params) {}

    /** Runs the chunks of 50 at once (bounded by the pacer's in-flight cap) and collects their item results. */
    private <T> void inChunks(
            List<Pending<Map<String, Object>>> items,
            Function<List<Pending<Map<String, Object>>>, Map<Integer, ItemResult<T>>> chunkRunner,
            Map<Integer, ItemResult<T>> results) {
        List<CompletableFuture<Map<Integer, ItemResult<T>>>> futures = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BATCH_SIZE) {
            List<Pending<Map<String, Object>>> chunk = items.subList(from, Math.min(items.size(), from + BATCH_SIZE));
            futures.add(
                    items.size() <= BATCH_SIZE
                            ? CompletableFuture.completedFuture(chunkRunner.apply(chunk))
                            : CompletableFuture.supplyAsync(() -> chunkRunner.apply(chunk), executor));
        }
        for (CompletableFuture<Map<Integer, ItemResult<T>>> f : futures) {
            try {
                results.putAll(f.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
    }

    private static <T> List<ItemResult<T>> ordered(Map<Integer, ItemResult<T>> results, int size) {
        List<ItemResult<T>> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(results.get(i));
        }
        return out;
    }

    /**
     * One chunk through {@code batch}. Never resent whole: items refused by a limit inside the batch go again; after an
     * ambiguous failure (no answer, 5xx) the resolver says which items took effect, and only the others go again.
     * Without a resolver (reads) the chunk is simply asked again.
     */
    private final class BatchRun<T> {
        private final String method;
        private final Function<JsonNode, T> reader;
        private final Function<List<Pending<Map<String, Object>>>, Map<Integer, T>> resolver;
        private List<Pending<Map<String, Object>>> pending;
        private final Map<Integer, ItemResult<T>> results = new LinkedHashMap<>();

        BatchRun(
                String method,
                List<Pending<Map<String, Object>>> chunk,
                Function<JsonNode, T> reader,
                Function<List<Pending<Map<String, Object>>>, Map<Integer, T>> resolver) {
            this.method = method;
            this.reader = reader;
            this.resolver = resolver;
            this.pending = new ArrayList<>(chunk);
        }

        Map<Integer, ItemResult<T>> run() {
            int ambiguous = 0;
            int limited = 0;
            java.time.Instant waitedUntil = null;
            while (!pending.isEmpty()) {
                Map<String, Object> cmd = new LinkedHashMap<>();
                Map<String, String> methods = new LinkedHashMap<>();
                Map<String, Pending<Map<String, Object>>> byKey = new LinkedHashMap<>();
                for (Pending<Map<String, Object>> p : pending) {
                    String key = "i" + p.index();
                    cmd.put(key, BatchCommands.command(method, p.params()));
                    methods.put(key, method);
                    byKey.put(key, p);
                }
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("halt", 0);
                params.put("cmd", cmd);
                RestResult batch;
                try {
                    batch = client.call("batch", params, resolver == null);
                } catch (Bitrix24SipException e) {
                    if (resolver != null && Bitrix24RestClient.isAmbiguous(e) && ambiguous++ < maxRetries) {
                        resolver.apply(pending)
                                .forEach((index, value) -> results.put(index, ItemResult.success(index, value)));
                        pending.removeIf(p -> results.containsKey(p.index()));
                        continue;
                    }
                    pending.forEach(p -> results.put(p.index(), ItemResult.failure(p.index(), e)));
                    break;
                }
                JsonNode body = batch.result();
                client.recordBatchTimes(body.get("result_time"), methods);
                List<Pending<Map<String, Object>>> again = new ArrayList<>();
                boolean[] operationLimited = {false};
                byKey.forEach((key, p) -> {
                    JsonNode error = body.path("result_error").get(key);
                    JsonNode value = body.path("result").get(key);
                    if (error != null && error.isObject()) {
                        Bitrix24SipException e = RestResponses.error(method, error, 0);
                        if (Bitrix24RestClient.isLimit(e.getErrorCode())) {
                            operationLimited[0] |=
                                    Bitrix24RestClient.OPERATION_TIME_LIMIT.equalsIgnoreCase(e.getErrorCode());
                            again.add(p);
                        } else {
                            results.put(p.index(), ItemResult.failure(p.index(), e));
                        }
                    } else if (value != null) {
                        results.put(p.index(), ItemResult.success(p.index(), reader.apply(value)));
                    } else {
                        results.put(
                                p.index(),
                                ItemResult.failure(
                                        p.index(),
                                        new Bitrix24SipException(
                                                method,
                                                Bitrix24SipException.INVALID_RESPONSE,
                                                "the batch returned nothing for this item",
                                                200)));
                    }
                });
                pending = again;
                if (!again.isEmpty()) {
                    // the same rule as a single call: one wait, then a clear failure naming when the method is free
                    if (operationLimited[0] && waitedUntil != null
                            || limited++ >= Bitrix24RestClient.MAX_LIMIT_RETRIES) {
                        Bitrix24SipException refused = Bitrix24RestClient.operationLimit(
                                method,
                                waitedUntil == null ? java.time.Instant.now() : waitedUntil,
                                client.pacer().holdAfterOperationLimit(method));
                        again.forEach(p -> results.put(p.index(), ItemResult.failure(p.index(), refused)));
                        break;
                    }
                    waitedUntil = waitForLimit();
                }
            }
            return results;
        }

        private java.time.Instant waitForLimit() {
            long nanos = client.pacer().retryAfterOperationLimitNanos(method);
            try {
                client.pacer().sleep(nanos);
                return java.time.Instant.now();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Bitrix24SipException(method, Bitrix24SipException.NETWORK_ERROR, "interrupted", 0);
            }
        }
    }
}
