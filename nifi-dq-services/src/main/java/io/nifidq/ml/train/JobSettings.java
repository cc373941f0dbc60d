package io.nifidq.ml.train;

/**
 * A whole TrainClassifier run: the training settings plus the split and label-noise settings.
 *
 * @param training network, featurizer and optimizer settings
 * @param trainShare share of the original records for training
 * @param validationShare share for validation (early stopping); the rest is the test split
 * @param labelNoise off, flag or prune
 * @param folds folds of the out-of-fold pass (2 or more)
 * @param minRecordsPerClass a class with fewer original records makes the input untrainable
 */
public record JobSettings(TrainingSettings training, double trainShare, double validationShare,
                          LabelNoiseHandling labelNoise, int folds, int minRecordsPerClass) {

    public JobSettings {
        if (!(trainShare > 0) || validationShare < 0 || trainShare + validationShare >= 1.0 + 1e-9) {
            throw new IllegalArgumentException("need 0 < train share, 0 <= validation share and train + validation < 1, got "
                    + trainShare + " and " + validationShare);
        }
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
    }

    public static JobSettings defaults() {
        return new JobSettings(TrainingSettings.defaults(), 0.8, 0.1, LabelNoiseHandling.OFF, 5, 3);
    }

    public JobSettings withTraining(final TrainingSettings settings) {
        return new JobSettings(settings, trainShare, validationShare, labelNoise, folds, minRecordsPerClass);
    }

    public JobSettings withLabelNoise(final LabelNoiseHandling handling) {
        return new JobSettings(training, trainShare, validationShare, handling, folds, minRecordsPerClass);
    }
}
