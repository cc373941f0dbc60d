package io.nifidq.ml.train;

/**
 * Which model of a training job is being trained: one of the out-of-fold models of a label-noise pass, or the final
 * model. Long jobs (k folds times the passes, then the final model) say where they are with it.
 *
 * @param pass    1-based label-noise pass, 0 for the final model
 * @param passes  label-noise passes planned (a pass that finds nothing ends them early), 0 for the final model
 * @param fold    1-based fold within the pass, 0 for the final model
 * @param folds   folds per pass, 0 for the final model
 * @param records training records of this model (augmented copies included)
 */
public record TrainingStage(int pass, int passes, int fold, int folds, int records) {

    public static TrainingStage finalModel(final int records) {
        return new TrainingStage(0, 0, 0, 0, records);
    }

    public boolean isFinalModel() {
        return folds == 0;
    }

    /**
     * Training records per second after {@code epochs} epochs of this model took {@code elapsedMillis} (validation
     * included); 0 before any time has passed.
     */
    public double recordsPerSecond(final int epochs, final long elapsedMillis) {
        return elapsedMillis <= 0 ? 0 : 1000.0 * records * epochs / elapsedMillis;
    }

    /** "label-noise pass 1 of 2, fold 3 of 5" or "final model". */
    public String describe() {
        return isFinalModel() ? "final model" : "label-noise pass " + pass + " of " + passes + ", fold " + fold + " of " + folds;
    }
}
