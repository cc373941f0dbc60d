package io.nifidq.ml.train;

/** Told after every epoch; TrainClassifier turns it into a log line and counters. */
@FunctionalInterface
public interface EpochListener {

    /**
     * @param epoch 1-based epoch number
     * @param meanLoss mean weighted training loss over the epoch's batches
     * @param validationMacroF1 macro-F1 on the validation records after the epoch
     * @param elapsedMillis milliseconds since training started
     */
    void epochEnded(int epoch, double meanLoss, double validationMacroF1, long elapsedMillis);

    EpochListener NONE = (epoch, loss, f1, elapsed) -> { };
}
