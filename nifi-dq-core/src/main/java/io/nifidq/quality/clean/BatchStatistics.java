package io.nifidq.quality.clean;

import java.util.function.Predicate;

import io.nifidq.quality.profile.Moments;
import io.nifidq.quality.profile.NumericValues;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * What the first pass learns about a batch, in memory that does not grow with the record count
 * (label votes aside): per field, moments and a KLL sketch of its numbers and the most frequent value.
 */
public final class BatchStatistics {

    /** A field is numeric when at least this share of its present values are numbers (as the profiler infers types). */
    static final double NUMERIC_SHARE = 0.8;

    private final Map<String, FieldStatistics> fields = new HashMap<>();
    private final LabelVotes labelVotes = new LabelVotes();

    private static final class FieldStatistics {
        private long present;
        private final Moments moments = new Moments();
        private final KllDoublesSketch quantiles = KllDoublesSketch.newHeapInstance(200);
        private final ItemsSketch<String> frequent = new ItemsSketch<>(256);
    }

    /** Adds the values of the fields that a step needs statistics of. */
    void add(final Map<String, Object> values, final Predicate<String> fieldsOfInterest) {
        values.forEach((field, value) -> {
            if (value == null || !fieldsOfInterest.test(field)) {
                return;
            }
            final FieldStatistics statistics = fields.computeIfAbsent(field, f -> new FieldStatistics());
            statistics.present++;
            final Double number = NumericValues.asDouble(value);
            if (number != null) {
                statistics.moments.add(number);
                statistics.quantiles.update(number);
            }
            statistics.frequent.update(value.toString());
        });
    }

    void addLabelledText(final String text, final String label) {
        labelVotes.add(text, label);
    }

    LabelVotes labelVotes() {
        return labelVotes;
    }

    boolean isNumeric(final String field) {
        final FieldStatistics statistics = fields.get(field);
        return statistics != null && statistics.moments.count() > 0 && statistics.moments.count() >= NUMERIC_SHARE * statistics.present;
    }

    Moments moments(final String field) {
        final FieldStatistics statistics = fields.get(field);
        return statistics == null ? new Moments() : statistics.moments;
    }

    Double median(final String field) {
        final FieldStatistics statistics = fields.get(field);
        return statistics == null || statistics.quantiles.isEmpty() ? null
                : statistics.quantiles.getQuantile(0.5, QuantileSearchCriteria.INCLUSIVE);
    }

    /** The first and third quartiles, or null without numbers. */
    double[] quartiles(final String field) {
        final FieldStatistics statistics = fields.get(field);
        if (statistics == null || statistics.quantiles.isEmpty()) {
            return null;
        }
        return new double[] {statistics.quantiles.getQuantile(0.25, QuantileSearchCriteria.INCLUSIVE),
                statistics.quantiles.getQuantile(0.75, QuantileSearchCriteria.INCLUSIVE)};
    }

    /** The most frequent value as text (ties: the smallest), or null when the field had none. */
    String mode(final String field) {
        final FieldStatistics statistics = fields.get(field);
        if (statistics == null) {
            return null;
        }
        return Arrays.stream(statistics.frequent.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES))
                .min(Comparator.comparingLong((ItemsSketch.Row<String> row) -> -row.getEstimate()).thenComparing(ItemsSketch.Row::getItem))
                .map(ItemsSketch.Row::getItem).orElse(null);
    }

    Iterable<String> fieldNames() {
        return fields.keySet();
    }
}
