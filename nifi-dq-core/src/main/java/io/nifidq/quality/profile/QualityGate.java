package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.DriftReport;
import io.nifidq.quality.profile.ProfileReport.FieldReport;
import io.nifidq.quality.profile.ProfileReport.GateReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rules a batch must pass; a null bound is not checked. Each broken rule becomes one readable
 * violation, naming the dimension, the measured value and the bound.
 */
public record QualityGate(Double minOverallScore, Double maxMissingRatio, Double maxDuplicateRatio, Double maxImbalanceRatio,
                          Double maxDrift) {

    public static final QualityGate NONE = new QualityGate(null, null, null, null, null);

    public boolean isEmpty() {
        return minOverallScore == null && maxMissingRatio == null && maxDuplicateRatio == null && maxImbalanceRatio == null
                && maxDrift == null;
    }

    /** The gate's verdict, or null when there are no rules. */
    public GateReport evaluate(final ProfileReport report, final DriftReport drift) {
        if (isEmpty()) {
            return null;
        }
        final List<String> violations = new ArrayList<>();
        if (report.recordCount() == 0) {
            violations.add("completeness: the batch has no records");
            return new GateReport(false, violations);
        }
        final Double overall = report.scores().overall();
        if (minOverallScore != null && overall != null && overall < minOverallScore) {
            violations.add(format("overall: score %s < minimum %s", overall, minOverallScore));
        }
        if (maxMissingRatio != null) {
            for (final FieldReport field : report.fields()) {
                if (field.missing().ratio() > maxMissingRatio) {
                    violations.add(format("completeness: field '" + field.name() + "' missing ratio %s > maximum %s",
                            field.missing().ratio(), maxMissingRatio));
                }
            }
        }
        if (maxDuplicateRatio != null) {
            final long nearDuplicates = report.duplicates().nearDuplicates() == null ? 0 : report.duplicates().nearDuplicates().records();
            final double ratio = Rounding.ratio(Math.max(report.duplicates().exactDuplicates(), nearDuplicates), report.recordCount());
            if (ratio > maxDuplicateRatio) {
                violations.add(format("uniqueness: duplicate ratio %s > maximum %s", ratio, maxDuplicateRatio));
            }
        }
        if (maxImbalanceRatio != null && report.labels() != null && report.labels().imbalanceRatio() > maxImbalanceRatio) {
            violations.add(format("balance: imbalance ratio %s > maximum %s", report.labels().imbalanceRatio(), maxImbalanceRatio));
        }
        if (maxDrift != null && drift != null && drift.score() > maxDrift) {
            violations.add(format("drift: score (largest PSI) %s > maximum %s", drift.score(), maxDrift));
        }
        return new GateReport(violations.isEmpty(), violations);
    }

    private static String format(final String template, final double value, final double bound) {
        return String.format(Locale.ROOT, template, trim(value), trim(bound));
    }

    private static String trim(final double value) {
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
