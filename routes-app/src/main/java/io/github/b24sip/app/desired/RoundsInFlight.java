package io.github.b24sip.app.desired;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One drift round at a time per portal or account: a poll's snapshot is judged and reported off the poller's thread
 * (a sink that is down, retried, must not hold up the polling of statuses), and a poll whose portal still has a round
 * on its way skips its own; the next poll after it finished reads a newer snapshot anyway.
 */
public final class RoundsInFlight {

    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /** True when no round of {@code name} was on its way: this caller runs one now and must {@link #release} it. */
    public boolean claim(String name) {
        return inFlight.add(name);
    }

    public void release(String name) {
        inFlight.remove(name);
    }
}
