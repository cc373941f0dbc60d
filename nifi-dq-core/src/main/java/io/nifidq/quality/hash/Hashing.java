package io.nifidq.quality.hash;

/**
 * 64-bit hashing of character data without allocating: FNV-1a over whole UTF-16 code units (one
 * multiply per character), finished with the MurmurHash3 fmix64 avalanche so that every bit of the
 * result depends on every input bit.
 * 64 bits keep the chance of any collision among ten million records near 3 in a million.
 */
public final class Hashing {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** Stands for a null value inside a combined record hash, so that (null, "a") and ("a", null) differ. */
    public static final long NULL_HASH = 0x6a09e667f3bcc909L;

    private Hashing() {
    }

    public static long hash64(final CharSequence text) {
        return hash64(text, 0, text.length());
    }

    public static long hash64(final CharSequence text, final int start, final int end) {
        long hash = FNV_OFFSET;
        for (int i = start; i < end; i++) {
            hash ^= text.charAt(i);
            hash *= FNV_PRIME;
        }
        return mix(hash ^ (end - start));
    }

    /** Folds the hash of the next value into a running hash of several values; order matters. */
    public static long combine(final long running, final long valueHash) {
        return mix(running * 31 + valueHash);
    }

    /** MurmurHash3's 64-bit finalizer. */
    public static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
