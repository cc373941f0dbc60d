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
        return builder().build();
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder().optTraining(training).optShares(trainShare, validationShare).optLabelNoise(labelNoise).optFolds(folds)
                .optMinRecordsPerClass(minRecordsPerClass).optLabelNoisePasses(labelNoisePasses);
    }

    /** Builds {@link JobSettings}; every setting is optional and starts at TrainClassifier's default. */
    public static final class Builder {
        private TrainingSettings training = TrainingSettings.defaults();
        private double trainShare = 0.8;
        private double validationShare = 0.1;
        private LabelNoiseHandling labelNoise = LabelNoiseHandling.OFF;
        private int folds = 5;
        private int minRecordsPerClass = 3;
        private int labelNoisePasses = DEFAULT_LABEL_NOISE_PASSES;

        private Builder() {
        }

        public Builder optTraining(final TrainingSettings value) {
            training = value;
            return this;
        }

        /** The shares of the original records for training and validation; the test split gets the rest. */
        public Builder optShares(final double train, final double validation) {
            trainShare = train;
            validationShare = validation;
            return this;
        }

        public Builder optLabelNoise(final LabelNoiseHandling value) {
            labelNoise = value;
            return this;
        }

        public Builder optFolds(final int value) {
            folds = value;
            return this;
        }

        public Builder optMinRecordsPerClass(final int value) {
            minRecordsPerClass = value;
            return this;
        }

        public Builder optLabelNoisePasses(final int value) {
            labelNoisePasses = value;
            return this;
        }

        public JobSettings build() {
            return new JobSettings(training, trainShare, validationShare, labelNoise, folds, minRecordsPerClass, labelNoisePasses);
        }
    }
}
