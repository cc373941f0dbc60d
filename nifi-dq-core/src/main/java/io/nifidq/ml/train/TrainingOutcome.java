package io.nifidq.ml.train;

/**
 * What one training run produced.
 *
 * @param weights the weights of the best epoch on validation macro-F1 (the last epoch when there was no validation)
 * @param epochsRun epochs started (the last one may have been cut by the time budget)
 * @param bestEpoch the epoch whose weights were kept
 * @param bestValidationMacroF1 its validation macro-F1 (NaN without validation records)
 * @param trainMillis wall time of the run
 * @param stopReason why training ended: "max epochs", "early stopping" or "time budget"
 * @param device the device trained on
 * @param classWeights the loss weight of each class
 * @param <W> the family's weights
 */
public record TrainingOutcome<W>(W weights, int epochsRun, int bestEpoch, double bestValidationMacroF1,
                              long trainMillis, String stopReason, String device, float[] classWeights) {
}
