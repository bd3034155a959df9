package io.github.b24sip.simulator.bitrix;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-(credential, method) execution time over the last ten buckets (module rest, LoadLimiter; one minute each on
 * a portal). The check comes before a call: the call that goes over still completes, the next one is refused. Calls
 * shorter than 0.1 s are not counted.
 *
 * <p>Two models. The sliding window (older modules and the docs): refused while the window's total is over the limit.
 * The ban (the current {@code rest/lib/engine/access/loadlimiter.php}): the first check over the limit bans the method
 * for {@code ban} ({@code BAN_DURATION = 300} s there) and clears its buckets; the outer {@code batch} call counts at
 * half its time ({@code BATCH_TIME_WEIGHT = 0.5}); while banned, {@code operating_reset_at} is the ban's end.
 */
final class OperatingBudget {

    static final double MINIMAL_COUNTED_SECONDS = 0.1;
    static final double BATCH_TIME_WEIGHT = 0.5;
    private static final int BUCKETS = 10;

    private final double limitSeconds;
    private final Clock clock;
    private final long bucketMillis;
    /** Null: the sliding window; else how long a method is banned once over the limit. */
    private final Duration ban;

    private final Map<String, TreeMap<Long, Double>> usage = new HashMap<>();
    private final Map<String, Long> bannedUntilMillis = new HashMap<>();

    OperatingBudget(double limitSeconds, Clock clock) {
        this(limitSeconds, clock, Duration.ofMinutes(10), null);
    }

    /**
     * @param window the ten buckets together (ten minutes on a portal)
     * @param ban    null for the sliding window, else the ban model with this ban
     */
    OperatingBudget(double limitSeconds, Clock clock, Duration window, Duration ban) {
        this.limitSeconds = limitSeconds;
        this.clock = clock;
        this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
        this.ban = ban;
    }

    synchronized boolean blocked(String key) {
        if (limitSeconds <= 0) {
            return false;
        }
        if (ban == null) {
            return total(key) > limitSeconds;
        }
        Long until = bannedUntilMillis.get(key);
        if (until != null && clock.millis() < until) {
            return true;
        }
        bannedUntilMillis.remove(key);
        if (total(key) > limitSeconds) {
            bannedUntilMillis.put(key, clock.millis() + ban.toMillis());
            // cleared as the module does, or the buckets would ban the method again the moment the ban ends
            usage.remove(key);
            return true;
        }
        return false;
    }

    synchronized void charge(String key, double seconds) {
        double counted = ban != null && key.endsWith("|batch") ? seconds * BATCH_TIME_WEIGHT : seconds;
        if (counted < MINIMAL_COUNTED_SECONDS) {
            return;
        }
        usage.computeIfAbsent(key, k -> new TreeMap<>()).merge(bucket(), counted, Double::sum);
    }

    /** Seconds used by this key in the window, the figure a response reports as {@code operating}. */
    synchronized double total(String key) {
        TreeMap<Long, Double> buckets = usage.get(key);
        if (buckets == null) {
            return 0;
        }
        buckets.headMap(bucket() - BUCKETS + 1).clear();
        return buckets.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Unix time at which the key's ban ends, or else its oldest counted bucket drops out of the window. */
    synchronized long resetAt(String key) {
        Long until = bannedUntilMillis.get(key);
        if (until != null && clock.millis() < until) {
            return (until + 999) / 1000;
        }
        TreeMap<Long, Double> buckets = usage.get(key);
        long oldest = buckets == null || buckets.isEmpty() ? bucket() : buckets.firstKey();
        return (oldest + BUCKETS) * bucketMillis / 1000;
    }

    private long bucket() {
        return clock.millis() / bucketMillis;
    }
}
