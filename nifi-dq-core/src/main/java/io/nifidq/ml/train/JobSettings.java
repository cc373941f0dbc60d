package io.nifidq.ml.train;

/**
 * A whole TrainClassifier run: the training settings plus the split and label-noise settings.
 *
 * @param training network, featurizer and optimizer settings
 * @param trainShare share of the original records for training
 * @param validationShare share for validation (early stopping); the rest is the test split
 * @param labelNoise off, flag, prune or relabel
 * @param folds folds of the out-of-fold pass (2 or more)
 * @param minRecordsPerClass a class with fewer original records makes the input untrainable
 * @param labelNoisePasses out-of-fold passes for Prune and Relabel (1 or more): each pass looks again at what the
 *                         previous ones left, with models no longer misled by the suspects they removed; Flag makes one
 */
public record JobSettings(TrainingSettings training, double trainShare, double validationShare,
                          LabelNoiseHandling labelNoise, int folds, int minRecordsPerClass, int labelNoisePasses) {

    public static final int DEFAULT_LABEL_NOISE_PASSES = 2;

    public JobSettings {
        if (!(trainShare > 0) || validationShare < 0 || trainShare + validationShare >= 1.0 + 1e-9) {
            throw new IllegalArgumentException("need 0 < train share, 0 <= validation share and train + validation < 1, got "
                    + trainShare + " and " + validationShare);
        }
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
        if (labelNoisePasses < 1) {
            throw new IllegalArgumentException("label-noise passes must be at least 1, got " + labelNoisePasses);
        }
    }

    public static JobSettings defaults() {
        return new JobSettings(TrainingSettings.defaults(), 0.8, 0.1, LabelNoiseHandling.OFF, 5, 3, DEFAULT_LABEL_NOISE_PASSES);
    }

    public JobSettings withTraining(final TrainingSettings settings) {
        return new JobSettings(settings, trainShare, validationShare, labelNoise, folds, minRecordsPerClass, labelNoisePasses);
    }

    public JobSettings withLabelNoise(final LabelNoiseHandling handling) {
        return new JobSettings(training, trainShare, validationShare, handling, folds, minRecordsPerClass, labelNoisePasses);
    }

    public JobSettings withLabelNoisePasses(final int passes) {
        return new JobSettings(training, trainShare, validationShare, labelNoise, folds, minRecordsPerClass, passes);
    }

    public JobSettings withMinRecordsPerClass(final int minimum) {
        return new JobSettings(training, trainShare, validationShare, labelNoise, folds, minimum, labelNoisePasses);
    }
}
