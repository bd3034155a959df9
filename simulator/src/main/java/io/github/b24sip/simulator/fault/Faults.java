package io.github.b24sip.simulator.fault;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults planned for one portal (or the Voximplant API): scripted ones ("the next 2 calls to
 * voximplant.sip.add") first, then ones drawn at a rate from a seeded random source, so a run can be repeated.
 * A rule's method matches a request to that method or a batch that contains it; {@code *} matches every request.
 */
public final class Faults {

    private final List<Scripted> scripted = new ArrayList<>();
    private final List<Rated> rated = new ArrayList<>();
    private final AtomicLong injected = new AtomicLong();
    private Random random = new Random(42);

    /** The next {@code count} requests matching {@code method} get {@code fault}. */
    public synchronized Faults next(int count, String method, Fault fault) {
        scripted.add(new Scripted(method, fault, count));
        return this;
    }

    /** Each request matching {@code method} gets {@code fault} with this probability (0..1). */
    public synchronized Faults rate(double probability, String method, Fault fault) {
        rated.add(new Rated(method, fault, probability));
        return this;
    }

    public synchronized Faults seed(long seed) {
        random = new Random(seed);
        return this;
    }

    public synchronized void clear() {
        scripted.clear();
        rated.clear();
    }

    /** How many faults were injected so far. */
    public long injectedCount() {
        return injected.get();
    }

    /** The fault for this request, or null; a scripted fault is used up by it. */
    public synchronized Fault pick(String method, Collection<String> innerMethods) {
        for (Scripted s : scripted) {
            if (s.remaining > 0 && matches(s.method, method, innerMethods)) {
                s.remaining--;
                injected.incrementAndGet();
                return s.fault;
            }
        }
        for (Rated r : rated) {
            if (matches(r.method, method, innerMethods) && random.nextDouble() < r.probability) {
                injected.incrementAndGet();
                return r.fault;
            }
        }
        return null;
    }

    private static boolean matches(String rule, String method, Collection<String> innerMethods) {
        return "*".equals(rule)
                || rule.equalsIgnoreCase(method)
                || innerMethods.stream().anyMatch(rule::equalsIgnoreCase);
    }

    private static final class Scripted {
        final String method;
        final Fault fault;
        int remaining;

        Scripted(String method, Fault fault, int remaining) {
            this.method = method;
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private record Rated(String method, Fault fault, double probability) {}
}
