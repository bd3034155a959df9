package io.github.b24sip.camel.bitrix24.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipLimitException;
import io.github.b24sip.camel.bitrix24.model.ItemResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Runs one method for many items through {@code batch}: each item checked first (a bad item fails alone, before any
 * request), the rest in chunks of {@value #BATCH_SIZE}, several chunks in flight at once (bounded by the pacer's cap).
 * Every result comes back under its item's key, whatever order the portal answers in.
 *
 * <p>A chunk is never resent whole. It runs under the same call policy and retry table as a single call, for the
 * sub-commands' method: items refused by a limit go again; after an unclear answer the {@link Resolver} says which
 * items took effect and only the others go again (without one, for a method that may be repeated, the chunk is
 * asked again).
 */
final class BatchEngine {

    static final int BATCH_SIZE = 50;

    /** After an unclear answer: the pending items that took effect on the portal, with their results. */
    @FunctionalInterface
    interface Resolver<K, T> {
        Map<K, T> tookEffect(Map<K, Map<String, Object>> pending);
    }

    private final Bitrix24RestClient client;
    private final Executor executor;

    BatchEngine(Bitrix24RestClient client, Executor executor) {
        this.client = client;
        this.executor = executor;
    }

    /**
     * @param items    the items by key, in the order their results are numbered
     * @param toParams an item's parameters; a {@link Bitrix24SipException} fails that item alone
     * @param resolver null when the method may be repeated
     */
    <K, T> Map<K, ItemResult<T>> run(
            String method,
            Map<K, ?> items,
            Function<Object, Map<String, Object>> toParams,
            Function<JsonNode, T> reader,
            Resolver<K, T> resolver) {
        Map<K, Integer> positions = new LinkedHashMap<>();
        Map<K, ItemResult<T>> results = new LinkedHashMap<>();
        List<Map<K, Map<String, Object>>> chunks = new ArrayList<>();
        Map<K, Map<String, Object>> chunk = new LinkedHashMap<>();
        for (Map.Entry<K, ?> item : items.entrySet()) {
            int position = positions.size();
            positions.put(item.getKey(), position);
            try {
                chunk.put(item.getKey(), toParams.apply(item.getValue()));
            } catch (Bitrix24SipException e) {
                results.put(item.getKey(), ItemResult.failure(position, e));
            }
            if (chunk.size() == BATCH_SIZE) {
                chunks.add(chunk);
                chunk = new LinkedHashMap<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        List<CompletableFuture<Map<K, ItemResult<T>>>> running = new ArrayList<>();
        for (Map<K, Map<String, Object>> c : chunks) {
            ChunkRun<K, T> run = new ChunkRun<>(method, c, positions, reader, resolver);
            // a single chunk runs on its caller's thread
            running.add(
                    chunks.size() == 1
                            ? CompletableFuture.completedFuture(run.run())
                            : CompletableFuture.supplyAsync(run::run, executor));
        }
        for (CompletableFuture<Map<K, ItemResult<T>>> f : running) {
            try {
                results.putAll(f.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        Map<K, ItemResult<T>> inOrder = new LinkedHashMap<>();
        items.keySet().forEach(k -> inOrder.put(k, results.get(k)));
        return inOrder;
    }

    /** One chunk through {@code batch}, until every item has its result. */
    private final class ChunkRun<K, T> {
        private final String method;
        private final Map<K, Integer> positions;
        private final Function<JsonNode, T> reader;
        private final Resolver<K, T> resolver;
        private final Map<K, Map<String, Object>> pending;
        private final Map<K, ItemResult<T>> results = new LinkedHashMap<>();

        ChunkRun(
                String method,
                Map<K, Map<String, Object>> chunk,
                Map<K, Integer> positions,
                Function<JsonNode, T> reader,
                Resolver<K, T> resolver) {
            this.method = method;
            this.positions = positions;
            this.reader = reader;
            this.resolver = resolver;
            this.pending = new LinkedHashMap<>(chunk);
        }

        Map<K, ItemResult<T>> run() {
            IfUnclear<Boolean> ifUnclear = resolver == null ? IfUnclear.sendAgain() : IfUnclear.lookUp(this::resolve);
            try {
                client.retrying(method, ifUnclear, this::sendPending);
            } catch (Bitrix24SipException e) {
                pending.keySet().forEach(k -> results.put(k, ItemResult.failure(positions.get(k), e)));
            }
            return results;
        }

        /** After an unclear answer: the items that took effect are done; done altogether when none is left. */
        private Optional<Boolean> resolve() {
            resolver.tookEffect(pending)
                    .forEach((key, value) -> results.put(key, ItemResult.success(positions.get(key), value)));
            pending.keySet().removeIf(results::containsKey);
            return pending.isEmpty() ? Optional.of(Boolean.TRUE) : Optional.empty();
        }

        /**
         * Sends the pending items; settles each that the portal answered. Items refused by a limit stay pending, and
         * the attempt fails with that limit, so the retry table waits before they go again.
         */
        private Boolean sendPending(String accessToken) {
            Map<String, Object> cmd = new LinkedHashMap<>();
            Map<String, String> methods = new LinkedHashMap<>();
            Map<String, K> keyOf = new LinkedHashMap<>();
            pending.forEach((key, params) -> {
                String name = "i" + positions.get(key);
                cmd.put(name, BatchCommands.command(method, params));
                methods.put(name, method);
                keyOf.put(name, key);
            });
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("halt", 0);
            params.put("cmd", cmd);
            JsonNode body = client.send("batch", params, accessToken).result();
            client.recordBatchTimes(body.get("result_time"), methods);
            String limit = null;
            for (Map.Entry<String, K> command : keyOf.entrySet()) {
                K key = command.getValue();
                int position = positions.get(key);
                JsonNode error = body.path("result_error").get(command.getKey());
                JsonNode value = body.path("result").get(command.getKey());
                if (error != null && error.isObject()) {
                    Bitrix24SipException e = RestResponses.error(method, error, 0);
                    if (RestCallRules.isLimit(e.getErrorCode())) {
                        // OPERATION_TIME_LIMIT rules over QUERY_LIMIT_EXCEEDED: its one wait is the longer one
                        limit = RestCallRules.OPERATION_TIME_LIMIT.equalsIgnoreCase(limit) ? limit : e.getErrorCode();
                        continue;
                    }
                    results.put(key, ItemResult.failure(position, e));
                } else if (value != null) {
                    results.put(key, ItemResult.success(position, reader.apply(value)));
                } else {
                    results.put(
                            key,
                            ItemResult.failure(
                                    position,
                                    new Bitrix24SipException(
                                            method,
                                            Bitrix24SipException.INVALID_RESPONSE,
                                            "the batch returned nothing for this item",
                                            200)));
                }
            }
            pending.keySet().removeIf(results::containsKey);
            if (limit != null) {
                throw new Bitrix24SipLimitException(
                        method, limit, pending.size() + " items of the batch were refused by a limit", 200);
            }
            return Boolean.TRUE;
        }
    }
}
