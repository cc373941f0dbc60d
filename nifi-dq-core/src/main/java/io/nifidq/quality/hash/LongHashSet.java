package io.nifidq.quality.hash;

import java.util.function.LongConsumer;

/**
 * A set of 64-bit hashes in one long[] (open addressing, linear probing): 8 bytes a slot and at most
 * 75% of the slots used, so 10.7 to 21.3 bytes per distinct key, against about 60 for a
 * {@code HashSet<Long>}.
 */
public final class LongHashSet {

    private static final long EMPTY = 0L;
    /** Keys equal to the empty marker are stored as this instead; one more collision in 2^64 is harmless. */
    private static final long ZERO_SUBSTITUTE = 0x9e3779b97f4a7c15L;
    private static final double MAX_LOAD = 0.75;
    /** Right after the table doubles it is 37.5% full: 8 / 0.375 bytes per key. */
    public static final int MAX_BYTES_PER_KEY = 22;

    private long[] keys;
    private int size;

    public LongHashSet() {
        this(1024);
    }

    public LongHashSet(final int expectedKeys) {
        keys = new long[tableSizeFor(expectedKeys)];
    }

    /** Adds the key; returns false when it was already there. */
    public boolean add(final long key) {
        final long stored = key == EMPTY ? ZERO_SUBSTITUTE : key;
        final int mask = keys.length - 1;
        int slot = (int) Hashing.mix(stored) & mask;
        while (true) {
            final long current = keys[slot];
            if (current == EMPTY) {
                keys[slot] = stored;
                if (++size > keys.length * MAX_LOAD) {
                    grow();
                }
                return true;
            }
            if (current == stored) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    public boolean contains(final long key) {
        final long stored = key == EMPTY ? ZERO_SUBSTITUTE : key;
        final int mask = keys.length - 1;
        int slot = (int) Hashing.mix(stored) & mask;
        while (keys[slot] != EMPTY) {
            if (keys[slot] == stored) {
                return true;
            }
            slot = (slot + 1) & mask;
        }
        return false;
    }

    public int size() {
        return size;
    }

    /** Heap bytes held by the table itself. */
    public long tableBytes() {
        return 8L * keys.length;
    }

    public void forEach(final LongConsumer consumer) {
        for (final long key : keys) {
            if (key != EMPTY) {
                consumer.accept(key == ZERO_SUBSTITUTE ? EMPTY : key);
            }
        }
    }

    /** The keys, in no particular order. */
    public long[] toArray() {
        final long[] all = new long[size];
        final int[] next = {0};
        forEach(key -> all[next[0]++] = key);
        return all;
    }

    private void grow() {
        final long[] old = keys;
        keys = new long[old.length * 2];
        size = 0;
        for (final long key : old) {
            if (key != EMPTY) {
                add(key == ZERO_SUBSTITUTE ? EMPTY : key);
            }
        }
    }

    static int tableSizeFor(final int expectedKeys) {
        final int wanted = (int) Math.min(1 << 30, Math.ceil(Math.max(16, expectedKeys) / MAX_LOAD));
        return Integer.highestOneBit(wanted - 1) << 1;
    }
}
