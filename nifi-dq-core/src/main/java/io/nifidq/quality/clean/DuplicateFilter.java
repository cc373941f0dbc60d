package io.nifidq.quality.clean;

import io.nifidq.quality.hash.Hashing;
import io.nifidq.quality.hash.LongHashSet;
import io.nifidq.quality.hash.MinHasher;
import io.nifidq.quality.profile.NearDuplicateIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;

/**
 * The duplicates step: a record is rejected when its key fields equal an earlier record's in this
 * batch, or (with shared keys) a record kept from an earlier batch, or when its text is a near
 * duplicate of an earlier text; the first of each is kept.
 */
final class DuplicateFilter {

    private final CleaningRules.DuplicateRule rule;
    private final String textField;
    private final CleaningCounts counts;
    private final LongHashSet seenKeys = new LongHashSet();
    private final NearDuplicateIndex nearDuplicates;
    private SharedRecordKeys sharedKeys;
    private long[] keptKeys = new long[0];
    private int keptKeyCount;

    DuplicateFilter(final CleaningRules.DuplicateRule rule, final String textField, final CleaningCounts counts) {
        this.rule = rule;
        this.textField = textField;
        this.counts = counts;
        this.nearDuplicates = rule.near() && textField != null
                ? new NearDuplicateIndex(new MinHasher(), rule.nearThreshold(), rule.nearIndexLimit()) : null;
    }

    void useSharedKeys(final SharedRecordKeys keys) {
        this.sharedKeys = keys;
    }

    void publishKeptKeys() throws IOException {
        if (sharedKeys != null && keptKeyCount > 0) {
            sharedKeys.addAll(Arrays.copyOf(keptKeys, keptKeyCount));
            keptKeyCount = 0;
        }
    }

    /** The reason to reject the record as a duplicate, or null to keep it. */
    String check(final Map<String, Object> values) {
        if (rule.exact()) {
            final long key = recordKey(values);
            final String by = rule.keyFields().isEmpty() ? "" : " by " + rule.keyFields();
            if (!seenKeys.add(key)) {
                counts.increment(CleaningCounts.DUPLICATES_EXACT);
                return "duplicates: exact duplicate of an earlier record" + by;
            }
            if (sharedKeys != null) {
                if (sharedKeyKnown(key)) {
                    counts.increment(CleaningCounts.DUPLICATES_EARLIER);
                    return "duplicates: exact duplicate of a record kept from an earlier FlowFile" + by;
                }
                keepKey(key);
            }
        }
        if (nearDuplicates != null && values.get(textField) instanceof CharSequence text && nearDuplicates.add(text)) {
            counts.increment(CleaningCounts.DUPLICATES_NEAR);
            return "duplicates: near duplicate of an earlier text (Jaccard >= " + rule.nearThreshold() + ")";
        }
        return null;
    }

    private long recordKey(final Map<String, Object> values) {
        long key = 17;
        for (final String field : rule.keyFields().isEmpty() ? values.keySet() : rule.keyFields()) {
            final Object value = values.get(field);
            key = Hashing.combine(key, value == null ? Hashing.NULL_HASH : Hashing.hash64(value.toString()));
        }
        return key;
    }

    private boolean sharedKeyKnown(final long key) {
        try {
            return sharedKeys.contains(key);
        } catch (final IOException e) {
            throw new UncheckedIOException("The shared duplicate keys cannot be read: " + e.getMessage(), e);
        }
    }

    private void keepKey(final long key) {
        if (keptKeyCount == keptKeys.length) {
            keptKeys = Arrays.copyOf(keptKeys, Math.max(1024, keptKeys.length * 2));
        }
        keptKeys[keptKeyCount++] = key;
    }
}
