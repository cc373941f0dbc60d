package io.nifidq.quality.clean;

import io.nifidq.quality.profile.ValueKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Everything CleanRecords does to a batch, one rule per step; each step's default leaves the data alone. */
public record CleaningRules(Set<String> nullTokens, TextNormalization normalization, List<String> normalizedFields, String textField,
                            String labelField, LabelRule labels, CoercionRule coercion, TextLengthRule textLength,
                            MissingValueRule missing, OutlierRule outliers, StandardizationRule standardization,
                            DuplicateRule duplicates) {

    public enum MissingValueStrategy { KEEP, DROP_RECORD, FILL_CONSTANT, MEAN, MEDIAN, MODE }

    public enum OutlierMethod { OFF, IQR, Z_SCORE }

    public enum Standardization { OFF, Z_SCORE, MIN_MAX }

    public enum ConflictResolution { KEEP, MAJORITY, REJECT }

    /**
     * Labels: compared by their {@link #key} (trimmed; lower-cased when caseInsensitive), mapped by key, then checked
     * against allowed (key -> the spelling to write; empty: any label, written as its key).
     */
    public record LabelRule(boolean caseInsensitive, Map<String, String> mapping, Map<String, String> allowed, ConflictResolution conflicts) {
        public static final LabelRule NONE = new LabelRule(false, Map.of(), Map.of(), ConflictResolution.KEEP);

        /**
         * The rule for labels as a user writes them: mapping from -> to (a later pair wins over an earlier one with the
         * same key) and the allowed labels in the spelling to write (the first of two with the same key wins).
         */
        public static LabelRule of(final boolean caseInsensitive, final List<Map.Entry<String, String>> mapping,
                                   final List<String> allowed, final ConflictResolution conflicts) {
            final Map<String, String> mappingByKey = new LinkedHashMap<>();
            mapping.forEach(pair -> mappingByKey.put(key(pair.getKey(), caseInsensitive), pair.getValue()));
            final Map<String, String> allowedByKey = new LinkedHashMap<>();
            allowed.forEach(label -> allowedByKey.putIfAbsent(key(label, caseInsensitive), label.strip()));
            return new LabelRule(caseInsensitive, mappingByKey, allowedByKey, conflicts);
        }

        public String key(final String label) {
            return key(label, caseInsensitive);
        }

        private static String key(final String label, final boolean caseInsensitive) {
            return caseInsensitive ? label.strip().toLowerCase(Locale.ROOT) : label.strip();
        }

        /** The label to write, or null when an allowed set is given and the label is not in it. */
        public String canonical(final String label) {
            final String mapped = mapping.get(key(label));
            final String canonical = key(mapped == null ? label : mapped);
            return allowed.isEmpty() ? canonical : allowed.get(canonical);
        }
    }

    /** Declared types per field; a value that cannot be converted becomes null, or rejects its record. */
    public record CoercionRule(Map<String, ValueKind> types, boolean rejectUncoercible) {
        public static final CoercionRule NONE = new CoercionRule(Map.of(), false);
    }

    /** Texts shorter than min (an empty text is, when min >= 1) are rejected; longer than max rejected or truncated. */
    public record TextLengthRule(int min, int max, boolean truncateLong) {
        public static final TextLengthRule NONE = new TextLengthRule(0, Integer.MAX_VALUE, false);
    }

    /** What happens to missing values of the given fields (empty: every field but the text and label fields). */
    public record MissingValueRule(MissingValueStrategy strategy, String fillValue, List<String> fields) {
        public static final MissingValueRule NONE = new MissingValueRule(MissingValueStrategy.KEEP, null, List.of());
    }

    /** Outliers of numeric fields (empty: every numeric field): beyond threshold IQRs from the quartiles, or threshold standard deviations from the mean. */
    public record OutlierRule(OutlierMethod method, double threshold, boolean reject, List<String> fields) {
        public static final OutlierRule NONE = new OutlierRule(OutlierMethod.OFF, 1.5, false, List.of());
    }

    public record StandardizationRule(Standardization method, List<String> fields) {
        public static final StandardizationRule NONE = new StandardizationRule(Standardization.OFF, List.of());
    }

    /** Exact duplicates by key fields (empty: whole record) and near-duplicate texts; the first of each is kept. */
    public record DuplicateRule(boolean exact, List<String> keyFields, boolean near, double nearThreshold, int nearIndexLimit) {
        public static final DuplicateRule NONE = new DuplicateRule(false, List.of(), false, 0.9, 0);
    }

    /**
     * The fields whose batch statistics a step uses (imputation by mean, median or mode, outliers,
     * standardisation): the fields those steps name, or every field but the text and label fields when
     * one of them names none.
     */
    public java.util.function.Predicate<String> statisticsFields() {
        final Set<String> named = new java.util.HashSet<>();
        boolean every = false;
        if (missing.strategy() == MissingValueStrategy.MEAN || missing.strategy() == MissingValueStrategy.MEDIAN
                || missing.strategy() == MissingValueStrategy.MODE) {
            every = missing.fields().isEmpty();
            named.addAll(missing.fields());
        }
        if (outliers.method() != OutlierMethod.OFF) {
            every |= outliers.fields().isEmpty();
            named.addAll(outliers.fields());
        }
        if (standardization.method() != Standardization.OFF) {
            every |= standardization.fields().isEmpty();
            named.addAll(standardization.fields());
        }
        if (every) {
            return field -> !field.equals(textField) && !field.equals(labelField);
        }
        return Set.copyOf(named)::contains;
    }

    /** True when a first pass over the batch is needed for statistics (imputation, outliers, standardization, conflicts). */
    public boolean needsStatistics() {
        return missing.strategy() == MissingValueStrategy.MEAN || missing.strategy() == MissingValueStrategy.MEDIAN
                || missing.strategy() == MissingValueStrategy.MODE || outliers.method() != OutlierMethod.OFF
                || standardization.method() != Standardization.OFF
                || (labels.conflicts() != ConflictResolution.KEEP && textField != null && labelField != null);
    }
}
