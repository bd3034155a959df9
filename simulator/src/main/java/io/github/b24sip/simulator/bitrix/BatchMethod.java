package io.github.b24sip.simulator.bitrix;

import io.github.b24sip.simulator.PortalConfig.BatchOperatingAttribution;
import io.github.b24sip.simulator.http.PhpParams;
import io.github.b24sip.simulator.journal.JournalEntry.InnerCall;
import io.github.b24sip.simulator.journal.Redaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code batch} method (docs/api-facts.md, "batch"): up to 50 sub-commands run in order with the caller's auth,
 * errors per
 * key inside an HTTP 200, {@code halt}, and {@code $result[key][...]} references left literal when unresolved.
 */
final class BatchMethod {

    static final int MAX_COMMANDS = 50;
    private static final Pattern REFERENCE = Pattern.compile("\\$(result|next|total|time|error)((?:\\[[^\\[\\]]*])+)");
    private static final Pattern SEGMENT = Pattern.compile("\\[([^\\[\\]]*)]");

    private final BitrixPortal portal;
    private final RestDispatcher dispatcher;

    BatchMethod(BitrixPortal portal, RestDispatcher dispatcher) {
        this.portal = portal;
        this.dispatcher = dispatcher;
    }

    /** The sub-commands' method names, for fault matching before the batch runs. */
    static List<String> methods(Map<String, Object> params) {
        List<String> out = new ArrayList<>();
        commands(params).values().forEach(v -> out.add(methodOf(PhpParams.string(v))));
        return out;
    }

    /** Runs the batch and returns the whole envelope; each sub-command is added to {@code journal}. */
    Map<String, Object> run(Caller caller, Map<String, Object> params, List<InnerCall> journal) {
        Instant start = portal.clock.instant();
        long startNanos = System.nanoTime();
        boolean toBatch = portal.settings.batchAttribution() == BatchOperatingAttribution.BATCH;
        String batchKey = caller.budgetKey() + "|batch";
        if (toBatch && portal.budget != null && portal.budget.blocked(batchKey)) {
            throw RestDispatcher.operationTimeLimit();
        }
        boolean halt = PhpParams.truthy(param(params, "halt"));
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Object> errors = new LinkedHashMap<>();
        Map<String, Object> totals = new LinkedHashMap<>();
        Map<String, Object> nexts = new LinkedHashMap<>();
        Map<String, Object> times = new LinkedHashMap<>();
        Map<String, Map<String, Object>> sections =
                Map.of("result", results, "error", errors, "total", totals, "next", nexts, "time", times);
        int index = 0;
        try {
            for (Map.Entry<String, Object> command : commands(params).entrySet()) {
                String key = command.getKey();
                String text = PhpParams.string(command.getValue());
                String method = methodOf(text);
                Map<String, Object> callParams = substitute(PhpParams.parseQuery(queryOf(text)), sections);
                RestException error = null;
                if (index++ >= MAX_COMMANDS) {
                    error = new RestException("ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded");
                } else if ("batch".equals(method)) {
                    error = new RestException(
                            "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage");
                } else {
                    try {
                        RestDispatcher.CallResult r = dispatcher.call(caller, method, callParams, !toBatch);
                        results.put(key, r.data());
                        if (r.total() != null) {
                            totals.put(key, r.total());
                        }
                        if (r.next() != null) {
                            nexts.put(key, r.next());
                        }
                        times.put(key, r.time());
                    } catch (RestException e) {
                        error = e;
                    }
                }
                journal.add(
                        new InnerCall(key, method, Redaction.params(callParams), error == null ? null : error.code()));
                if (error != null) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("error", error.code());
                    body.put("error_description", error.description());
                    errors.put(key, body);
                    if (halt) {
                        break;
                    }
                }
            }
        } finally {
            if (toBatch && portal.budget != null) {
                portal.budget.charge(batchKey, (System.nanoTime() - startNanos) / 1e9);
            }
        }
        if (toBatch) {
            // a live cloud portal reported the batch's figure on every sub-result
            times.replaceAll((k, v) -> dispatcher.time(start, startNanos, batchKey, false));
        }
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("result", answerOrder(results));
        inner.put("result_error", answerOrder(errors));
        inner.put("result_total", answerOrder(totals));
        inner.put("result_next", answerOrder(nexts));
        inner.put("result_time", answerOrder(times));
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("result", inner);
        envelope.put("time", dispatcher.time(start, startNanos, batchKey, toBatch));
        return envelope;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> commands(Map<String, Object> params) {
        Object cmd = param(params, "cmd");
        return cmd instanceof Map ? (Map<String, Object>) cmd : Map.of();
    }

    /** The module upper-cases batch's own parameter names too. */
    private static Object param(Map<String, Object> params, String name) {
        for (Map.Entry<String, Object> e : params.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String methodOf(String command) {
        String c = command == null ? "" : command;
        int q = c.indexOf('?');
        return (q < 0 ? c : c.substring(0, q)).trim().toLowerCase(Locale.ROOT);
    }

    private static String queryOf(String command) {
        int q = command == null ? -1 : command.indexOf('?');
        return q < 0 ? "" : command.substring(q + 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> substitute(
            Map<String, Object> params, Map<String, Map<String, Object>> sections) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                out.put(k, substitute((Map<String, Object>) m, sections));
            } else if (v instanceof String s && s.indexOf('$') >= 0) {
                out.put(k, substitute(s, sections));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Object substitute(String text, Map<String, Map<String, Object>> sections) {
        Matcher whole = REFERENCE.matcher(text);
        if (whole.matches()) {
            Object value = resolve(whole.group(1), whole.group(2), sections);
            if (value != null) {
                return value instanceof Map || value instanceof List
                        ? PhpParams.fromJson(value)
                        : PhpParams.string(value);
            }
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Object value = resolve(m.group(1), m.group(2), sections);
            String replacement = value == null || value instanceof Map || value instanceof List
                    ? m.group()
                    : PhpParams.string(value);
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Follows {@code [key][field][0]...} through earlier results; null when any step is missing. */
    private static Object resolve(String section, String path, Map<String, Map<String, Object>> sections) {
        Object current = sections.get(section);
        Matcher segment = SEGMENT.matcher(path);
        while (segment.find() && current != null) {
            String s = segment.group(1);
            if (current instanceof Map<?, ?> map) {
                current = map.get(s);
            } else if (current instanceof List<?> list) {
                try {
                    int i = Integer.parseInt(s);
                    current = i >= 0 && i < list.size() ? list.get(i) : null;
                } catch (NumberFormatException e) {
                    current = null;
                }
            } else {
                current = null;
            }
        }
        return current;
    }

    /** The sub-results as asked, or reversed when the portal is set to reverse its answers. */
    private <V> Map<String, V> answerOrder(Map<String, V> answers) {
        if (!portal.settings.reversedAnswers()) {
            return answers;
        }
        List<Map.Entry<String, V>> entries = new ArrayList<>(answers.entrySet());
        Collections.reverse(entries);
        Map<String, V> reversed = new LinkedHashMap<>();
        entries.forEach(e -> reversed.put(e.getKey(), e.getValue()));
        return reversed;
    }
}
