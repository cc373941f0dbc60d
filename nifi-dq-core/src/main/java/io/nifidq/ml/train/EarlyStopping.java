package io.nifidq.ml.train;

import java.util.function.BinaryOperator;

/**
 * Early stopping on validation macro-F1, as every trainer of a job does it: keeps the best epoch's weights (every epoch's
 * when there are no validation records) and says when {@code patience} epochs in a row brought no better score.
 *
 * @param <W> the weights
 */
final class EarlyStopping<W> {

    private final boolean hasValidation;
    private final int patience;
    private final BinaryOperator<W> keep;
    private W best;
    private double bestF1 = Double.NEGATIVE_INFINITY;
    private int bestEpoch;
    private int epochsWithoutGain;

    /**
     * @param keep makes the kept copy of the current weights, given the previous copy (null at first) to reuse
     */
    EarlyStopping(final boolean hasValidation, final int patience, final BinaryOperator<W> keep) {
        this.hasValidation = hasValidation;
        this.patience = patience;
        this.keep = keep;
    }

    /** Records the epoch's score; true when training should stop for want of progress. */
    boolean stopAfter(final int epoch, final double validationF1, final W weights) {
        if (!hasValidation || validationF1 > bestF1 + 1e-9) {
            bestF1 = validationF1;
            bestEpoch = epoch;
            best = keep.apply(best, weights);
            epochsWithoutGain = 0;
            return false;
        }
        return ++epochsWithoutGain >= patience;
    }

    W best() {
        return best;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    /** The best validation macro-F1, NaN without validation records. */
    double bestF1() {
        return hasValidation ? bestF1 : Double.NaN;
    }
}
