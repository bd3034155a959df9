package io.github.b24sip.camel.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * How the namespaces are shared out: each instance's exact share, and the order in which it asks for free leases. Pure
 * functions of what a heartbeat read, so every instance that read the same computes the same.
 */
final class FairShare {

    private FairShare() {}

    /**
     * How many namespaces {@code instance} leads: all of them shared out over the instances alive, the remainder one
     * each to the first instances by name. Every instance that sees the same instances alive computes the same shares,
     * and they add up to the namespaces, so the spread settles with no instance more than one over another.
     */
    static int of(int namespaces, Set<String> alive, String instance) {
        int instances = Math.max(1, alive.size());
        long before = alive.stream().filter(a -> a.compareTo(instance) < 0).count();
        return namespaces / instances + (before < namespaces % instances ? 1 : 0);
    }

    /**
     * The free namespaces in the order {@code instance} tries to take them: first those it ranks higher than every other
     * instance alive does (rendezvous hashing), then the rest by its rank. Instances taking free leases at the same
     * moment (a dead instance's, all expiring together) then mostly ask for different ones, rather than all for the
     * same first few, where one wins and the others take theirs a heartbeat later.
     */
    static List<String> preferred(List<String> free, Set<String> alive, String instance) {
        Comparator<String> mineFirst = Comparator.comparing(ns -> !alive.stream()
                .filter(other -> !other.equals(instance))
                .allMatch(other -> rank(other, ns) < rank(instance, ns)));
        return free.stream()
                .sorted(mineFirst.thenComparing(ns -> -rank(instance, ns)))
                .toList();
    }

    private static long rank(String instance, String namespace) {
        CRC32 crc = new CRC32();
        crc.update((instance + '\n' + namespace).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
