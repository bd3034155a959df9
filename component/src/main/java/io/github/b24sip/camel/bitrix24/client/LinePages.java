package io.github.b24sip.camel.bitrix24.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.b24sip.camel.bitrix24.model.ItemResult;
import io.github.b24sip.camel.bitrix24.model.SipLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a list method's every page: the first page alone, which says how many there are, then the rest at once
 * through {@link BatchEngine}, each page under its offset, put together in offset order.
 */
final class LinePages {

    private final Bitrix24RestClient client;
    private final BatchEngine batches;

    LinePages(Bitrix24RestClient client, BatchEngine batches) {
        this.client = client;
        this.batches = batches;
    }

    /** The page at {@code params}' {@code start}, or with {@code all} every page from there on. */
    List<SipLine> read(String method, Map<String, Object> params, boolean all) {
        RestResult first = client.call(method, params, true);
        List<SipLine> lines = new ArrayList<>(rows(first.result()));
        if (!all || first.next() == null || first.total() == null) {
            return lines;
        }
        Map<Integer, Map<String, Object>> pages = new LinkedHashMap<>();
        for (int offset = first.next(); offset < first.total(); offset += BatchEngine.BATCH_SIZE) {
            Map<String, Object> page = new LinkedHashMap<>(params);
            page.put("start", offset);
            pages.put(offset, page);
        }
        Map<Integer, ItemResult<List<SipLine>>> read =
                batches.run(method, pages, page -> cast(page), LinePages::rows, null);
        for (ItemResult<List<SipLine>> page : read.values()) {
            if (!page.isSuccess()) {
                throw page.error();
            }
            lines.addAll(page.value());
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object params) {
        return (Map<String, Object>) params;
    }

    static List<SipLine> rows(JsonNode result) {
        List<SipLine> lines = new ArrayList<>();
        if (result != null && result.isArray()) {
            result.forEach(row -> lines.add(SipLine.fromJson(row)));
        }
        return lines;
    }
}
