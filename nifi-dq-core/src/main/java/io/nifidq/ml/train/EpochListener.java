package io.nifidq.ml.train;

/**
 * Told when each model of a job starts training (a label-noise pass's fold models, then the final model) and after every
 * epoch of each; TrainClassifier turns it into log lines and counters.
 */
@FunctionalInterface
public interface EpochListener {

    /** A model starts training; the epochs that follow are its own, until the next stage. */
    default void stageStarted(final TrainingStage stage) {
    }

    /**
     * @param epoch 1-based epoch number
     * @param meanLoss mean weighted training loss over the epoch's batches
     * @param validationMacroF1 macro-F1 on the validation records after the epoch
     * @param elapsedMillis milliseconds since training started
     */
    void epochEnded(int epoch, double meanLoss, double validationMacroF1, long elapsedMillis);

    /**
     * A training step ended: told by trainers whose epochs are long (fine-tuning an encoder), so progress shows within one.
     *
     * @param step       1-based step of the current model
     * @param totalSteps the steps its epochs have at most
     * @param loss       the step's weighted loss
     */
    default void stepEnded(final int step, final int totalSteps, final double loss) {
    }

    EpochListener NONE = (epoch, loss, f1, elapsed) -> { };
}
