package io.github.b24sip.camel.status;

/**
 * What a status consumer needs to know of its events: which thing an event is about, whether two statuses of it
 * differ, and how its removal reads.
 *
 * @param <K> the key of the thing a status is about (a line's CONFIG_ID, a registration's id)
 * @param <E> the event
 */
public interface StatusKind<K, E> {

    K key(E event);

    /** True when {@code now} is a change from {@code before}: what a downstream system must be told. */
    boolean differs(E before, E now);

    boolean isRemoval(E event);

    /** The removal of the thing whose last status was {@code last}. */
    E removal(E last);
}
