package io.nifidq.quality.hash;

/**
 * A map from 64-bit hashes to non-negative ints in two primitive arrays (open addressing, linear
 * probing, at most 75% full): 12 bytes a slot, 16 to 32 bytes per key.
 */
public final class LongIntHashMap {

    public static final int ABSENT = -1;
    private static final long EMPTY = 0L;
    private static final long ZERO_SUBSTITUTE = 0x9e3779b97f4a7c15L;
    private static final double MAX_LOAD = 0.75;

    private long[] keys;
    private int[] values;
    private int size;

    public LongIntHashMap() {
        this(1024);
    }

    public LongIntHashMap(final int expectedKeys) {
        final int capacity = LongHashSet.tableSizeFor(expectedKeys);
        keys = new long[capacity];
        values = new int[capacity];
    }

    /** The value for the key, or {@link #ABSENT}. */
    public int get(final long key) {
        final long stored = key == EMPTY ? ZERO_SUBSTITUTE : key;
        final int mask = keys.length - 1;
        int slot = (int) Hashing.mix(stored) & mask;
        while (keys[slot] != EMPTY) {
            if (keys[slot] == stored) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return ABSENT;
    }

    /** Sets the value (which must not be negative) for the key. */
    public void put(final long key, final int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Values must not be negative: " + value);
        }
        final long stored = key == EMPTY ? ZERO_SUBSTITUTE : key;
        final int mask = keys.length - 1;
        int slot = (int) Hashing.mix(stored) & mask;
        while (keys[slot] != EMPTY) {
            if (keys[slot] == stored) {
                values[slot] = value;
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = stored;
        values[slot] = value;
        if (++size > keys.length * MAX_LOAD) {
            grow();
        }
    }

    /** Receives each key with its value. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(long key, int value);
    }

    public void forEach(final EntryConsumer consumer) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                consumer.accept(keys[i] == ZERO_SUBSTITUTE ? EMPTY : keys[i], values[i]);
            }
        }
    }

    public int size() {
        return size;
    }

    public long tableBytes() {
        return 12L * keys.length;
    }

    private void grow() {
        final long[] oldKeys = keys;
        final int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i] == ZERO_SUBSTITUTE ? EMPTY : oldKeys[i], oldValues[i]);
            }
        }
    }
}
