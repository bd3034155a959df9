package io.github.b24sip.camel;

import java.util.concurrent.ThreadLocalRandom;

/** How long both schemes wait before retrying a call that got no clear answer. */
public final class RetryBackoff {

    private static final long FIRST_MILLIS = 200;
    private static final int MAX_DOUBLINGS = 6;

    private RetryBackoff() {}

    /**
     * Before the {@code attempt}th retry (from 1): 200 ms doubled per attempt up to 12.8 s, plus up to half again of
     * jitter.
     */
    public static long millis(int attempt) {
        long base = FIRST_MILLIS * (1L << Math.min(Math.max(attempt, 1) - 1, MAX_DOUBLINGS));
        return base + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }
}
