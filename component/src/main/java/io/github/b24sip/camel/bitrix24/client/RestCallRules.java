package io.github.b24sip.camel.bitrix24.client;

import io.github.b24sip.camel.bitrix24.Bitrix24SipAuthenticationException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipLimitException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipTransportException;
import io.github.b24sip.camel.call.Backoff;
import io.github.b24sip.camel.call.CallPolicy.Reason;
import io.github.b24sip.camel.call.CallPolicy.Rounds;
import io.github.b24sip.camel.call.CallPolicy.Rules;
import io.github.b24sip.camel.call.CallPolicy.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The Bitrix24 REST retry table (component README, "Retries"), one rule per method, for one call of {@code method}:
 * a single call, or the sub-commands of a batch chunk.
 */
final class RestCallRules<T> implements Rules<T> {

    private static final Logger LOG = LoggerFactory.getLogger(RestCallRules.class);
    /** Limit refusals (the server ran nothing) are waited out this often, apart from maxRetries. */
    static final int MAX_LIMIT_RETRIES = 30;

    static final String QUERY_LIMIT_EXCEEDED = "QUERY_LIMIT_EXCEEDED";
    static final String OPERATION_TIME_LIMIT = "OPERATION_TIME_LIMIT";

    private final String method;
    private final RequestPacer pacer;
    private final int maxRetries;
    private final IfUnclear<T> ifUnclear;
    /** Renews the token the failed attempt used; null without OAuth. */
    private final Runnable refreshToken;

    private Instant waitedUntil;

    RestCallRules(String method, RequestPacer pacer, int maxRetries, IfUnclear<T> ifUnclear, Runnable refreshToken) {
        this.method = method;
        this.pacer = pacer;
        this.maxRetries = maxRetries;
        this.ifUnclear = ifUnclear;
        this.refreshToken = refreshToken;
    }

    @Override
    public Verdict<T> judge(RuntimeException failure, Rounds rounds) {
        if (!(failure instanceof Bitrix24SipException e)) {
            return Verdict.fail(failure);
        }
        String code = e.getErrorCode();
        Instant held = pacer.heldUntil(method);
        if (held != null) {
            return Verdict.fail(OPERATION_TIME_LIMIT.equalsIgnoreCase(code) ? e : operationLimit(method, null, held));
        }
        if (OPERATION_TIME_LIMIT.equalsIgnoreCase(code)) {
            return operationTimeLimit(rounds);
        }
        if (QUERY_LIMIT_EXCEEDED.equalsIgnoreCase(code)) {
            return queryLimit(e, rounds);
        }
        if (refreshToken != null && isTokenRefusal(code) && rounds.of(Reason.REFRESH) == 0) {
            return new Verdict.RefreshAndRetry<>(Reason.REFRESH, refreshToken);
        }
        if (ifUnclear.goneCode() != null
                && rounds.of(Reason.UNCLEAR) > 0
                && ifUnclear.goneCode().equals(code)) {
            LOG.info("{} got no clear answer; the retry found it had already taken effect", method);
            return Verdict.done(ifUnclear.goneValue());
        }
        if (isAmbiguous(e)) {
            return unclear(e, rounds);
        }
        return Verdict.fail(e);
    }

    /**
     * One wait, until the reset time the portal last reported, then a clear failure: the current module bans the
     * method for 300 s, and resending into the ban round after round only spends the caller's time.
     */
    private Verdict<T> operationTimeLimit(Rounds rounds) {
        if (rounds.of(Reason.OPERATION_LIMIT) > 0) {
            return Verdict.fail(operationLimit(method, waitedUntil, pacer.holdAfterOperationLimit(method)));
        }
        long nanos = pacer.retryAfterOperationLimitNanos(method);
        waitedUntil = Instant.now().plusNanos(nanos);
        LOG.debug("{} refused with {}, retrying once in {} ms", method, OPERATION_TIME_LIMIT, nanos / 1_000_000);
        return new Verdict.WaitAndRetry<>(Reason.OPERATION_LIMIT, nanos);
    }

    /**
     * The server ran nothing: waited out, one slot's drain time growing 1.5x per refusal (capped) with jitter, so
     * that callers refused together do not come back together.
     */
    private Verdict<T> queryLimit(Bitrix24SipException e, Rounds rounds) {
        int refusals = rounds.of(Reason.LIMIT);
        if (refusals >= MAX_LIMIT_RETRIES) {
            return Verdict.fail(new Bitrix24SipLimitException(
                    method,
                    e.getErrorCode(),
                    e.getDescription() + " (still refused after " + refusals + " waits)",
                    e.getHttpResponseCode()));
        }
        pacer.onQueryLimitExceeded();
        Backoff backoff = new Backoff(Duration.ofNanos(pacer.retryAfterQueryLimitNanos()), 1.5, 20, 1);
        return new Verdict.BackOffAndRetry<>(Reason.LIMIT, backoff);
    }

    private Verdict<T> unclear(Bitrix24SipException e, Rounds rounds) {
        if (!ifUnclear.resend() || rounds.of(Reason.UNCLEAR) >= maxRetries) {
            return Verdict.fail(e);
        }
        if (ifUnclear.lookup() != null) {
            return new Verdict.ResolveByLookup<>(ifUnclear.lookup(), Backoff.UNCLEAR_ANSWER);
        }
        return new Verdict.BackOffAndRetry<>(Reason.UNCLEAR, Backoff.UNCLEAR_ANSWER);
    }

    private static boolean isTokenRefusal(String code) {
        return "expired_token".equalsIgnoreCase(code) || "invalid_token".equalsIgnoreCase(code);
    }

    /**
     * True when the call may or may not have run: no answer, a timeout, an unreadable body, or a 5xx that is not one
     * of the API's limit or auth refusals (OVERLOAD_LIMIT shares 503 with QUERY_LIMIT_EXCEEDED and is never retried).
     */
    static boolean isAmbiguous(Bitrix24SipException e) {
        return e instanceof Bitrix24SipTransportException
                || e.getHttpResponseCode() >= 500
                        && !(e instanceof Bitrix24SipLimitException)
                        && !(e instanceof Bitrix24SipAuthenticationException);
    }

    static boolean isLimit(String code) {
        return QUERY_LIMIT_EXCEEDED.equalsIgnoreCase(code) || OPERATION_TIME_LIMIT.equalsIgnoreCase(code);
    }

    /**
     * The method is blocked by the portal's operating-time limit: refused again after waiting until {@code waitedUntil}
     * (null: not sent at all, as it is held), and free again by {@code freeBy} at the latest.
     */
    static Bitrix24SipLimitException operationLimit(String method, Instant waitedUntil, Instant freeBy) {
        String free = DateTimeFormatter.ISO_INSTANT.format(freeBy.truncatedTo(ChronoUnit.SECONDS));
        String what = waitedUntil == null
                ? "not sent: the portal refused it by its operating-time limit after one wait"
                : "still refused by the portal's operating-time limit after waiting until "
                        + DateTimeFormatter.ISO_INSTANT.format(waitedUntil.truncatedTo(ChronoUnit.SECONDS));
        return new Bitrix24SipLimitException(
                method,
                OPERATION_TIME_LIMIT,
                what + "; the method is free again by " + free + " at the latest (the current REST module bans it "
                        + "for 300 s)",
                429);
    }
}
