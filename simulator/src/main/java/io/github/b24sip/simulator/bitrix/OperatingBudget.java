package io.github.b24sip.simulator.bitrix;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-(credential, method) execution time over the last ten 1-minute buckets (module rest, LoadLimiter). The
 * check comes before a call: the call that goes over still completes, the next one is refused. Calls shorter than
 * 0.1 s are not counted.
 */
final class OperatingBudget {

    static final double MINIMAL_COUNTED_SECONDS = 0.1;
    private static final int BUCKETS = 10;

    private final double limitSeconds;
    private final Clock clock;
    private final Map<String, TreeMap<Long, Double>> usage = new HashMap<>();

    OperatingBudget(double limitSeconds, Clock clock) {
        this.limitSeconds = limitSeconds;
        this.clock = clock;
    }

    synchronized boolean blocked(String key) {
        return limitSeconds > 0 && total(key) > limitSeconds;
    }

    synchronized void charge(String key, double seconds) {
        if (seconds < MINIMAL_COUNTED_SECONDS) {
            return;
        }
        usage.computeIfAbsent(key, k -> new TreeMap<>()).merge(minute(), seconds, Double::sum);
    }

    /** Seconds used by this key in the window, the figure a response reports as {@code operating}. */
    synchronized double total(String key) {
        TreeMap<Long, Double> buckets = usage.get(key);
        if (buckets == null) {
            return 0;
        }
        buckets.headMap(minute() - BUCKETS + 1).clear();
        return buckets.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Unix time at which the oldest counted bucket of this key drops out of the window. */
    synchronized long resetAt(String key) {
        TreeMap<Long, Double> buckets = usage.get(key);
        long oldest = buckets == null || buckets.isEmpty() ? minute() : buckets.firstKey();
        return (oldest + BUCKETS) * 60;
    }

    private long minute() {
        return clock.millis() / 60_000;
    }
}
