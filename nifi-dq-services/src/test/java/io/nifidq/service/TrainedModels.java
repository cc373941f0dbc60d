package io.nifidq.service;

import io.nifidq.ml.model.NetworkWeights;
import io.nifidq.ml.features.FeaturizerSettings;
import io.nifidq.ml.features.HashingFeaturizer;
import io.nifidq.ml.model.ModelFiles;
import io.nifidq.ml.model.ModelMetadata;
import io.nifidq.ml.model.ModelStore;
import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.train.ClassWeighting;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.TextClassifierTrainer;
import io.nifidq.ml.train.TrainingOutcome;
import io.nifidq.ml.train.TrainingSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Trains a small real model on a dozen support messages and publishes it as the next version of a model store. */
final class TrainedModels {

    static final List<String> TEXTS = List.of(
            "refund my invoice please", "the payment failed again", "billing charge twice", "invoice missing",
            "app crash on start", "error when saving", "it freezes and times out", "bug in the login",
            "great app thanks", "love it", "awesome update, happy", "thanks for the fix");
    static final List<String> LABELS = List.of("billing", "bug", "praise");
    private static final int[] CLASS_OF_TEXT = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};

    private TrainedModels() {
    }

    static Path publish(final Path root, final long seed) throws IOException {
        return publish(root, seed, ModelType.FASTTEXT);
    }

    static Path publish(final Path root, final long seed, final ModelType type) throws IOException {
        final TrainingSettings settings = TrainingSettings.builder().optModelType(type)
                .optFeaturizer(FeaturizerSettings.builder().optBuckets(1 << 12).optMaxIds(100).build())
                .optEmbeddingSize(8).optBatchSize(4).optLearningRate(0.05f).optClassWeighting(ClassWeighting.NONE).optPatience(30)
                .optTimeBudget(Duration.ofMinutes(1)).optSeed(seed).optCnnFilters(8).build();
        final HashingFeaturizer featurizer = new HashingFeaturizer(settings.featurizer());
        final int[] all = IntStream.range(0, TEXTS.size()).toArray();
        final TrainingOutcome<NetworkWeights> outcome = new TextClassifierTrainer(settings)
                .train(featurizer.featurizeAll(TEXTS), CLASS_OF_TEXT, LABELS.size(), all, all, EpochListener.NONE);
        final ModelMetadata metadata = new ModelMetadata(type.name(), "test", ModelMetadata.CURRENT_FORMAT_VERSION, LABELS, "none",
                Map.of(), "2026-11-28T00:00:00Z");
        return new ModelStore(root).write(metadata, dir -> ModelFiles.write(dir, outcome.weights(), settings.featurizer(), LABELS));
    }
}
