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
        return new TrainingSettings(ModelType.FASTTEXT, FeaturizerSettings.defaults(), 64, 30, 32, 0.01f,
                ClassWeighting.AUTO, 3, Duration.ofMinutes(10), 42L, 100);
    }

    public TrainingSettings withModelType(final ModelType type) {
        return new TrainingSettings(type, featurizer, embeddingSize, maxEpochs, batchSize, learningRate, classWeighting,
                patience, timeBudget, seed, cnnFilters);
    }

    public TrainingSettings withEpochs(final int epochs) {
        return new TrainingSettings(modelType, featurizer, embeddingSize, epochs, batchSize, learningRate, classWeighting,
                patience, timeBudget, seed, cnnFilters);
    }

    public TrainingSettings withFeaturizer(final FeaturizerSettings settings) {
        return new TrainingSettings(modelType, settings, embeddingSize, maxEpochs, batchSize, learningRate, classWeighting,
                patience, timeBudget, seed, cnnFilters);
    }

    public TrainingSettings withTimeBudget(final Duration budget) {
        return new TrainingSettings(modelType, featurizer, embeddingSize, maxEpochs, batchSize, learningRate, classWeighting,
                patience, budget, seed, cnnFilters);
    }

    public TrainingSettings withBatchAndRate(final int batch, final float rate) {
        return new TrainingSettings(modelType, featurizer, embeddingSize, maxEpochs, batch, rate, classWeighting,
                patience, timeBudget, seed, cnnFilters);
    }

    public TrainingSettings withClassWeighting(final ClassWeighting weighting) {
        return new TrainingSettings(modelType, featurizer, embeddingSize, maxEpochs, batchSize, learningRate, weighting,
                patience, timeBudget, seed, cnnFilters);
    }

    public TrainingSettings withSeed(final long newSeed) {
        return new TrainingSettings(modelType, featurizer, embeddingSize, maxEpochs, batchSize, learningRate, classWeighting,
                patience, timeBudget, newSeed, cnnFilters);
    }
}
