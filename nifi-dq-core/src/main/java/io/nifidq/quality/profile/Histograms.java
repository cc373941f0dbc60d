package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.Histogram;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

import java.util.ArrayList;
import java.util.List;

/** Equal-width histograms read off a KLL sketch, for the report and its charts. */
final class Histograms {

    static final int BINS = 10;

    private Histograms() {
    }

    /**
     * BINS equal-width bins from the smallest to the largest value (fewer for whole numbers in a narrow range, one per
     * value); null for an empty sketch. Counts are the sketch's mass per bin, rounded: exact while it holds every value.
     */
    static Histogram of(final KllDoublesSketch sketch, final double min, final double max, final boolean wholeNumbers) {
        if (sketch.isEmpty()) {
            return null;
        }
        final int bins;
        final double width;
        if (wholeNumbers && max - min + 1 <= BINS) {
            bins = (int) (max - min + 1);
            width = 1;
        } else {
            bins = max > min ? BINS : 1;
            width = wholeNumbers ? Math.ceil((max - min + 1) / BINS) : (max - min) / bins;
        }
        final List<Double> edges = new ArrayList<>();
        for (int i = 0; i <= bins; i++) {
            edges.add(Rounding.round(i == bins && !wholeNumbers ? max : min + i * width));
        }
        final double[] splits = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            splits[i - 1] = edges.get(i);
        }
        // EXCLUSIVE: a value on an inner edge falls into the bin the edge starts.
        final double[] mass = splits.length == 0 ? new double[] {1.0} : sketch.getPMF(splits, QuantileSearchCriteria.EXCLUSIVE);
        final List<Long> counts = new ArrayList<>();
        for (final double share : mass) {
            counts.add(Math.round(share * sketch.getN()));
        }
        return new Histogram(edges, counts);
    }
}
