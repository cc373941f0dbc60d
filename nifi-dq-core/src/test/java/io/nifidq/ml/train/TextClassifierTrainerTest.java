package io.nifidq.ml.train;

import io.nifidq.ml.model.NetworkWeights;
import io.nifidq.ml.features.FeaturizerSettings;
import io.nifidq.ml.features.HashingFeaturizer;
import io.nifidq.ml.model.ModelType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextClassifierTrainerTest {

    static final TrainingSettings SMALL = TrainingSettings.builder()
            .optFeaturizer(FeaturizerSettings.builder().optBuckets(1 << 14).optCharNgrams(0, 0).optMaxIds(200).build())
            .optEmbeddingSize(16).optMaxEpochs(20).optBatchSize(16).optLearningRate(0.02f).optTimeBudget(Duration.ofMinutes(2))
            .optSeed(7L).optCnnFilters(16).build();

    private final SyntheticTexts corpus = new SyntheticTexts(60, 3, 1L);
    private final List<int[]> features = new HashingFeaturizer(SMALL.featurizer()).featurizeAll(corpus.texts);
    private final int[] labels = corpus.labels.stream().mapToInt(l -> l.charAt(5) - '0').toArray();
    private final int[] train = IntStream.range(0, labels.length).filter(i -> i % 5 < 3).toArray();
    private final int[] validation = IntStream.range(0, labels.length).filter(i -> i % 5 == 3).toArray();
    private final int[] test = IntStream.range(0, labels.length).filter(i -> i % 5 == 4).toArray();

    @Test
    void theFastTextStyleModelLearnsSeparableClasses() {
        final List<double[]> epochs = new ArrayList<>();
        final TextClassifierTrainer trainer = new TextClassifierTrainer(SMALL);
        final TrainingOutcome<NetworkWeights> outcome = trainer.train(features, labels, 3, train, validation,
                (epoch, loss, f1, elapsed) -> epochs.add(new double[]{epoch, loss, f1, elapsed}));
        assertTrue(accuracy(trainer, outcome) >= 0.9, "test accuracy " + accuracy(trainer, outcome));
        assertEquals(outcome.epochsRun(), epochs.size(), "one listener call per epoch");
        for (int e = 0; e < epochs.size(); e++) {
            assertEquals(e + 1, (int) epochs.get(e)[0]);
        }
        assertTrue(epochs.get(epochs.size() - 1)[1] < epochs.get(0)[1], "the loss falls");
        assertEquals("cpu()", outcome.device());
    }

    @Test
    void twoTrainingsAtOnceBothFinishWithTheSameModelAsAlone() throws Exception {
        // DJL allows one gradient collector per JVM; two TrainClassifier tasks must take turns, not fail.
        final TextClassifierTrainer trainer = new TextClassifierTrainer(SMALL);
        final TrainingOutcome<NetworkWeights> alone = trainer.train(features, labels, 3, train, validation, EpochListener.NONE);
        final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            final List<java.util.concurrent.Future<TrainingOutcome<NetworkWeights>>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> new TextClassifierTrainer(SMALL).train(features, labels, 3, train, validation, EpochListener.NONE)));
            }
            for (final java.util.concurrent.Future<TrainingOutcome<NetworkWeights>> run : runs) {
                final TrainingOutcome<NetworkWeights> outcome = run.get(2, java.util.concurrent.TimeUnit.MINUTES);
                assertEquals(alone.bestEpoch(), outcome.bestEpoch());
                assertEquals(alone.bestValidationMacroF1(), outcome.bestValidationMacroF1());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void earlyStoppingKeepsTheBestEpochAndStopsAfterPatienceEpochsWithoutGain() {
        final TrainingOutcome<NetworkWeights> outcome = new TextClassifierTrainer(SMALL).train(features, labels, 3, train, validation, EpochListener.NONE);
        if (outcome.stopReason().equals("early stopping")) {
            assertEquals(outcome.bestEpoch() + SMALL.patience(), outcome.epochsRun());
        } else {
            assertEquals(SMALL.maxEpochs(), outcome.epochsRun());
        }
        assertTrue(outcome.bestValidationMacroF1() > 0.9);
    }

    @Test
    void aSpentTimeBudgetStopsAfterTheFirstBatchAndStillKeepsAModel() {
        final TextClassifierTrainer trainer = new TextClassifierTrainer(SMALL.toBuilder().optTimeBudget(Duration.ZERO).build());
        final TrainingOutcome<NetworkWeights> outcome = trainer.train(features, labels, 3, train, validation, EpochListener.NONE);
        assertEquals("time budget", outcome.stopReason());
        assertEquals(1, outcome.epochsRun());
        assertNotNull(outcome.weights());
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        final TextClassifierTrainer trainer = new TextClassifierTrainer(SMALL.toBuilder().optMaxEpochs(3).build());
        final TrainingOutcome<NetworkWeights> a = trainer.train(features, labels, 3, train, validation, EpochListener.NONE);
        final TrainingOutcome<NetworkWeights> b = new TextClassifierTrainer(SMALL.toBuilder().optMaxEpochs(3).build())
                .train(features, labels, 3, train, validation, EpochListener.NONE);
        assertArrayEquals(a.weights().head().get("linear_weight"), b.weights().head().get("linear_weight"));
    }

    @Test
    void theTextCnnLearnsTheSameTask() {
        final TextClassifierTrainer trainer = new TextClassifierTrainer(SMALL.toBuilder().optModelType(ModelType.TEXTCNN).build());
        final TrainingOutcome<NetworkWeights> outcome = trainer.train(features, labels, 3, train, validation, EpochListener.NONE);
        assertTrue(accuracy(trainer, outcome) >= 0.85, "test accuracy " + accuracy(trainer, outcome));
    }

    @Test
    void classWeightsAreInverseFrequencyWhenAskedOrWhenTheImbalanceIsHigh() {
        assertArrayEquals(new float[]{1f, 1f}, ClassWeighting.NONE.weights(new int[]{90, 10}));
        assertArrayEquals(new float[]{100f / (2 * 90), 100f / (2 * 10)}, ClassWeighting.INVERSE.weights(new int[]{90, 10}), 1e-6f);
        assertArrayEquals(new float[]{100f / (2 * 90), 100f / (2 * 10)}, ClassWeighting.AUTO.weights(new int[]{90, 10}), 1e-6f);
        assertArrayEquals(new float[]{1f, 1f}, ClassWeighting.AUTO.weights(new int[]{60, 40}), "ratio 1.5 is below " + ClassWeighting.AUTO_RATIO);
    }

    private double accuracy(final TextClassifierTrainer trainer, final TrainingOutcome<NetworkWeights> outcome) {
        final int[] predicted = TextClassifierTrainer.argmax(trainer.probabilities(outcome.weights(), features, test));
        return IntStream.range(0, test.length).filter(i -> predicted[i] == labels[test[i]]).count() / (double) test.length;
    }
}
