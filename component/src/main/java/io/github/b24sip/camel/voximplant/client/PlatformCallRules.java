package io.github.b24sip.camel.voximplant.client;

import io.github.b24sip.camel.call.Backoff;
import io.github.b24sip.camel.call.CallPolicy.Reason;
import io.github.b24sip.camel.call.CallPolicy.Rounds;
import io.github.b24sip.camel.call.CallPolicy.Rules;
import io.github.b24sip.camel.call.CallPolicy.Verdict;
import io.github.b24sip.camel.voximplant.VoximplantSipAuthenticationException;
import io.github.b24sip.camel.voximplant.VoximplantSipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The Voximplant Management API retry table (component README, "voximplant-sip"), for one call. */
final class PlatformCallRules<T> implements Rules<T> {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformCallRules.class);
    /** Token issued in the future, token expired. */
    static final Set<Integer> TOKEN_ERRORS = Set.of(455, 456);

    private final String method;
    private final boolean idempotent;
    private final int maxRetries;
    /** A retry answering this code means an earlier attempt ran (0: none). */
    private final int goneCode;

    private final T goneValue;
    /** Signs a token anew in place of the refused one; null with the legacy api_key. */
    private final Runnable renewToken;
    /** Looks the effect of a call that may not be repeated up before it is sent again (a create); null: none. */
    private final Supplier<Optional<T>> lookup;

    PlatformCallRules(
            String method,
            boolean idempotent,
            int maxRetries,
            int goneCode,
            T goneValue,
            Runnable renewToken,
            Supplier<Optional<T>> lookup) {
        this.method = method;
        this.idempotent = idempotent;
        this.maxRetries = maxRetries;
        this.goneCode = goneCode;
        this.goneValue = goneValue;
        this.renewToken = renewToken;
        this.lookup = lookup;
    }

    @Override
    public Verdict<T> judge(RuntimeException failure, Rounds rounds) {
        if (!(failure instanceof VoximplantSipException e)) {
            return Verdict.fail(failure);
        }
        if (goneCode != 0 && rounds.of(Reason.UNCLEAR) > 0 && e.getCode() == goneCode) {
            LOG.info("{} got no clear answer; the retry found the id already gone", method);
            return Verdict.done(goneValue);
        }
        if (renewToken != null && TOKEN_ERRORS.contains(e.getCode())) {
            if (rounds.of(Reason.REFRESH) > 0) {
                return Verdict.fail(new VoximplantSipAuthenticationException(
                        method,
                        e.getCode(),
                        e.getMsg() + " (refused again after the token was signed anew: check the clock and the key)",
                        e.getHttpResponseCode()));
            }
            return new Verdict.RefreshAndRetry<>(Reason.REFRESH, renewToken);
        }
        boolean unclear = VoximplantSipException.isTransient(e.getCode());
        if (unclear && rounds.of(Reason.UNCLEAR) < maxRetries) {
            if (lookup != null) {
                return new Verdict.ResolveByLookup<>(lookup, Backoff.UNCLEAR_ANSWER);
            }
            if (idempotent) {
                return new Verdict.BackOffAndRetry<>(Reason.UNCLEAR, Backoff.UNCLEAR_ANSWER);
            }
        }
        return Verdict.fail(e);
    }
}
