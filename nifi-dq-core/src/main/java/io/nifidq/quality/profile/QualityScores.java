package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.Scores;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The six quality dimensions as scores in [0, 1] (1 is perfect) and their weighted mean. The
 * formulas and weights are documented in docs/quality-scores.md; a dimension that cannot be
 * measured for a batch is null and the overall score re-weights over the others.
 */
final class QualityScores {

    static final Map<String, Double> WEIGHTS;

    static {
        final Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("completeness", 0.25);
        weights.put("validity", 0.15);
        weights.put("consistency", 0.15);
        weights.put("uniqueness", 0.15);
        weights.put("balance", 0.10);
        weights.put("noise", 0.20);
        WEIGHTS = java.util.Collections.unmodifiableMap(weights);
    }

    /** A field's format counts for consistency only when it has one: at least this share of values share a shape. */
    static final double FORMATTED_FIELD_SHARE = 0.5;

    private QualityScores() {
    }

    static Scores of(final DatasetProfile profile) {
        if (profile.recordCount() == 0) {
            return new Scores(null, null, null, null, null, null, null, WEIGHTS);
        }
        final Double completeness = completeness(profile);
        final Double validity = validity(profile);
        final Double consistency = consistency(profile);
        final Double uniqueness = uniqueness(profile);
        final Double balance = profile.labels() == null ? null : profile.labels().normalizedEntropy();
        final Double noise = noise(profile);
        final Double[] scores = {completeness, validity, consistency, uniqueness, balance, noise};
        final Double[] weights = WEIGHTS.values().toArray(Double[]::new);
        double weighted = 0;
        double weightSum = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] != null) {
                weighted += weights[i] * scores[i];
                weightSum += weights[i];
            }
        }
        return new Scores(round(weightSum == 0 ? null : weighted / weightSum), round(completeness), round(validity),
                round(consistency), round(uniqueness), round(balance), round(noise), WEIGHTS);
    }

    /** 1 - missing cells / all cells. */
    private static Double completeness(final DatasetProfile profile) {
        long cells = 0;
        long missing = 0;
        for (final FieldProfile field : profile.fields()) {
            cells += field.count();
            missing += field.missing();
        }
        return cells == 0 ? null : 1.0 - (double) missing / cells;
    }

    /** 1 - values not of their field's inferred type / present values. */
    private static Double validity(final DatasetProfile profile) {
        long present = 0;
        long invalid = 0;
        for (final FieldProfile field : profile.fields()) {
            present += field.present();
            invalid += field.invalid();
        }
        return present == 0 ? null : 1.0 - (double) invalid / present;
    }

    /**
     * 1 - inconsistent values / checked values. Inconsistent: surrounding whitespace; a spelling that
     * differs from its value's dominant spelling only in case or spaces; a value off the dominant format
     * of a formatted field; a label spelling variant; a record whose text carries another label elsewhere.
     */
    private static Double consistency(final DatasetProfile profile) {
        final String textField = profile.settings().textField();
        final String labelField = profile.settings().labelField();
        long checked = 0;
        long inconsistent = 0;
        for (final FieldProfile field : profile.fields()) {
            checked += field.stringValues();
            inconsistent += field.surroundingWhitespace();
            final boolean isText = field.name().equals(textField);
            final boolean isLabel = field.name().equals(labelField);
            if (!isText && !isLabel) {
                inconsistent += field.caseVariants().nonDominantValues();
                if (field.formatConsistency() >= FORMATTED_FIELD_SHARE) {
                    inconsistent += field.offFormat();
                }
            }
        }
        if (profile.labels() != null) {
            checked += profile.labels().labelled();
            inconsistent += profile.labels().variantRecords() + profile.labels().conflictingRecords();
        }
        return checked == 0 ? null : Math.max(0.0, 1.0 - (double) inconsistent / checked);
    }

    /** 1 - duplicate records / records, a record being a duplicate when it is an exact or a near duplicate. */
    private static Double uniqueness(final DatasetProfile profile) {
        final long duplicates = Math.max(profile.exactDuplicates(), profile.nearDuplicates());
        return 1.0 - (double) duplicates / profile.recordCount();
    }

    /** 1 - noisy texts / non-empty texts; null without a text field. */
    private static Double noise(final DatasetProfile profile) {
        final TextProfile text = profile.text();
        if (text == null || text.nonEmpty() == 0) {
            return null;
        }
        return 1.0 - (double) text.noisy() / text.nonEmpty();
    }

    private static Double round(final Double value) {
        return value == null ? null : Rounding.round(value);
    }
}
