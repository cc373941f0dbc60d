package io.nifidq.quality.clean;

import io.nifidq.quality.clean.CleaningRules.ConflictResolution;
import io.nifidq.quality.clean.CleaningRules.MissingValueStrategy;
import io.nifidq.quality.clean.CleaningRules.OutlierMethod;
import io.nifidq.quality.clean.CleaningRules.Standardization;
import io.nifidq.quality.profile.Moments;
import io.nifidq.quality.profile.NumericValues;
import io.nifidq.quality.profile.ValueKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Cleans one record at a time by the rules, in a fixed order: null tokens, text normalisation, labels,
 * type coercion, text length, missing values, outliers, standardisation, label conflicts, duplicates.
 * A record that breaks a rule is rejected with the reason "step: rule" and its cleaning stops there.
 * Steps that need statistics of the whole batch (imputation, outliers, standardisation, conflicts)
 * use what {@link #learn} gathered in a first pass over the same records.
 */
public final class RecordCleaner {

    /** A cleaned record, or a rejected one with its reason. */
    public record Outcome(Map<String, Object> values, String rejection) {
        public boolean rejected() {
            return rejection != null;
        }
    }

    private final CleaningRules rules;
    private final CleaningCounts counts;
    private final TextNormalizer normalizer;
    private final TextNormalizer learningNormalizer;
    private final BatchStatistics statistics = new BatchStatistics();
    private final Map<String, Map<String, Double>> standardization = new LinkedHashMap<>();
    private final DuplicateFilter duplicates;
    private final int longestNullToken;
    private final Predicate<String> statisticsFields;
    private final Predicate<String> learnedFields;
    private boolean learned;

    public RecordCleaner(final CleaningRules rules, final CleaningCounts counts) {
        this.rules = rules;
        this.longestNullToken = rules.nullTokens().stream().mapToInt(String::length).max().orElse(0);
        this.statisticsFields = rules.statisticsFields();
        final Set<String> alsoLearned = new HashSet<>(rules.coercion().types().keySet());
        alsoLearned.add(rules.textField());
        alsoLearned.add(rules.labelField());
        this.learnedFields = statisticsFields.or(alsoLearned::contains);
        this.counts = counts;
        this.normalizer = new TextNormalizer(rules.normalization(), counts);
        this.learningNormalizer = new TextNormalizer(rules.normalization(), new CleaningCounts());
        this.duplicates = new DuplicateFilter(rules.duplicates(), rules.textField(), counts);
    }

    /** First pass: gathers the batch statistics from the records as the per-record steps leave them. */
    public void learn(final Map<String, Object> original) {
        final Map<String, Object> values = new LinkedHashMap<>(original);
        // Only the fields that the statistics, the label votes or a rejection depend on need repairing here.
        if (prepare(values, learningNormalizer, new CleaningCounts(), learnedFields) != null) {
            return;
        }
        statistics.add(values, statisticsFields);
        final String text = stringOrNull(values.get(rules.textField()));
        final String label = stringOrNull(values.get(rules.labelField()));
        if (text != null && label != null) {
            statistics.addLabelledText(text, label);
        }
    }

    /**
     * Uses these standardisation parameters instead of fitting them (field -> mean and sd, or min and max),
     * so that a later batch is transformed exactly as the first.
     */
    public void useStandardization(final Map<String, Map<String, Double>> parameters) {
        standardization.putAll(parameters);
    }

    /** The standardisation parameters in use, fitted or given: field -> {mean, sd} or {min, max}. */
    public Map<String, Map<String, Double>> standardization() {
        finishLearning();
        return standardization;
    }

    /** Second pass: the cleaned record, or its rejection. The input map is not changed. */
    public Outcome clean(final Map<String, Object> original) {
        finishLearning();
        final Map<String, Object> values = new LinkedHashMap<>(original);
        String rejection = prepare(values, normalizer, counts, field -> true);
        if (rejection == null) {
            rejection = fillMissing(values);
        }
        if (rejection == null) {
            rejection = handleOutliers(values);
        }
        if (rejection == null) {
            standardize(values);
            rejection = resolveConflicts(values);
        }
        if (rejection == null) {
            rejection = duplicates.check(values);
        }
        return new Outcome(rejection == null ? values : original, rejection);
    }

    /**
     * Also rejects exact duplicates of records kept from earlier batches, as the shared keys know them.
     * Call {@link #publishKeptKeys()} once the batch is written.
     */
    public void useSharedKeys(final SharedRecordKeys keys) {
        duplicates.useSharedKeys(keys);
    }

    /** Adds the keys of this batch's kept records to the shared keys (nothing without them). */
    public void publishKeptKeys() throws IOException {
        duplicates.publishKeptKeys();
    }

    private boolean isNullToken(final String text) {
        // Most values are longer than any null token once stripped: skip the lower-case copy for them.
        if (text.length() > longestNullToken && text.strip().length() > longestNullToken) {
            return false;
        }
        return !text.isBlank() && rules.nullTokens().contains(text.strip().toLowerCase(Locale.ROOT));
    }

    private String prepare(final Map<String, Object> values, final TextNormalizer textNormalizer, final CleaningCounts stepCounts,
                           final Predicate<String> fields) {
        for (final Map.Entry<String, Object> entry : values.entrySet()) {
            if (entry.getValue() instanceof String text && fields.test(entry.getKey())) {
                if (isNullToken(text)) {
                    entry.setValue(null);
                    stepCounts.increment(CleaningCounts.NULL_TOKENS_REPLACED);
                } else if (!rules.normalization().isNone()
                        && (rules.normalizedFields().isEmpty() || rules.normalizedFields().contains(entry.getKey()))) {
                    entry.setValue(textNormalizer.normalize(text));
                }
            }
        }
        String rejection = canonicalizeLabel(values, stepCounts);
        if (rejection == null) {
            rejection = coerce(values, stepCounts);
        }
        if (rejection == null) {
            rejection = checkTextLength(values, stepCounts);
        }
        return rejection;
    }

    private String canonicalizeLabel(final Map<String, Object> values, final CleaningCounts stepCounts) {
        final CleaningRules.LabelRule rule = rules.labels();
        if (rules.labelField() == null) {
            return null;
        }
        final String label = stringOrNull(values.get(rules.labelField()));
        if (label == null) {
            if (!rule.allowed().isEmpty()) {
                stepCounts.increment(CleaningCounts.LABELS_UNKNOWN);
                return "labels: the label is missing";
            }
            return null;
        }
        final String canonical = rule.canonical(label);
        if (canonical == null) {
            stepCounts.increment(CleaningCounts.LABELS_UNKNOWN);
            return "labels: unknown label '" + label.strip() + "'";
        }
        if (!canonical.equals(label)) {
            values.put(rules.labelField(), canonical);
            stepCounts.increment(CleaningCounts.LABELS_CANONICALIZED);
        }
        return null;
    }

    private String coerce(final Map<String, Object> values, final CleaningCounts stepCounts) {
        for (final Map.Entry<String, ValueKind> declared : rules.coercion().types().entrySet()) {
            final Object value = values.get(declared.getKey());
            if (value == null || (value instanceof String text && text.isBlank())) {
                continue;
            }
            final Object coerced = ValueCoercer.coerce(value, declared.getValue());
            if (coerced == null) {
                stepCounts.increment(CleaningCounts.VALUES_UNCOERCIBLE);
                if (rules.coercion().rejectUncoercible()) {
                    return "coercion: field '" + declared.getKey() + "' value '" + value + "' is not " + declared.getValue();
                }
                values.put(declared.getKey(), null);
            } else if (!coerced.equals(value)) {
                values.put(declared.getKey(), coerced);
                stepCounts.increment(CleaningCounts.VALUES_COERCED);
            }
        }
        return null;
    }

    private String checkTextLength(final Map<String, Object> values, final CleaningCounts stepCounts) {
        if (rules.textField() == null) {
            return null;
        }
        final String text = stringOrNull(values.get(rules.textField()));
        final int length = text == null ? 0 : text.strip().codePointCount(0, text.strip().length());
        final CleaningRules.TextLengthRule rule = rules.textLength();
        if (length < rule.min()) {
            stepCounts.increment(CleaningCounts.TEXTS_TOO_SHORT);
            return length == 0 ? "text: the text is empty" : "text: shorter than " + rule.min() + " characters";
        }
        if (length > rule.max()) {
            if (!rule.truncateLong()) {
                stepCounts.increment(CleaningCounts.TEXTS_TOO_LONG);
                return "text: longer than " + rule.max() + " characters";
            }
            final String stripped = text.strip();
            values.put(rules.textField(), stripped.substring(0, stripped.offsetByCodePoints(0, rule.max())));
            stepCounts.increment(CleaningCounts.TEXTS_TRUNCATED);
        }
        return null;
    }

    private String fillMissing(final Map<String, Object> values) {
        final CleaningRules.MissingValueRule rule = rules.missing();
        if (rule.strategy() == MissingValueStrategy.KEEP) {
            return null;
        }
        for (final String field : missingValueFields(values)) {
            final Object value = values.get(field);
            if (value != null && !(value instanceof String text && text.isBlank())) {
                continue;
            }
            if (rule.strategy() == MissingValueStrategy.DROP_RECORD) {
                counts.increment(CleaningCounts.MISSING_DROPPED);
                return "missing: field '" + field + "' is missing";
            }
            final Object fill = switch (rule.strategy()) {
                case FILL_CONSTANT -> rule.fillValue();
                case MEAN -> statistics.isNumeric(field) ? (Object) statistics.moments(field).mean() : null;
                case MEDIAN -> statistics.isNumeric(field) ? statistics.median(field) : null;
                case MODE -> statistics.mode(field);
                default -> null;
            };
            if (fill != null) {
                values.put(field, fill);
                counts.increment(CleaningCounts.MISSING_FILLED);
            }
        }
        return null;
    }

    private List<String> missingValueFields(final Map<String, Object> values) {
        if (!rules.missing().fields().isEmpty()) {
            return rules.missing().fields();
        }
        final List<String> fields = new ArrayList<>();
        for (final String field : values.keySet()) {
            if (!field.equals(rules.textField()) && !field.equals(rules.labelField())) {
                fields.add(field);
            }
        }
        return fields;
    }

    private String handleOutliers(final Map<String, Object> values) {
        final CleaningRules.OutlierRule rule = rules.outliers();
        if (rule.method() == OutlierMethod.OFF) {
            return null;
        }
        for (final String field : numericFields(rule.fields())) {
            final Double number = NumericValues.asDouble(values.get(field));
            final double[] fences = fences(field);
            if (number == null || fences == null || (number >= fences[0] && number <= fences[1])) {
                continue;
            }
            if (rule.reject()) {
                counts.increment(CleaningCounts.OUTLIERS_REJECTED);
                return "outliers: field '" + field + "' value " + values.get(field) + " is outside " + decimal(fences[0]) + " to "
                        + decimal(fences[1]) + (rule.method() == OutlierMethod.IQR ? " (IQR x " : " (z-score ") + decimal(rule.threshold()) + ")";
            }
            values.put(field, Math.max(fences[0], Math.min(fences[1], number)));
            counts.increment(CleaningCounts.OUTLIERS_CLIPPED);
        }
        return null;
    }

    private double[] fences(final String field) {
        final double threshold = rules.outliers().threshold();
        if (rules.outliers().method() == OutlierMethod.IQR) {
            final double[] quartiles = statistics.quartiles(field);
            if (quartiles == null) {
                return null;
            }
            final double iqr = quartiles[1] - quartiles[0];
            return new double[] {quartiles[0] - threshold * iqr, quartiles[1] + threshold * iqr};
        }
        final Moments moments = statistics.moments(field);
        if (moments.count() == 0) {
            return null;
        }
        final double sd = moments.standardDeviation();
        return new double[] {moments.mean() - threshold * sd, moments.mean() + threshold * sd};
    }

    private void standardize(final Map<String, Object> values) {
        if (rules.standardization().method() == Standardization.OFF) {
            return;
        }
        for (final Map.Entry<String, Map<String, Double>> entry : standardization.entrySet()) {
            final Double number = NumericValues.asDouble(values.get(entry.getKey()));
            if (number == null) {
                continue;
            }
            final Map<String, Double> p = entry.getValue();
            final double scaled = rules.standardization().method() == Standardization.Z_SCORE
                    ? (p.get("sd") == 0 ? 0.0 : (number - p.get("mean")) / p.get("sd"))
                    : (p.get("max").equals(p.get("min")) ? 0.0 : (number - p.get("min")) / (p.get("max") - p.get("min")));
            values.put(entry.getKey(), scaled);
            counts.increment(CleaningCounts.VALUES_STANDARDIZED);
        }
    }

    private String resolveConflicts(final Map<String, Object> values) {
        final ConflictResolution resolution = rules.labels().conflicts();
        if (resolution == ConflictResolution.KEEP || rules.textField() == null || rules.labelField() == null) {
            return null;
        }
        final String text = stringOrNull(values.get(rules.textField()));
        final String label = stringOrNull(values.get(rules.labelField()));
        if (text == null || label == null) {
            return null;
        }
        final LabelVotes.Verdict verdict = statistics.labelVotes().verdict(text);
        if (!verdict.conflict()) {
            return null;
        }
        if (resolution == ConflictResolution.REJECT || verdict.majority() == null) {
            counts.increment(CleaningCounts.CONFLICTS_REJECTED);
            return resolution == ConflictResolution.REJECT ? "labels: identical texts carry different labels"
                    : "labels: identical texts carry different labels and none has a majority";
        }
        if (!verdict.majority().equals(label)) {
            values.put(rules.labelField(), verdict.majority());
            counts.increment(CleaningCounts.CONFLICTS_RELABELLED);
        }
        return null;
    }


    private void finishLearning() {
        if (learned) {
            return;
        }
        learned = true;
        if (rules.standardization().method() == Standardization.OFF) {
            return;
        }
        for (final String field : numericFields(rules.standardization().fields())) {
            if (standardization.containsKey(field)) {
                continue;
            }
            final Moments moments = statistics.moments(field);
            if (moments.count() == 0) {
                continue;
            }
            standardization.put(field, rules.standardization().method() == Standardization.Z_SCORE
                    ? Map.of("mean", moments.mean(), "sd", moments.standardDeviation())
                    : Map.of("min", moments.min(), "max", moments.max()));
        }
    }

    private List<String> numericFields(final List<String> chosen) {
        if (!chosen.isEmpty()) {
            return chosen;
        }
        final List<String> numeric = new ArrayList<>();
        for (final String field : statistics.fieldNames()) {
            if (statistics.isNumeric(field) && !field.equals(rules.labelField())) {
                numeric.add(field);
            }
        }
        numeric.sort(String::compareTo);
        return numeric;
    }

    /** A number with at most six decimals and no trailing zeros, for reasons people read. */
    private static String decimal(final double value) {
        return java.math.BigDecimal.valueOf(Math.round(value * 1e6) / 1e6).stripTrailingZeros().toPlainString();
    }

    private static String stringOrNull(final Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
