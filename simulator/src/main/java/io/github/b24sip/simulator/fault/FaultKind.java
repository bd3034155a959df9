package io.github.b24sip.simulator.fault;

/** What an injected fault does to one request. */
public enum FaultKind {
    /** HTTP 500 with {@code INTERNAL_SERVER_ERROR}; the call does not run. */
    HTTP_500,
    /** HTTP 503 {@code QUERY_LIMIT_EXCEEDED}; the call does not run. */
    QUERY_LIMIT_EXCEEDED,
    /** HTTP 503 {@code OVERLOAD_LIMIT} (a manual block, not to be retried); the call does not run. */
    OVERLOAD_LIMIT,
    /** HTTP 429 {@code OPERATION_TIME_LIMIT}; the call does not run. */
    OPERATION_TIME_LIMIT,
    /** An HTML error page (HTTP 502 unless the fault names a status), as a proxy in front of a portal sends. */
    HTML_ERROR,
    /** Any API error: the fault's status, code and description. */
    API_ERROR,
    /** The response is held back by the fault's delay; the call runs normally. */
    DELAY,
    /** The connection is closed before the call runs: nothing changed on the portal. */
    DROP_BEFORE,
    /** The call runs, then the connection is closed without a response: the case that makes duplicates possible. */
    DROP_AFTER,
    /** HTTP 302 to the fault's location plus the request's path and query, as a portal whose address changed. */
    REDIRECT,
    /**
     * Every access token of the portal expires as this request arrives, so it meets {@code expired_token} if it carries
     * one (as do later requests until their caller refreshes): an expiry at a moment a test chooses, not a race.
     */
    EXPIRE_TOKENS
}
