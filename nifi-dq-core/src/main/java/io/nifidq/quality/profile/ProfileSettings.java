package io.nifidq.quality.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How a batch is profiled.
 *
 * @param nullTokens            values that stand for "missing" (compared trimmed and case-insensitively)
 * @param textField             the free-text field to analyse for noise, or null
 * @param labelField            the class-label field, or null
 * @param duplicateKeyFields    fields that identify a record for exact duplicates; empty means the whole record
 * @param nearDuplicateThreshold Jaccard similarity from which two texts are near duplicates
 * @param nearDuplicateIndexLimit how many texts the near-duplicate index holds at most; 0 turns the check off
 * @param shortTextLength       texts with fewer characters than this (trimmed) are very short
 * @param longTextLength        texts with more characters than this are very long
 * @param topValueCount         how many most frequent values to report per field
 * @param labelNoiseScorer      the model whose out-of-fold probabilities the label-noise check reads (with a text and a label
 *                              field); null means {@link WordNaiveBayesScorer}. Profiles merge only when they share it.
 */
public record ProfileSettings(Set<String> nullTokens, String textField, String labelField, List<String> duplicateKeyFields,
                              double nearDuplicateThreshold, int nearDuplicateIndexLimit, int shortTextLength,
                              int longTextLength, int topValueCount, OutOfFoldScorer labelNoiseScorer) {

    public static final int MAX_NULL_TOKEN_LENGTH = 32;
    public static final Set<String> DEFAULT_NULL_TOKENS = Set.of("n/a", "na", "null", "none", "nan", "-", "?");

    public ProfileSettings {
        nullTokens = nullTokens.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (nullTokens.stream().anyMatch(t -> t.length() > MAX_NULL_TOKEN_LENGTH)) {
            throw new IllegalArgumentException("Null tokens are at most " + MAX_NULL_TOKEN_LENGTH + " characters long");
        }
        duplicateKeyFields = List.copyOf(duplicateKeyFields);
        labelNoiseScorer = labelNoiseScorer == null ? WordNaiveBayesScorer.INSTANCE : labelNoiseScorer;
        if (nearDuplicateThreshold <= 0 || nearDuplicateThreshold > 1) {
            throw new IllegalArgumentException("Near-duplicate threshold must be in (0, 1]: " + nearDuplicateThreshold);
        }
        if (shortTextLength < 0 || longTextLength < shortTextLength) {
            throw new IllegalArgumentException("Text length bounds must satisfy 0 <= short <= long");
        }
    }

    /** Settings whose label-noise check uses the default {@link WordNaiveBayesScorer}. */
    public ProfileSettings(final Set<String> nullTokens, final String textField, final String labelField,
                           final List<String> duplicateKeyFields, final double nearDuplicateThreshold, final int nearDuplicateIndexLimit,
                           final int shortTextLength, final int longTextLength, final int topValueCount) {
        this(nullTokens, textField, labelField, duplicateKeyFields, nearDuplicateThreshold, nearDuplicateIndexLimit, shortTextLength,
                longTextLength, topValueCount, WordNaiveBayesScorer.INSTANCE);
    }

    /** Defaults for everything, with the given text and label fields (either may be null). */
    public static ProfileSettings defaults(final String textField, final String labelField) {
        return new ProfileSettings(DEFAULT_NULL_TOKENS, textField, labelField, List.of(), 0.9, 50_000, 3, 5_000, 10,
                WordNaiveBayesScorer.INSTANCE);
    }

    public ProfileSettings withDuplicateKeyFields(final List<String> fields) {
        return new ProfileSettings(nullTokens, textField, labelField, fields, nearDuplicateThreshold, nearDuplicateIndexLimit,
                shortTextLength, longTextLength, topValueCount, labelNoiseScorer);
    }

    public ProfileSettings withNearDuplicates(final double threshold, final int indexLimit) {
        return new ProfileSettings(nullTokens, textField, labelField, duplicateKeyFields, threshold, indexLimit,
                shortTextLength, longTextLength, topValueCount, labelNoiseScorer);
    }

    /** The same settings with the label-noise check scored by this model. */
    public ProfileSettings withLabelNoiseScorer(final OutOfFoldScorer scorer) {
        return new ProfileSettings(nullTokens, textField, labelField, duplicateKeyFields, nearDuplicateThreshold, nearDuplicateIndexLimit,
                shortTextLength, longTextLength, topValueCount, scorer);
    }

    /** What differs between these settings and the other's, one "name: this vs other" per setting; empty when they match. */
    public List<String> differencesFrom(final ProfileSettings other) {
        final List<String> differences = new ArrayList<>();
        differ(differences, "Null Tokens", new TreeSet<>(nullTokens), new TreeSet<>(other.nullTokens));
        differ(differences, "Text Field", textField, other.textField);
        differ(differences, "Label Field", labelField, other.labelField);
        differ(differences, "Duplicate Key Fields", duplicateKeyFields, other.duplicateKeyFields);
        differ(differences, "Near-Duplicate Threshold", nearDuplicateThreshold, other.nearDuplicateThreshold);
        differ(differences, "Near-Duplicate Index Limit", nearDuplicateIndexLimit, other.nearDuplicateIndexLimit);
        differ(differences, "Short Text Length", shortTextLength, other.shortTextLength);
        differ(differences, "Long Text Length", longTextLength, other.longTextLength);
        differ(differences, "Top Values", topValueCount, other.topValueCount);
        if (!labelNoiseScorer.equals(other.labelNoiseScorer)) {
            differences.add("Label Noise Model: " + labelNoiseScorer.model() + " vs " + other.labelNoiseScorer.model()
                    + (labelNoiseScorer.model().equals(other.labelNoiseScorer.model()) ? " (another instance)" : ""));
        }
        return differences;
    }

    private static void differ(final List<String> differences, final String name, final Object mine, final Object theirs) {
        if (!Objects.equals(mine, theirs)) {
            differences.add(name + ": " + mine + " vs " + theirs);
        }
    }

    boolean isNullToken(final String stripped) {
        return stripped.length() <= MAX_NULL_TOKEN_LENGTH && nullTokens.contains(stripped.toLowerCase(Locale.ROOT));
    }

    boolean isTextField(final String field) {
        return Objects.equals(field, textField);
    }
}
