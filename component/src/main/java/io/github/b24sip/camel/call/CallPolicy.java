package io.github.b24sip.camel.call;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one retry loop of the component, for single calls, batches and the Voximplant client alike: an attempt runs;
 * when it throws, the call's {@link Rules} classify the failure into a {@link Verdict} (done, wait and retry, refresh
 * and retry, resolve by lookup, fail) and the loop does what it says. Each rule of a scheme's retry table lives in its
 * rules class; waiting, counting rounds, the ceiling on rounds and interrupts live here.
 *
 * <p>A wait that is interrupted restores the thread's interrupt and ends the call with the scheme's failure for it.
 */
public final class CallPolicy {

    /** No call goes round more often than this, whatever its rules allow: the last failure is thrown then. */
    public static final int MAX_ROUNDS = 64;

    /** Waits; the pacer's clock in the Bitrix24 client, so that tests can run it without real time passing. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    /** Why a call goes round again: each reason has its own count, which the rules read to apply their limits. */
    public enum Reason {
        /** The server ran nothing and said to come back later (a rate limit, a "try later" code). */
        LIMIT,
        /** The method's operating time is over the portal's budget. */
        OPERATION_LIMIT,
        /** The credentials were renewed (an expired token). */
        REFRESH,
        /** No clear answer: the call may or may not have run. */
        UNCLEAR
    }

    /** One attempt of the call. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run();
    }

    /** A scheme's retry table: what a failure of one attempt means for the call. */
    @FunctionalInterface
    public interface Rules<T> {
        Verdict<T> judge(RuntimeException failure, Rounds rounds);
    }

    /** How often the call went round for each reason so far. */
    public static final class Rounds {
        private final Map<Reason, Integer> counts = new EnumMap<>(Reason.class);
        private int total;

        public int of(Reason reason) {
            return counts.getOrDefault(reason, 0);
        }

        public int total() {
            return total;
        }

        int next(Reason reason) {
            total++;
            return counts.merge(reason, 1, Integer::sum);
        }
    }

    /** What the loop does after a failed attempt. */
    public sealed interface Verdict<T> {

        /** The call succeeded after all (a lookup found its effect, a retry found the removal done). */
        record Done<T>(T value) implements Verdict<T> {}

        /** Wait, then try again. */
        record WaitAndRetry<T>(Reason reason, long nanos) implements Verdict<T> {}

        /** Wait by {@code backoff} for this reason's round, then try again. */
        record BackOffAndRetry<T>(Reason reason, Backoff backoff) implements Verdict<T> {}

        /** Renew what the attempt needs (a token), then try again at once. */
        record RefreshAndRetry<T>(Reason reason, Runnable refresh) implements Verdict<T> {}

        /**
         * The call may have run: look its effect up; found, the call is done with it; not found, back off and try
         * again.
         */
        record ResolveByLookup<T>(Supplier<Optional<T>> lookup, Backoff backoff) implements Verdict<T> {}

        /** The call fails with this error. */
        record Fail<T>(RuntimeException error) implements Verdict<T> {}

        static <T> Verdict<T> done(T value) {
            return new Done<>(value);
        }

        static <T> Verdict<T> fail(RuntimeException error) {
            return new Fail<>(error);
        }
    }

    private final Sleeper sleeper;
    private final Function<InterruptedException, RuntimeException> interrupted;

    /**
     * @param interrupted the scheme's failure for a wait that was interrupted (the interrupt is restored first)
     */
    public CallPolicy(Sleeper sleeper, Function<InterruptedException, RuntimeException> interrupted) {
        this.sleeper = sleeper;
        this.interrupted = interrupted;
    }

    /** Runs the call until it succeeds or its rules say it fails. */
    public <T> T run(Attempt<T> attempt, Rules<T> rules) {
        Rounds rounds = new Rounds();
        while (true) {
            RuntimeException failure;
            try {
                return attempt.run();
            } catch (RuntimeException e) {
                failure = e;
            }
            if (rounds.total() >= MAX_ROUNDS) {
                throw failure;
            }
            Verdict<T> verdict = rules.judge(failure, rounds);
            if (verdict instanceof Verdict.Done<T> done) {
                return done.value();
            } else if (verdict instanceof Verdict.Fail<T> fail) {
                throw fail.error();
            } else if (verdict instanceof Verdict.WaitAndRetry<T> wait) {
                rounds.next(wait.reason());
                sleep(wait.nanos());
            } else if (verdict instanceof Verdict.BackOffAndRetry<T> backOff) {
                sleep(backOff.backoff().nanos(rounds.next(backOff.reason())));
            } else if (verdict instanceof Verdict.RefreshAndRetry<T> refresh) {
                rounds.next(refresh.reason());
                refresh.refresh().run();
            } else if (verdict instanceof Verdict.ResolveByLookup<T> resolve) {
                int round = rounds.next(Reason.UNCLEAR);
                Optional<T> found = resolve.lookup().get();
                if (found.isPresent()) {
                    return found.get();
                }
                sleep(resolve.backoff().nanos(round));
            }
        }
    }

    private void sleep(long nanos) {
        try {
            sleeper.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted.apply(e);
        }
    }
}
