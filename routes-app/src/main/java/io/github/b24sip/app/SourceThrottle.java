package io.github.b24sip.app;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failures counted per source address over a minute (failed sign-ins and bearer guesses; installs the OAuth server
 * refused): past the limit, the source is answered 429 for the rest of that minute, a right try included, so guessing
 * costs a minute per few tries. At most {@value #SOURCES} sources are remembered (the oldest forgotten first), so a flood from many addresses
 * cannot grow the heap.
 */
public final class SourceThrottle {

    static final int SOURCES = 10_000;
    private static final long WINDOW_NANOS = 60_000_000_000L;

    private final int limit;
    private final Map<String, long[]> failures = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > SOURCES;
        }
    };

    public SourceThrottle(int limit) {
        this.limit = limit;
    }

    /** Counts a failed attempt from {@code source}; true when it is the one that reached the limit. */
    public synchronized boolean failed(String source, long nowNanos) {
        long[] window = current(source, nowNanos);
        window[1]++;
        return window[1] == limit;
    }

    /** True while {@code source} has failed {@code limit} times or more in its current minute. */
    public synchronized boolean throttled(String source, long nowNanos) {
        long[] window = failures.get(source);
        return window != null && nowNanos - window[0] < WINDOW_NANOS && window[1] >= limit;
    }

    /** Seconds until {@code source}'s minute ends. */
    public synchronized long retryAfterSeconds(String source, long nowNanos) {
        long[] window = failures.get(source);
        return window == null ? 0 : Math.max(1, (window[0] + WINDOW_NANOS - nowNanos) / 1_000_000_000L);
    }

    /** How many sources are remembered now. */
    synchronized int sources() {
        return failures.size();
    }

    /** {start, count} of the source's minute, a new one when the last has passed. */
    private long[] current(String source, long nowNanos) {
        long[] window = failures.get(source);
        if (window == null || nowNanos - window[0] >= WINDOW_NANOS) {
            window = new long[] {nowNanos, 0};
            failures.put(source, window);
        }
        return window;
    }
}
