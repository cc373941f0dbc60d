package io.nifidq.quality.profile;

import io.nifidq.quality.hash.Hashing;
import io.nifidq.quality.hash.LongIntHashMap;
import io.nifidq.quality.hash.MinHasher;

import java.io.IOException;
import java.util.Arrays;

/**
 * Finds texts that are near duplicates of an earlier text: MinHash signatures and locality-sensitive
 * hashing (bands of signature rows), candidates confirmed by the estimated Jaccard similarity.
 * The index keeps at most {@code limit} texts. After that, {@link #add} still compares every later
 * text with the indexed ones (a cleaner must decide each record), while {@link #observe} (a profile
 * only needs the count) compares the n-th text with probability limit / n and counts each hit as
 * n / limit texts: an unbiased estimate that costs about limit * (1 + ln(n / limit)) comparisons in
 * all instead of n. Either way the result says it was sampled.
 * <p>
 * Each indexed text keeps its record number (an int, 4 bytes), so that a match can name the earlier record it resembles
 * ({@link #matchedRecord()}); the texts themselves are not kept.
 */
public final class NearDuplicateIndex {


    private final MinHasher hasher;
    private final double threshold;
    private final int limit;
    private final int bands;
    private final int rows;
    private final LongIntHashMap bucketHeads = new LongIntHashMap(4096);

    private int[] signatures = new int[0];
    private int[] chainNext = new int[0];
    private boolean[] counted = new boolean[0];
    /** The record number of each indexed text: the caller's ({@link #observe}) or its position among the texts ({@link #add}). */
    private int[] recordNumbers = new int[0];
    /** The slot the last matching text matched, or -1. */
    private int matchedSlot = -1;
    private int indexed;
    private double nearDuplicates;
    private long offered;
    private long checked;
    private boolean sampled;

    public NearDuplicateIndex(final MinHasher hasher, final double threshold, final int limit) {
        this.hasher = hasher;
        this.threshold = threshold;
        this.limit = limit;
        this.rows = rowsPerBand(threshold);
        this.bands = MinHasher.SIGNATURE_LENGTH / rows;
    }

    /**
     * Adds a text; returns true when it is a near duplicate of an earlier one. Blank texts are ignored. Its record number
     * is its position among the texts added (1 for the first).
     */
    public boolean add(final CharSequence text) {
        offered++;
        final int[] signature = hasher.signature(text);
        return signature != null && add(signature, false, 1.0, recordNumber(offered));
    }

    /**
     * Counts a text for the near-duplicate estimate, record being its record number (from 1). Until the index is full this
     * is {@link #add}; beyond it, only a shrinking random share of texts is compared (see the class comment).
     */
    boolean observe(final CharSequence text, final long record) {
        offered++;
        double weight = 1.0;
        if (indexed >= limit) {
            final double probability = (double) limit / offered;
            sampled = true;
            if (uniform(offered) >= probability) {
                return false;
            }
            weight = 1.0 / probability;
        }
        final int[] signature = hasher.signature(text);
        return signature != null && add(signature, false, weight, recordNumber(record));
    }

    /**
     * The record number of the indexed text that the last matching {@link #add} or {@link #observe} resembled (its most
     * recent similar indexed text in the first band that had one); 0 before any match, or when the number was over
     * Integer.MAX_VALUE.
     */
    long matchedRecord() {
        return matchedSlot < 0 ? 0 : recordNumbers[matchedSlot];
    }

    /** Record numbers up to Integer.MAX_VALUE fit a slot; a later one is kept as 0, unknown. */
    private static int recordNumber(final long record) {
        return record > Integer.MAX_VALUE ? 0 : (int) record;
    }

    /** A uniform number in [0, 1) drawn from the text's position: the same input always samples the same texts. */
    private static double uniform(final long position) {
        return (Hashing.mix(position * 0x9e3779b97f4a7c15L) >>> 11) * 0x1.0p-53;
    }

    private boolean add(final int[] signature, final boolean alreadyCounted, final double weight, final int record) {
        checked++;
        final long[] bucketKeys = bucketKeys(signature);
        boolean duplicate = alreadyCounted;
        if (!alreadyCounted) {
            final int similar = similarSlot(signature, bucketKeys);
            if (similar >= 0) {
                matchedSlot = similar;
                duplicate = true;
                nearDuplicates += weight;
            }
        }
        if (indexed < limit) {
            insert(signature, bucketKeys, duplicate, record);
        } else {
            sampled = true;
        }
        return duplicate;
    }

    /**
     * Adds the other index's texts after this one's, as if they had come later in the same pass: their record numbers move
     * on by recordsBefore, the records this index's pass had (as {@link ExampleRecords#merge} numbers them).
     */
    void merge(final NearDuplicateIndex other, final long recordsBefore) {
        nearDuplicates += other.nearDuplicates;
        offered += other.offered;
        checked += other.checked - other.indexed;
        sampled |= other.sampled;
        final int[] signature = new int[MinHasher.SIGNATURE_LENGTH];
        for (int i = 0; i < other.indexed; i++) {
            System.arraycopy(other.signatures, i * MinHasher.SIGNATURE_LENGTH, signature, 0, signature.length);
            final int record = other.recordNumbers[i];
            add(signature.clone(), other.counted[i], 1.0, record == 0 ? 0 : recordNumber(record + recordsBefore));
        }
        matchedSlot = -1;
    }

    /** Writes the counters and each indexed text's signature, counted flag and record number, in index order. */
    void writeTo(final ProfileOutput out) throws IOException {
        out.writeDouble(nearDuplicates);
        out.writeLong(offered);
        out.writeLong(checked);
        out.writeBoolean(sampled);
        out.writeInt(indexed);
        for (int i = 0; i < indexed * MinHasher.SIGNATURE_LENGTH; i++) {
            out.writeInt(signatures[i]);
        }
        for (int i = 0; i < indexed; i++) {
            out.writeBoolean(counted[i]);
            out.writeInt(recordNumbers[i]);
        }
    }

    /**
     * Reads what {@link #writeTo} wrote into this new, empty index (of the same threshold and limit): the texts are indexed
     * again in their order, which rebuilds the same buckets.
     */
    void readFrom(final ProfileInput in) throws IOException {
        final double count = in.readDouble();
        offered = in.readNonNegative("the texts offered to the near-duplicate index");
        checked = in.readNonNegative("the texts compared with the near-duplicate index");
        sampled = in.readBoolean();
        final int texts = in.readCount("indexed texts", limit, MinHasher.SIGNATURE_LENGTH * 4 + 5);
        if (!(count >= 0) || Double.isInfinite(count)) {
            throw in.corrupt("the near-duplicate count is " + count);
        }
        nearDuplicates = count;
        final int[][] read = new int[texts][MinHasher.SIGNATURE_LENGTH];
        for (final int[] signature : read) {
            for (int i = 0; i < signature.length; i++) {
                signature[i] = in.readInt();
            }
        }
        for (final int[] signature : read) {
            final boolean duplicate = in.readBoolean();
            final int record = in.readInt();
            if (record < 0) {
                throw in.corrupt("an indexed text has the record number " + record);
            }
            insert(signature, bucketKeys(signature), duplicate, record);
        }
    }

    /** Near-duplicate texts: an exact count unless {@link #sampled()}, then an estimate. */
    long nearDuplicates() {
        return Math.round(nearDuplicates);
    }

    /** Texts that were compared with the index (all non-blank texts unless sampled). */
    long checked() {
        return checked;
    }

    int indexed() {
        return indexed;
    }

    boolean sampled() {
        return sampled;
    }

    /**
     * Heap bytes per indexed text: its signature, its counted flag and record number, a chain link per band and at most 32
     * bytes per band in the bucket map.
     */
    int bytesPerIndexedText() {
        return MinHasher.SIGNATURE_LENGTH * 4 + 1 + 4 + bands * (4 + 32);
    }

    int bands() {
        return bands;
    }

    int rows() {
        return rows;
    }

    /** The slot of an indexed text at least threshold similar, or -1. */
    private int similarSlot(final int[] signature, final long[] bucketKeys) {
        for (int band = 0; band < bands; band++) {
            int candidate = bucketHeads.get(bucketKeys[band]);
            while (candidate != LongIntHashMap.ABSENT) {
                if (similarity(signature, candidate) >= threshold) {
                    return candidate;
                }
                final int next = chainNext[candidate * bands + band];
                candidate = next == 0 ? LongIntHashMap.ABSENT : next - 1;
            }
        }
        return -1;
    }

    private double similarity(final int[] signature, final int record) {
        final int offset = record * MinHasher.SIGNATURE_LENGTH;
        int same = 0;
        for (int i = 0; i < MinHasher.SIGNATURE_LENGTH; i++) {
            if (signatures[offset + i] == signature[i]) {
                same++;
            }
        }
        return (double) same / MinHasher.SIGNATURE_LENGTH;
    }

    private void insert(final int[] signature, final long[] bucketKeys, final boolean duplicate, final int record) {
        ensureCapacity(indexed + 1);
        System.arraycopy(signature, 0, signatures, indexed * MinHasher.SIGNATURE_LENGTH, signature.length);
        counted[indexed] = duplicate;
        recordNumbers[indexed] = record;
        for (int band = 0; band < bands; band++) {
            final int head = bucketHeads.get(bucketKeys[band]);
            // Links are stored plus one so that the zero of a fresh array means "end of chain".
            chainNext[indexed * bands + band] = head == LongIntHashMap.ABSENT ? 0 : head + 1;
            bucketHeads.put(bucketKeys[band], indexed);
        }
        indexed++;
    }

    private long[] bucketKeys(final int[] signature) {
        final long[] keys = new long[bands];
        for (int band = 0; band < bands; band++) {
            long hash = band;
            for (int row = band * rows; row < (band + 1) * rows; row++) {
                hash = Hashing.combine(hash, signature[row]);
            }
            keys[band] = hash;
        }
        return keys;
    }

    private void ensureCapacity(final int wanted) {
        if (wanted > counted.length) {
            final int capacity = Math.max(wanted, Math.min(limit, Math.max(256, counted.length * 2)));
            signatures = Arrays.copyOf(signatures, capacity * MinHasher.SIGNATURE_LENGTH);
            chainNext = Arrays.copyOf(chainNext, capacity * bands);
            counted = Arrays.copyOf(counted, capacity);
            recordNumbers = Arrays.copyOf(recordNumbers, capacity);
        }
    }

    /**
     * Rows per band so that the LSH threshold (1/b)^(1/r) sits near 80% of the Jaccard threshold:
     * pairs at the threshold are almost always candidates, and the estimate then removes the false ones.
     */
    static int rowsPerBand(final double threshold) {
        final double target = 0.8 * threshold;
        int best = 1;
        double bestDistance = Double.MAX_VALUE;
        for (int r = 1; r <= MinHasher.SIGNATURE_LENGTH; r++) {
            final int b = MinHasher.SIGNATURE_LENGTH / r;
            final double lshThreshold = Math.pow(1.0 / b, 1.0 / r);
            if (Math.abs(lshThreshold - target) < bestDistance) {
                bestDistance = Math.abs(lshThreshold - target);
                best = r;
            }
        }
        return best;
    }
}
