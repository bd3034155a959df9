package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the status consumer knows of a portal's lines: the last status delivered for each line (what the store keeps),
 * and the changes seen since that were not delivered yet, each line's oldest first. A change leaves its queue only when
 * {@link #delivered} says its exchange went through, so a change refused by the route is offered again on the next
 * poll, and a newer status of the same line never goes before an older one.
 *
 * <p>No I/O here: the consumer feeds it a poll's observations and the outcome of each delivery.
 */
final class LineStatusLedger {

    /**
     * Changes of one line kept while the route refuses them. A line flapping for this many polls while its sink is down
     * loses its oldest undelivered changes first; its latest status is always kept.
     */
    static final int MAX_PENDING_PER_LINE = 100;

    private final Map<Integer, SipLineStatusEvent> delivered = new LinkedHashMap<>();
    private final Map<Integer, Deque<SipLineStatusEvent>> pending = new LinkedHashMap<>();
    private long dropped;

    /** Starts again from these delivered statuses (a consumer taking a portal over); nothing is pending. */
    void reset(Map<Integer, SipLineStatusEvent> stored) {
        delivered.clear();
        delivered.putAll(stored);
        pending.clear();
    }

    /** The newest status known of a line: its last pending change, or what was delivered; null when none. */
    SipLineStatusEvent latest(int configId) {
        Deque<SipLineStatusEvent> queue = pending.get(configId);
        return queue == null || queue.isEmpty() ? delivered.get(configId) : queue.peekLast();
    }

    /**
     * Takes one poll's observations: {@code observed} are the lines whose status the poll read, {@code seen} every line
     * the portal still has (those whose status could not be read this time included). A line's new status is queued
     * when it differs from its latest, or always with {@code emitUnchanged} when nothing of that line is waiting
     * already; a line no longer seen gets one removal.
     */
    void observe(Collection<SipLineStatusEvent> observed, Set<Integer> seen, boolean emitUnchanged) {
        for (SipLineStatusEvent now : observed) {
            SipLineStatusEvent latest = latest(now.configId());
            boolean nothingWaiting = queue(now.configId()).isEmpty();
            if (latest == null || differs(latest, now) || emitUnchanged && nothingWaiting) {
                enqueue(now);
            }
        }
        List<Integer> known = new ArrayList<>(delivered.keySet());
        pending.keySet().stream().filter(id -> !delivered.containsKey(id)).forEach(known::add);
        for (int configId : known) {
            SipLineStatusEvent latest = latest(configId);
            if (!seen.contains(configId) && latest != null && !latest.removed()) {
                enqueue(removal(latest));
            }
        }
    }

    /** Each line's undelivered changes in order, oldest first; the lists are copies. */
    List<List<SipLineStatusEvent>> pendingByLine() {
        List<List<SipLineStatusEvent>> out = new ArrayList<>();
        pending.values().stream().filter(q -> !q.isEmpty()).forEach(q -> out.add(List.copyOf(q)));
        return out;
    }

    /** The change went through: it is the line's delivered status now (a removal forgets the line). */
    void delivered(SipLineStatusEvent event) {
        Deque<SipLineStatusEvent> queue = pending.get(event.configId());
        if (queue == null || queue.peekFirst() != event) {
            throw new IllegalStateException("line " + event.configId() + ": delivered out of order");
        }
        queue.pollFirst();
        if (queue.isEmpty()) {
            pending.remove(event.configId());
        }
        if (event.removed()) {
            delivered.remove(event.configId());
        } else {
            delivered.put(event.configId(), event);
        }
    }

    /** The delivered statuses: what a store keeps, and what a consumer taking over compares with. */
    Collection<SipLineStatusEvent> deliveredStatuses() {
        return List.copyOf(delivered.values());
    }

    /** Undelivered changes dropped because a line had {@link #MAX_PENDING_PER_LINE} waiting. */
    long droppedCount() {
        return dropped;
    }

    private Deque<SipLineStatusEvent> queue(int configId) {
        return pending.getOrDefault(configId, new ArrayDeque<>(0));
    }

    private void enqueue(SipLineStatusEvent event) {
        Deque<SipLineStatusEvent> queue = pending.computeIfAbsent(event.configId(), k -> new ArrayDeque<>(2));
        if (queue.size() == MAX_PENDING_PER_LINE) {
            queue.pollFirst();
            dropped++;
        }
        queue.addLast(event);
    }

    private static boolean differs(SipLineStatusEvent before, SipLineStatusEvent now) {
        return before.removed() != now.removed()
                || !Objects.equals(before.statusResult(), now.statusResult())
                || !Objects.equals(before.statusCode(), now.statusCode())
                || !Objects.equals(before.errorMessage(), now.errorMessage());
    }

    private static SipLineStatusEvent removal(SipLineStatusEvent last) {
        return new SipLineStatusEvent(
                last.portalHost(),
                last.configId(),
                last.title(),
                last.regId(),
                last.statusResult(),
                last.statusCode(),
                last.errorMessage(),
                last.lastUpdated(),
                last.statusResult(),
                true);
    }
}
