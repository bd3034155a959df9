package io.github.b24sip.camel.call;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one backoff of both schemes: {@code first}, multiplied by {@code factor} per round up to {@code maxFactor}
 * times, plus a random jitter of up to {@code jitter} times that, so that callers refused together do not come back
 * together.
 *
 * @param first     the wait before the first retry
 * @param factor    how much each further round multiplies it
 * @param maxFactor the largest multiple of {@code first}
 * @param jitter    the largest random extra, as a fraction of the round's wait
 */
public record Backoff(Duration first, double factor, double maxFactor, double jitter) {

    /** After a call that got no clear answer: 200 ms doubled per round up to 12.8 s, plus up to half again. */
    public static final Backoff UNCLEAR_ANSWER = new Backoff(Duration.ofMillis(200), 2, 64, 0.5);

    /** The wait before the {@code round}th retry (from 1), in nanoseconds, jitter included. */
    public long nanos(int round) {
        double multiple = Math.min(Math.pow(factor, Math.max(round, 1) - 1), maxFactor);
        long base = (long) (first.toNanos() * multiple);
        return base + ThreadLocalRandom.current().nextLong((long) (base * jitter) + 1);
    }
}
