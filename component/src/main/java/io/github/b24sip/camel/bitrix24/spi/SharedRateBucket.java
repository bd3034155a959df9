package io.github.b24sip.camel.bitrix24.spi;

/**
 * A portal's leaky bucket kept outside this process (a database row, say), so that several processes calling one
 * portal stay under its limit together: each process alone would believe the whole bucket is its own. The pacer puts
 * each request in and waits as long as the shared level says.
 */
public interface SharedRateBucket {

    /**
     * Drains the portal's bucket by the time passed since the last request (at {@code drainPerSecond}), adds this
     * request, and returns the level after it: the number of requests the bucket now holds, this one included.
     */
    double add(String portalUrl, double drainPerSecond);
}
