package io.github.b24sip.simulator.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/** Every request the simulator answered, newest last, for assertions in tests and counts in benchmarks. */
public final class Journal {

    private final int capacity;
    private final Deque<JournalEntry> entries = new ArrayDeque<>();
    private long nextSeq = 1;

    public Journal(int capacity) {
        this.capacity = capacity;
    }

    public synchronized long nextSeq() {
        return nextSeq++;
    }

    public synchronized void add(JournalEntry entry) {
        entries.addLast(entry);
        if (entries.size() > capacity) {
            entries.removeFirst();
        }
    }

    public synchronized List<JournalEntry> entries() {
        return new ArrayList<>(entries);
    }

    /** The entries of one target (a portal's name, {@code oauth} or {@code voximplant}). */
    public List<JournalEntry> entries(String target) {
        return entries(e -> e.target().equals(target));
    }

    public synchronized List<JournalEntry> entries(Predicate<JournalEntry> filter) {
        return entries.stream().filter(filter).toList();
    }

    public synchronized long count(Predicate<JournalEntry> filter) {
        return entries.stream().filter(filter).count();
    }

    /** Requests to a target answered with this top-level error code. */
    public long countError(String target, String errorCode) {
        return count(e -> e.target().equals(target) && errorCode.equalsIgnoreCase(e.errorCode()));
    }

    /** HTTP requests to a target whose top-level method is this one ({@code batch} counts as itself). */
    public long countRequests(String target, String method) {
        return count(e -> e.target().equals(target) && method.equalsIgnoreCase(e.method()));
    }

    /** Calls of a method on a target, whether sent alone or inside batches. */
    public synchronized long countCalls(String target, String method) {
        long n = 0;
        for (JournalEntry e : entries) {
            if (!e.target().equals(target)) {
                continue;
            }
            if (method.equalsIgnoreCase(e.method())) {
                n++;
            }
            n += e.inner().stream()
                    .filter(c -> method.equalsIgnoreCase(c.method()))
                    .count();
        }
        return n;
    }

    public synchronized void clear() {
        entries.clear();
    }
}
