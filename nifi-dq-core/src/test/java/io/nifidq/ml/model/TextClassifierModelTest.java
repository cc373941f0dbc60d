package io.nifidq.ml.model;

import ai.djl.Device;
import ai.djl.metric.Metrics;
import io.nifidq.ml.features.FeaturizerSettings;
import io.nifidq.ml.features.HashingFeaturizer;
import io.nifidq.ml.train.ClassWeighting;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.TextClassifierTrainer;
import io.nifidq.ml.train.TrainingOutcome;
import io.nifidq.ml.train.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextClassifierModelTest {

    private static final List<String> TEXTS = List.of(
            "refund my invoice please", "the payment failed again", "billing charge twice", "invoice missing",
            "app crash on start", "error when saving", "it freezes and times out", "bug in the login",
            "great app thanks", "love it", "awesome update, happy", "thanks for the fix");
    private static final int[] LABELS = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
    /** 16 buckets: 17 embedding rows with the padding row. */
    private static final FeaturizerSettings TINY_FEATURIZER = FeaturizerSettings.builder().optBuckets(16).optCharNgrams(0, 0)
            .optMaxIds(10).build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ModelType.class)
    void aReloadedModelGivesTheSameProbabilitiesAsTheTrainedWeights(final ModelType type) throws Exception {
        final TrainingSettings settings = TrainingSettings.builder().optModelType(type)
                .optFeaturizer(FeaturizerSettings.builder().optBuckets(1 << 12).optMaxIds(100).build())
                .optEmbeddingSize(8).optMaxEpochs(5).optBatchSize(4).optLearningRate(0.05f).optClassWeighting(ClassWeighting.NONE)
                .optPatience(5).optTimeBudget(Duration.ofMinutes(1)).optSeed(3L).optCnnFilters(8).build();
        final HashingFeaturizer featurizer = new HashingFeaturizer(settings.featurizer());
        final List<int[]> features = featurizer.featurizeAll(TEXTS);
        final int[] all = IntStream.range(0, TEXTS.size()).toArray();
        final TextClassifierTrainer trainer = new TextClassifierTrainer(settings);
        final TrainingOutcome<NetworkWeights> outcome = trainer.train(features, LABELS, 3, all, all, EpochListener.NONE);
        final float[][] trained = trainer.probabilities(outcome.weights(), features, all);

        ModelFiles.write(dir, outcome.weights(), settings.featurizer(), List.of("billing", "bug", "praise"));
        try (TextClassifierModel model = TextClassifierModel.load(dir, Device.cpu());
             TextClassifierModel again = TextClassifierModel.load(dir, Device.cpu())) {
            assertEquals(List.of("billing", "bug", "praise"), model.labels());
            assertEquals(settings.featurizer(), model.featurizerSettings());
            assertEquals(outcome.weights().spec(), model.spec());
            final float[][] loaded = model.predictProbabilities(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(trained[i], loaded[i], 1e-6f, "record " + i);
            }
            final float[][] reloaded = again.predictProbabilities(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(loaded[i], reloaded[i], 0f, "two loads of one directory agree exactly, record " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ModelType.class)
    void aDamagedParameterFileIsRefused(final ModelType type) throws Exception {
        final NetworkSpec spec = type == ModelType.FASTTEXT ? NetworkSpec.fastText(17, 4, 2) : NetworkSpec.textCnn(17, 4, 2, 3);
        ModelFiles.write(dir, NetworkWeights.initialize(spec, 1L), TINY_FEATURIZER, List.of("a", "b"));
        Files.write(dir.resolve(ModelFiles.PARAMETERS), new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        assertThrows(java.io.IOException.class, () -> TextClassifierModel.load(dir, Device.cpu()));
    }

    @Test
    void forwardPassesTakeAtMostTheBatchSizeAskedFor() throws Exception {
        ModelFiles.write(dir, NetworkWeights.initialize(NetworkSpec.textCnn(17, 4, 2, 3), 1L), TINY_FEATURIZER, List.of("a", "b"));
        try (TextClassifierModel model = TextClassifierModel.load(dir, Device.cpu())) {
            final Metrics passes = new Metrics();
            model.setMetrics(passes);
            final List<String> texts = Collections.nCopies(1_234, "a few words");
            model.predictProbabilities(texts, 1_000);
            model.predictProbabilities(texts);
            assertEquals(List.of(1_000, 234, 512, 512, 210), sizes(passes), "1,000 as asked, then the default of 512");
            assertThrows(IllegalArgumentException.class, () -> model.predictProbabilities(texts, 0));
        }
    }

    @Test
    void theFoldedFastTextModelNeedsNoForwardPass() throws Exception {
        ModelFiles.write(dir, NetworkWeights.initialize(NetworkSpec.fastText(17, 4, 2), 1L), TINY_FEATURIZER, List.of("a", "b"));
        try (TextClassifierModel model = TextClassifierModel.load(dir, Device.cpu())) {
            final Metrics passes = new Metrics();
            model.setMetrics(passes);
            assertEquals(3, model.predictProbabilities(List.of("one", "two", "three"), 2).length);
            assertFalse(passes.hasMetric(TextClassifierModel.FORWARD_BATCH_SIZE));
        }
    }

    private static List<Integer> sizes(final Metrics passes) {
        return passes.getMetric(TextClassifierModel.FORWARD_BATCH_SIZE).stream().map(pass -> pass.getValue().intValue()).toList();
    }
}
