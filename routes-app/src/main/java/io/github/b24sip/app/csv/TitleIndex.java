package io.github.b24sip.app.csv;

/**
 * The titles of a file's valid rows, per portal, with the row that first gave each: how a file finds a title given
 * twice, and, in mirror mode, which of a portal's lines the file keeps. Memory must not grow with the file as a map of
 * strings would (a million titles of a 1,000,000-row file would not fit in a 128 MB heap), so each title is kept as a
 * 64-bit hash of portal and title key in an open-addressed table: 12 bytes a title at most two thirds full.
 *
 * <p>Two different titles of one portal share a hash with a chance of about n² / 2⁶⁵ (3 in 100 million for a
 * million rows); such a pair would be reported as a duplicate title, naming both rows, and nothing else is affected.
 */
public final class TitleIndex {

    private long[] keys = new long[1024];
    private int[] rows = new int[1024];
    private int size;

    /** Records a title at a row; returns the row that gave it first, or 0 when it is new. */
    public synchronized int putIfAbsent(String portal, String titleKey, int row) {
        long key = hash(portal, titleKey);
        int slot = slot(key);
        if (keys[slot] == key) {
            return rows[slot];
        }
        keys[slot] = key;
        rows[slot] = row;
        if (++size * 3 > keys.length * 2) {
            grow();
        }
        return 0;
    }

    public synchronized boolean contains(String portal, String titleKey) {
        long key = hash(portal, titleKey);
        return keys[slot(key)] == key;
    }

    public synchronized int size() {
        return size;
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldRows = rows;
        keys = new long[oldKeys.length * 2];
        rows = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                rows[slot] = oldRows[i];
            }
        }
    }

    /** FNV-1a over the characters, then a 64-bit finaliser to spread the bits; 0 is kept for an empty slot. */
    static long hash(String portal, String titleKey) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, portal);
        h = (h ^ '\n') * 0x100000001b3L;
        h = fnv(h, titleKey);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    @Override
    public String toString() {
        return "TitleIndex[" + size() + " titles]";
    }
}
