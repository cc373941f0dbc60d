package io.nifidq.ml.train;

import io.nifidq.ml.features.FeaturizerSettings;
import io.nifidq.ml.model.ModelType;

import java.time.Duration;

/**
 * Everything the trainer needs besides the data.
 *
 * @param modelType architecture
 * @param featurizer how texts become ids
 * @param embeddingSize embedding dimension
 * @param maxEpochs at most this many passes over the training records
 * @param batchSize records per optimizer step
 * @param learningRate Adam step size
 * @param classWeighting loss weights per class
 * @param patience stop after this many epochs without a better validation macro-F1
 * @param timeBudget stop after this much wall time and keep the best model so far
 * @param seed seeds initialisation and shuffling
 * @param cnnFilters filters per convolution width (TEXTCNN)
 */
public record TrainingSettings(ModelType modelType, FeaturizerSettings featurizer, int embeddingSize, int maxEpochs,
                               int batchSize, float learningRate, ClassWeighting classWeighting, int patience,
                               Duration timeBudget, long seed, int cnnFilters) {

    public TrainingSettings {
        if (embeddingSize < 1 || maxEpochs < 1 || batchSize < 1 || patience < 1 || cnnFilters < 1) {
            throw new IllegalArgumentException("embedding size, epochs, batch size, patience and filters must be positive");
        }
        if (!(learningRate > 0f)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
    }

    /** TrainClassifier's defaults (the ones docs/benchmarks.md measures against fastText). */
    public static TrainingSettings defaults() {
        return builder().build();
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder().optModelType(modelType).optFeaturizer(featurizer).optEmbeddingSize(embeddingSize).optMaxEpochs(maxEpochs)
                .optBatchSize(batchSize).optLearningRate(learningRate).optClassWeighting(classWeighting).optPatience(patience)
                .optTimeBudget(timeBudget).optSeed(seed).optCnnFilters(cnnFilters);
    }

    /** Builds {@link TrainingSettings}; every setting is optional and starts at TrainClassifier's default. */
    public static final class Builder {
        private ModelType modelType = ModelType.FASTTEXT;
        private FeaturizerSettings featurizer = FeaturizerSettings.defaults();
        private int embeddingSize = 64;
        private int maxEpochs = 30;
        private int batchSize = 32;
        private float learningRate = 0.01f;
        private ClassWeighting classWeighting = ClassWeighting.AUTO;
        private int patience = 3;
        private Duration timeBudget = Duration.ofMinutes(10);
        private long seed = 42L;
        private int cnnFilters = 100;

        private Builder() {
        }

        public Builder optModelType(final ModelType value) {
            modelType = value;
            return this;
        }

        public Builder optFeaturizer(final FeaturizerSettings value) {
            featurizer = value;
            return this;
        }

        public Builder optEmbeddingSize(final int value) {
            embeddingSize = value;
            return this;
        }

        public Builder optMaxEpochs(final int value) {
            maxEpochs = value;
            return this;
        }

        public Builder optBatchSize(final int value) {
            batchSize = value;
            return this;
        }

        public Builder optLearningRate(final float value) {
            learningRate = value;
            return this;
        }

        public Builder optClassWeighting(final ClassWeighting value) {
            classWeighting = value;
            return this;
        }

        public Builder optPatience(final int value) {
            patience = value;
            return this;
        }

        public Builder optTimeBudget(final Duration value) {
            timeBudget = value;
            return this;
        }

        public Builder optSeed(final long value) {
            seed = value;
            return this;
        }

        public Builder optCnnFilters(final int value) {
            cnnFilters = value;
            return this;
        }

        public TrainingSettings build() {
            return new TrainingSettings(modelType, featurizer, embeddingSize, maxEpochs, batchSize, learningRate, classWeighting,
                    patience, timeBudget, seed, cnnFilters);
        }
    }
}
