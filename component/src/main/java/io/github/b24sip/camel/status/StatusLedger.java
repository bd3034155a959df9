package io.github.b24sip.camel.status;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a status consumer knows of the things it watches: the last status delivered for each (what the store keeps), and
 * the changes seen since that were not delivered yet, each thing's oldest first. A change leaves its queue only when
 * {@link #delivered} says its exchange went through, so a change refused by the route is offered again on the next
 * poll, and a newer status of the same thing never goes before an older one.
 *
 * <p>No I/O here: the consumer feeds it a poll's observations and the outcome of each delivery.
 */
public class StatusLedger<K, E> {

    /**
     * Changes of one thing kept while the route refuses them. A thing flapping for this many polls while its sink is
     * down loses its oldest undelivered changes first; its latest status is always kept.
     */
    public static final int MAX_PENDING_PER_KEY = 100;

    private final StatusKind<K, E> kind;
    private final Map<K, E> delivered = new LinkedHashMap<>();
    private final Map<K, Deque<E>> pending = new LinkedHashMap<>();
    private long dropped;

    public StatusLedger(StatusKind<K, E> kind) {
        this.kind = kind;
    }

    /** Starts again from these delivered statuses (a consumer taking over); nothing is pending. */
    public void reset(Map<K, E> stored) {
        delivered.clear();
        delivered.putAll(stored);
        pending.clear();
    }

    /** The newest status known of a thing: its last pending change, or what was delivered; null when none. */
    public E latest(K key) {
        Deque<E> queue = pending.get(key);
        return queue == null || queue.isEmpty() ? delivered.get(key) : queue.peekLast();
    }

    /**
     * Takes one poll's observations: {@code observed} are the statuses the poll read, {@code seen} every key still
     * there (those whose status could not be read this time included). A new status is queued when it differs from
     * its thing's latest, or always with {@code emitUnchanged} when nothing of that thing is waiting already; a thing
     * no longer seen gets one removal.
     */
    public void observe(Collection<E> observed, Set<K> seen, boolean emitUnchanged) {
        for (E now : observed) {
            K key = kind.key(now);
            E latest = latest(key);
            boolean nothingWaiting = !pending.containsKey(key);
            if (latest == null || kind.differs(latest, now) || emitUnchanged && nothingWaiting) {
                enqueue(now);
            }
        }
        List<K> known = new ArrayList<>(delivered.keySet());
        pending.keySet().stream().filter(k -> !delivered.containsKey(k)).forEach(known::add);
        for (K key : known) {
            E latest = latest(key);
            if (!seen.contains(key) && latest != null && !kind.isRemoval(latest)) {
                enqueue(kind.removal(latest));
            }
        }
    }

    /** Each thing's undelivered changes in order, oldest first; the lists are copies. */
    public List<List<E>> pendingByKey() {
        List<List<E>> out = new ArrayList<>();
        pending.values().stream().filter(q -> !q.isEmpty()).forEach(q -> out.add(List.copyOf(q)));
        return out;
    }

    /** The change went through: it is the thing's delivered status now (a removal forgets the thing). */
    public void delivered(E event) {
        K key = kind.key(event);
        Deque<E> queue = pending.get(key);
        if (queue == null || queue.peekFirst() != event) {
            throw new IllegalStateException(key + ": delivered out of order");
        }
        queue.pollFirst();
        if (queue.isEmpty()) {
            pending.remove(key);
        }
        if (kind.isRemoval(event)) {
            delivered.remove(key);
        } else {
            delivered.put(key, event);
        }
    }

    /** The delivered statuses: what a store keeps, and what a consumer taking over compares with. */
    public Collection<E> deliveredStatuses() {
        return List.copyOf(delivered.values());
    }

    /** Undelivered changes dropped because a thing had {@link #MAX_PENDING_PER_KEY} waiting. */
    public long droppedCount() {
        return dropped;
    }

    private void enqueue(E event) {
        Deque<E> queue = pending.computeIfAbsent(kind.key(event), k -> new ArrayDeque<>(2));
        if (queue.size() == MAX_PENDING_PER_KEY) {
            queue.pollFirst();
            dropped++;
        }
        queue.addLast(event);
    }
}
