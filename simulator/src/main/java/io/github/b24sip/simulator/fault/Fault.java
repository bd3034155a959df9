package io.github.b24sip.simulator.fault;

import java.time.Duration;

/**
 * One fault to inject. Build it with the factories; {@code status}, {@code code}, {@code description}, {@code delay}
 * and {@code location} are used by the kinds that need them.
 */
public record Fault(FaultKind kind, int status, String code, String description, Duration delay, String location) {

    public static Fault of(FaultKind kind) {
        return new Fault(kind, 0, null, null, Duration.ZERO, null);
    }

    public static Fault http500() {
        return of(FaultKind.HTTP_500);
    }

    public static Fault queryLimitExceeded() {
        return of(FaultKind.QUERY_LIMIT_EXCEEDED);
    }

    public static Fault overloadLimit() {
        return of(FaultKind.OVERLOAD_LIMIT);
    }

    public static Fault operationTimeLimit() {
        return of(FaultKind.OPERATION_TIME_LIMIT);
    }

    public static Fault htmlError() {
        return new Fault(FaultKind.HTML_ERROR, 502, null, null, Duration.ZERO, null);
    }

    public static Fault htmlError(int status) {
        return new Fault(FaultKind.HTML_ERROR, status, null, null, Duration.ZERO, null);
    }

    public static Fault apiError(int status, String code, String description) {
        return new Fault(FaultKind.API_ERROR, status, code, description, Duration.ZERO, null);
    }

    public static Fault delay(Duration delay) {
        return new Fault(FaultKind.DELAY, 0, null, null, delay, null);
    }

    public static Fault dropBefore() {
        return of(FaultKind.DROP_BEFORE);
    }

    public static Fault dropAfter() {
        return of(FaultKind.DROP_AFTER);
    }

    /** The portal's access tokens expire as the request arrives; it then runs (and meets expired_token). */
    public static Fault expireTokens() {
        return of(FaultKind.EXPIRE_TOKENS);
    }

    /** A 302 to {@code baseUrl} (e.g. another portal's base URL) keeping the request's path and query. */
    public static Fault redirect(String baseUrl) {
        return new Fault(FaultKind.REDIRECT, 302, null, null, Duration.ZERO, baseUrl);
    }

    @Override
    public String toString() {
        return kind.name() + (code != null ? "(" + code + ")" : "");
    }
}
