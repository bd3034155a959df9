package io.github.b24sip.camel;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One cheap call that tells whether a portal or an account can be called with its credentials (a portal's
 * {@code voximplant.sip.connector.status}, an account's first page of registrations), made at most once per interval
 * however often a health check asks: probes come from every producer of the portal or account and from each scrape of
 * the health endpoint, and each request spends the API's limits. Concurrent probes within an interval share one call.
 *
 * @param <T> what the call answers
 */
public final class HealthProbe<T> {

    /** What the last call said: its answer, or why it failed. */
    public record Reading<T>(Instant at, T value, RuntimeException failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    private final Duration interval;
    private final LongSupplier nanoClock;
    private Reading<T> last;
    private long lastNanos;

    public HealthProbe(Duration interval, LongSupplier nanoClock) {
        this.interval = interval;
        this.nanoClock = nanoClock;
    }

    /** The cached reading, or a new one from {@code call} when the last is older than the interval. */
    public synchronized Reading<T> read(Supplier<T> call) {
        long now = nanoClock.getAsLong();
        if (last != null && now - lastNanos < interval.toNanos()) {
            return last;
        }
        try {
            last = new Reading<>(Instant.now(), call.get(), null);
        } catch (RuntimeException e) {
            last = new Reading<>(Instant.now(), null, e);
        }
        lastNanos = nanoClock.getAsLong();
        return last;
    }

    /** The last reading without a call; null before the first probe. */
    public synchronized Reading<T> last() {
        return last;
    }
}
