package io.github.b24sip.app.cluster;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Where a poller belongs: a stable hash of its name (CRC-32 of its UTF-8 bytes, the same on every JVM and every
 * instance, unlike {@link String#hashCode()}'s contract), reduced to a shard, or to an offset within a poll interval.
 */
public final class ShardHash {

    private ShardHash() {}

    /** The shard, in {@code [0, shards)}, of the poller named {@code name}. */
    public static int shardOf(String name, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("b24sip.cluster.shards must be at least 1, not " + shards);
        }
        return (int) (hash(name) % shards);
    }

    /**
     * A poller's first delay after it starts, in {@code [0, interval)}: the pollers of a shard taken over start together,
     * and spreading their first polls over an interval keeps a hand-over from making them all poll at once.
     */
    public static long offsetWithin(String name, long intervalMillis) {
        return intervalMillis <= 0 ? 0 : Long.remainderUnsigned(hash(name) * 0x9E3779B97F4A7C15L, intervalMillis);
    }

    private static long hash(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
