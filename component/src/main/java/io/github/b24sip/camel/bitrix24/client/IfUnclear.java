package io.github.b24sip.camel.bitrix24.client;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a call may do when it got no clear answer (no answer, a timeout, an unreadable body, a 5xx that is not a limit
 * or auth refusal): it may or may not have run on the portal.
 *
 * @param resend    send it again (with backoff, up to {@code maxRetries} times): the call may be repeated
 * @param lookup    look its effect up first; found, that is the call's result, otherwise it is sent again (null: none)
 * @param goneCode  a resend answering this error code means an earlier attempt ran: the call succeeded with
 *                  {@code goneValue} (a delete whose lost answer had deleted the line)
 * @param goneValue the result then
 */
public record IfUnclear<T>(boolean resend, Supplier<Optional<T>> lookup, String goneCode, T goneValue) {

    /** Not sent again: it may have run, and running it twice would do harm. The caller resolves it. */
    public static <T> IfUnclear<T> fail() {
        return new IfUnclear<>(false, null, null, null);
    }

    /** Sent again: running it twice does no harm (reads, updates). */
    public static <T> IfUnclear<T> sendAgain() {
        return new IfUnclear<>(true, null, null, null);
    }

    /** Looked up before each resend, so that it never runs twice (an add). */
    public static <T> IfUnclear<T> lookUp(Supplier<Optional<T>> lookup) {
        return new IfUnclear<>(true, lookup, null, null);
    }

    /** Sent again; a resend answering {@code goneCode} means it had run (a removal). */
    public static <T> IfUnclear<T> resendUntilGone(String goneCode, T goneValue) {
        return new IfUnclear<>(true, null, goneCode, goneValue);
    }
}
