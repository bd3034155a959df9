package io.github.b24sip.simulator.bitrix;

import io.github.b24sip.simulator.RateLimit;

import java.time.Clock;

/** The portal's request counter: +1 per HTTP request, draining at a fixed rate; full means 503. */
final class LeakyBucket {

    private final RateLimit limit;
    private final Clock clock;
    private double level;
    private long lastMillis;

    LeakyBucket(RateLimit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
        this.lastMillis = clock.millis();
    }

    /** Counts a request; false when the bucket is full and the request must be refused. */
    synchronized boolean tryAdd() {
        long now = clock.millis();
        level = Math.max(0, level - (now - lastMillis) / 1000.0 * limit.drainPerSecond());
        lastMillis = now;
        if (level + 1 > limit.capacity() + 1e-9) {
            return false;
        }
        level += 1;
        return true;
    }
}
