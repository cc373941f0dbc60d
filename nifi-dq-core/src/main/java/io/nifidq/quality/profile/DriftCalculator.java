package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.DriftReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a batch with a baseline by the population stability index per field and for the label
 * distribution: PSI = sum over bins of (actual - expected) * ln(actual / expected). Below 0.1 is
 * usually read as stable, 0.1 to 0.25 as a moderate shift, above 0.25 as a major one. The drift
 * score is the largest PSI.
 */
public final class DriftCalculator {

    /** Empty bins get this share so that the logarithm stays finite. */
    static final double EMPTY_BIN_SHARE = 1e-4;

    private DriftCalculator() {
    }

    public static DriftReport compare(final BaselineSummary baseline, final DatasetProfile current, final String baselineSource) {
        final Map<String, Double> fieldPsi = new LinkedHashMap<>();
        baseline.numeric().forEach((name, bins) -> {
            final FieldProfile field = current.field(name);
            if (field != null && !field.numbers().isEmpty()) {
                fieldPsi.put(name, Rounding.round(psi(toArray(bins.shares()), BaselineSummary.shares(field, bins.edges()))));
            }
        });
        baseline.categorical().forEach((name, categories) -> {
            final FieldProfile field = current.field(name);
            if (field != null && field.present() > 0) {
                fieldPsi.put(name, Rounding.round(categoricalPsi(categories, field)));
            }
        });
        Double labelPsi = null;
        if (!baseline.labels().isEmpty() && current.labels() != null && current.labels().labelled() > 0) {
            labelPsi = Rounding.round(labelPsi(baseline.labels(), current.labels()));
        }
        final Set<String> currentNames = new LinkedHashSet<>();
        current.fields().forEach(field -> currentNames.add(field.name()));
        final List<String> newFields = currentNames.stream().filter(name -> !baseline.fields().contains(name)).toList();
        final List<String> missingFields = baseline.fields().stream().filter(name -> !currentNames.contains(name)).toList();
        double score = labelPsi == null ? 0.0 : labelPsi;
        for (final double psi : fieldPsi.values()) {
            score = Math.max(score, psi);
        }
        return new DriftReport(baselineSource, Rounding.round(score), fieldPsi, labelPsi, newFields, missingFields);
    }

    private static double categoricalPsi(final BaselineSummary.CategoricalShares categories, final FieldProfile field) {
        final int size = categories.shares().size() + 1;
        final double[] expected = new double[size];
        final double[] actual = new double[size];
        int i = 0;
        double covered = 0;
        for (final Map.Entry<String, Double> category : categories.shares().entrySet()) {
            expected[i] = category.getValue();
            actual[i] = (double) field.topValuesSketch().getEstimate(category.getKey()) / field.present();
            covered += actual[i];
            i++;
        }
        expected[i] = categories.other();
        actual[i] = Math.max(0.0, 1.0 - covered);
        return psi(expected, actual);
    }

    private static double labelPsi(final Map<String, Double> baseline, final LabelProfile current) {
        final Map<String, Long> counts = current.classCounts();
        final Set<String> classes = new LinkedHashSet<>(baseline.keySet());
        classes.addAll(counts.keySet());
        final List<Double> expected = new ArrayList<>();
        final List<Double> actual = new ArrayList<>();
        for (final String label : classes) {
            expected.add(baseline.getOrDefault(label, 0.0));
            actual.add(counts.getOrDefault(label, 0L) / (double) current.labelled());
        }
        return psi(toArray(expected), toArray(actual));
    }

    static double psi(final double[] expected, final double[] actual) {
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            final double e = Math.max(expected[i], EMPTY_BIN_SHARE);
            final double a = Math.max(actual[i], EMPTY_BIN_SHARE);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    private static double[] toArray(final List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
