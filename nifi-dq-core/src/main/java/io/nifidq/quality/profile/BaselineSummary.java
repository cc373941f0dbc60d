package io.nifidq.quality.profile;

import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a profile that later batches are compared with for drift: decile bins of numeric
 * fields, shares of the most frequent values of categorical fields, and the label distribution.
 * Small enough for NiFi state; every profile report carries one, so a saved report can be a baseline file. It also
 * keeps the measures of the quality findings, so that a later batch is told what got worse than the baseline.
 */
public record BaselineSummary(long recordCount, List<String> fields, Map<String, NumericBins> numeric,
                              Map<String, CategoricalShares> categorical, Map<String, Double> labels,
                              Map<String, Double> findingMeasures, Map<String, Double> scores) {

    static final int MAX_CATEGORIES = 20;
    /** Fields with more distinct values than this are identifiers or free text, not categories. */
    static final int MAX_CATEGORICAL_DISTINCT = 1_000;

    /** A summary without scores, as written before they were kept. */
    public BaselineSummary(final long recordCount, final List<String> fields, final Map<String, NumericBins> numeric,
                           final Map<String, CategoricalShares> categorical, final Map<String, Double> labels,
                           final Map<String, Double> findingMeasures) {
        this(recordCount, fields, numeric, categorical, labels, findingMeasures, null);
    }

    /** Bin edges (upper bounds, inclusive) and the share of values in each of the edges.size() + 1 bins. */
    public record NumericBins(List<Double> edges, List<Double> shares) {
    }

    /** Shares of the most frequent values among present values, and the share of all other values. */
    public record CategoricalShares(Map<String, Double> shares, double other) {
    }

    /**
     * findingMeasures: {@link QualityFindings#measures} of the profile's report; a baseline written before them has none (null).
     * scores: the report's scores by dimension (those measured), kept so that a later report can show them before and after.
     */
    static BaselineSummary of(final DatasetProfile profile, final Map<String, Double> findingMeasures, final ProfileReport.Scores scores) {
        final List<String> fields = new ArrayList<>();
        final Map<String, NumericBins> numeric = new LinkedHashMap<>();
        final Map<String, CategoricalShares> categorical = new LinkedHashMap<>();
        for (final FieldProfile field : profile.fields()) {
            fields.add(field.name());
            final ValueKind type = field.inferredType();
            if ((type == ValueKind.INTEGER || type == ValueKind.DECIMAL) && !field.numbers().isEmpty()) {
                numeric.put(field.name(), bins(field));
            } else if ((type == ValueKind.STRING || type == ValueKind.BOOLEAN) && !field.name().equals(profile.settings().textField())
                    && field.distinctEstimate() <= MAX_CATEGORICAL_DISTINCT) {
                categorical.put(field.name(), categories(field));
            }
        }
        final Map<String, Double> labels = new LinkedHashMap<>();
        if (profile.labels() != null && profile.labels().labelled() > 0) {
            final double total = profile.labels().labelled();
            profile.labels().classCounts().forEach((label, count) -> labels.put(label, Rounding.round(count / total)));
        }
        return new BaselineSummary(profile.recordCount(), fields, numeric, categorical, labels, findingMeasures, scoreMap(scores));
    }

    /** The scores by name (overall first, then the dimensions), leaving out those not measured. */
    public static Map<String, Double> scoreMap(final ProfileReport.Scores scores) {
        final Map<String, Double> byName = new LinkedHashMap<>();
        putIfMeasured(byName, "overall", scores.overall());
        putIfMeasured(byName, "completeness", scores.completeness());
        putIfMeasured(byName, "validity", scores.validity());
        putIfMeasured(byName, "consistency", scores.consistency());
        putIfMeasured(byName, "uniqueness", scores.uniqueness());
        putIfMeasured(byName, "balance", scores.balance());
        putIfMeasured(byName, "noise", scores.noise());
        return byName;
    }

    private static void putIfMeasured(final Map<String, Double> into, final String name, final Double score) {
        if (score != null) {
            into.put(name, score);
        }
    }

    private static NumericBins bins(final FieldProfile field) {
        final List<Double> edges = new ArrayList<>();
        for (int decile = 1; decile <= 9; decile++) {
            final double edge = field.numbers().getQuantile(decile / 10.0, QuantileSearchCriteria.INCLUSIVE);
            if (edges.isEmpty() || edge > edges.getLast()) {
                edges.add(edge);
            }
        }
        final List<Double> shares = new ArrayList<>();
        for (final double share : shares(field, edges)) {
            shares.add(Rounding.round(share));
        }
        return new NumericBins(edges, shares);
    }

    /** The share of the field's numbers in each bin of the given edges. */
    static double[] shares(final FieldProfile field, final List<Double> edges) {
        return field.numbers().getPMF(edges.stream().mapToDouble(Double::doubleValue).toArray(), QuantileSearchCriteria.INCLUSIVE);
    }

    private static CategoricalShares categories(final FieldProfile field) {
        final double present = field.present();
        final Map<String, Double> shares = new LinkedHashMap<>();
        double covered = 0;
        for (final ProfileReport.ValueCount value : Frequencies.top(field.topValuesSketch(), MAX_CATEGORIES)) {
            final double share = value.count() / present;
            shares.put(value.value(), Rounding.round(share));
            covered += share;
        }
        return new CategoricalShares(shares, Rounding.round(Math.max(0.0, 1.0 - covered)));
    }
}
