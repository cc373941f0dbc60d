package io.nifidq.quality.profile;

import io.nifidq.quality.hash.LongIntHashMap;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Identical texts that carry different labels. Per distinct text: its 64-bit hash, the one label
 * seen so far (or "conflict") and its record count; 16 to 32 bytes in the hash map plus 8 in the
 * entry arrays.
 */
final class LabelConflicts {

    static final int CONFLICT = -1;
    static final int MAX_BYTES_PER_DISTINCT_TEXT = 32 + 8;

    private final LongIntHashMap entryByText = new LongIntHashMap();
    private int[] labels = new int[1024];
    private int[] counts = new int[1024];
    private int entries;
    private long conflictingTexts;
    private long conflictingRecords;
    private long records;

    /** Adds one record's text; returns the label an earlier record of the same text had when this record is the first to differ, else NONE. */
    int add(final long textHash, final int labelCode) {
        return add(textHash, labelCode, 1);
    }

    static final int NONE = -2;

    private int add(final long textHash, final int labelCode, final int records) {
        this.records += records;
        final int entry = entryByText.get(textHash);
        if (entry == LongIntHashMap.ABSENT) {
            if (entries == labels.length) {
                labels = Arrays.copyOf(labels, entries * 2);
                counts = Arrays.copyOf(counts, entries * 2);
            }
            labels[entries] = labelCode;
            counts[entries] = records;
            entryByText.put(textHash, entries++);
            if (labelCode == CONFLICT) {
                conflictingTexts++;
                conflictingRecords += records;
            }
            return NONE;
        }
        final boolean wasConflict = labels[entry] == CONFLICT;
        counts[entry] += records;
        if (wasConflict) {
            conflictingRecords += records;
        } else if (labels[entry] != labelCode) {
            final int earlier = labels[entry];
            labels[entry] = CONFLICT;
            conflictingTexts++;
            conflictingRecords += counts[entry];
            return earlier;
        }
        return NONE;
    }

    /** Adds the other table's texts; its label codes are translated into this table's by the mapping. */
    void merge(final LabelConflicts other, final IntUnaryOperator labelCodeMapping) {
        other.entryByText.forEach((textHash, entry) -> {
            final int code = other.labels[entry];
            add(textHash, code == CONFLICT ? CONFLICT : labelCodeMapping.applyAsInt(code), other.counts[entry]);
        });
    }

    /** Writes the counters and, per distinct text, its hash, its label (or CONFLICT) and its record count. */
    void writeTo(final ProfileOutput out) throws IOException {
        out.writeLong(conflictingTexts);
        out.writeLong(conflictingRecords);
        out.writeLong(records);
        out.writeInt(entries);
        final IOException[] failure = {null};
        entryByText.forEach((textHash, entry) -> {
            try {
                if (failure[0] == null) {
                    out.writeLong(textHash);
                    out.writeInt(labels[entry]);
                    out.writeInt(counts[entry]);
                }
            } catch (final IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** Reads what {@link #writeTo} wrote into this new, empty table; label codes must be below classCount. */
    void readFrom(final ProfileInput in, final int classCount) throws IOException {
        conflictingTexts = in.readNonNegative("the conflicting texts");
        conflictingRecords = in.readNonNegative("the conflicting records");
        records = in.readNonNegative("the labelled texts");
        final int count = in.readCount("distinct labelled texts", Integer.MAX_VALUE, 16);
        labels = new int[Math.max(1024, count)];
        counts = new int[labels.length];
        for (int i = 0; i < count; i++) {
            final long textHash = in.readLong();
            final int label = in.readInt();
            final int textRecords = in.readInt();
            if (label < CONFLICT || label >= classCount || textRecords <= 0 || entryByText.get(textHash) != LongIntHashMap.ABSENT) {
                throw in.corrupt("a labelled text has the class " + label + " of " + classCount + ", " + textRecords
                        + " records, or comes twice");
            }
            labels[entries] = label;
            counts[entries] = textRecords;
            entryByText.put(textHash, entries++);
        }
    }

    /** Heap held by the table: the hash map's arrays and the per-entry label and count arrays. */
    long bytes() {
        return entryByText.tableBytes() + 8L * labels.length;
    }

    long conflictingTexts() {
        return conflictingTexts;
    }

    long conflictingRecords() {
        return conflictingRecords;
    }

    /** Records whose text an earlier record had, whatever the labels. */
    long repeatedTexts() {
        return records - entries;
    }
}
