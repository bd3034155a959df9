package io.github.b24sip.camel.bitrix24.health;

import io.github.b24sip.camel.bitrix24.model.ConnectorStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One portal's {@code voximplant.sip.connector.status}, read at most once per interval however often a health check
 * asks: probes come from every producer of the portal and from each scrape of the health endpoint, and each request
 * spends the portal's rate limit. Concurrent probes within an interval share one request.
 */
public final class ConnectorProbe {

    /** What the last request said: the connector's status, or why it could not be read. */
    public record Reading(Instant at, ConnectorStatus status, RuntimeException failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    private final Duration interval;
    private final LongSupplier nanoClock;
    private Reading last;
    private long lastNanos;

    public ConnectorProbe(Duration interval, LongSupplier nanoClock) {
        this.interval = interval;
        this.nanoClock = nanoClock;
    }

    /** The cached reading, or a new one from {@code request} when the last is older than the interval. */
    public synchronized Reading read(Supplier<ConnectorStatus> request) {
        long now = nanoClock.getAsLong();
        if (last != null && now - lastNanos < interval.toNanos()) {
            return last;
        }
        try {
            last = new Reading(Instant.now(), request.get(), null);
        } catch (RuntimeException e) {
            last = new Reading(Instant.now(), null, e);
        }
        lastNanos = nanoClock.getAsLong();
        return last;
    }

    /** The last reading without a request; null before the first probe. */
    public synchronized Reading last() {
        return last;
    }
}
