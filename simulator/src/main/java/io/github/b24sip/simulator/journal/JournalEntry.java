package io.github.b24sip.simulator.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request as the simulator saw it. Secrets are already masked: the webhook code in {@code path}, and password,
 * token and key values in {@code params}.
 *
 * @param target     the portal's name, {@code oauth}, or {@code voximplant}
 * @param method     the REST or platform_api method (lower-case for Bitrix24), or the token endpoint's grant type
 * @param credential how the caller authenticated, e.g. {@code webhook:1}, {@code oauth:app.local}, {@code jwt:key-1}
 * @param status     the HTTP status sent, or 0 when the connection was dropped
 * @param errorCode  the top-level error code, or null on success
 * @param fault      the injected fault, or null
 * @param inner      the sub-commands of a batch, in execution order
 */
public record JournalEntry(
        long seq,
        Instant at,
        String target,
        String httpMethod,
        String path,
        String method,
        String credential,
        int status,
        String errorCode,
        String fault,
        Map<String, Object> params,
        List<InnerCall> inner,
        Duration elapsed) {

    /** One sub-command of a batch: its key, method, masked parameters and error code (null when it succeeded). */
    public record InnerCall(String key, String method, Map<String, Object> params, String errorCode) {}

    public boolean isError() {
        return errorCode != null || status >= 400 || status == 0;
    }

    /** True for this method or a batch that ran it. */
    public boolean ran(String restMethod) {
        return restMethod.equalsIgnoreCase(method)
                || inner.stream().anyMatch(c -> restMethod.equalsIgnoreCase(c.method()));
    }
}
