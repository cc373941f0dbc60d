package io.nifidq.ml.train;

import io.nifidq.ml.head.HeadSpec;
import io.nifidq.ml.head.HeadWeights;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadTrainerTest {

    private static final int DIMENSION = 8;
    private static final TrainingSettings SETTINGS = TrainingSettings.builder().optLearningRate(0.01f).optMaxEpochs(20).build();

    /** Three classes around their own centre in 8 dimensions, with noise: a linear head separates them. */
    private final List<float[]> vectors = new ArrayList<>();
    private final int[] labels = new int[300];

    HeadTrainerTest() {
        final Random random = new Random(5);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
            final float[] v = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                v[d] = (float) (random.nextGaussian() * 0.3 + (d % 3 == labels[i] ? 1.0 : 0.0));
            }
            vectors.add(v);
        }
    }

    @Test
    void aHeadLearnsSeparableVectorsAndScoresThemWithTheJavaForwardPass() {
        final int[] train = IntStream.range(0, 240).toArray();
        final int[] validation = IntStream.range(240, 300).toArray();
        final HeadTrainer trainer = new HeadTrainer(SETTINGS, HeadTrainer.defaultCandidates(DIMENSION));

        final TrainingOutcome<HeadWeights> outcome = trainer.train(vectors, labels, 3, train, validation, EpochListener.NONE);

        assertEquals(1.0, outcome.bestValidationMacroF1(), 1e-9);
        final float[][] p = trainer.probabilities(outcome.weights(), vectors, validation);
        for (int i = 0; i < validation.length; i++) {
            assertEquals(outcome.weights().probabilities(vectors.get(validation[i]))[0], p[i][0]);
            assertEquals(1.0, p[i][0] + p[i][1] + p[i][2], 1e-5);
        }
    }

    @Test
    void theCandidateWithTheBestValidationScoreIsKept() {
        final int[] train = IntStream.range(0, 240).toArray();
        final int[] validation = IntStream.range(240, 300).toArray();
        // A head so strongly held to zero that it cannot fit, before a plain one: validation must pick the second.
        final HeadTrainer trainer = new HeadTrainer(SETTINGS, List.of(
                classes -> HeadSpec.linear(DIMENSION, classes, 1000f),
                classes -> HeadSpec.mlp(DIMENSION, 16, classes, 0f)));

        final TrainingOutcome<HeadWeights> outcome = trainer.train(vectors, labels, 3, train, validation, EpochListener.NONE);

        assertEquals(HeadSpec.mlp(DIMENSION, 16, 3, 0f), outcome.weights().spec());
    }

    @Test
    void withoutValidationRecordsTheFirstCandidateTrainsEveryEpoch() {
        final List<Integer> epochs = new ArrayList<>();
        final HeadTrainer trainer = new HeadTrainer(SETTINGS.toBuilder().optMaxEpochs(4).build(),
                HeadTrainer.defaultCandidates(DIMENSION));

        final TrainingOutcome<HeadWeights> outcome = trainer.train(vectors, labels, 3, IntStream.range(0, 300).toArray(), new int[0],
                (epoch, loss, f1, elapsed) -> epochs.add(epoch));

        assertEquals(HeadTrainer.defaultCandidates(DIMENSION).getFirst().apply(3), outcome.weights().spec());
        assertEquals(List.of(1, 2, 3, 4), epochs);
        assertEquals("max epochs", outcome.stopReason());
        assertTrue(Double.isNaN(outcome.bestValidationMacroF1()));
    }

    @Test
    void theStandardisationIsTheTrainingRecordsMeanAndSpread() {
        final float[][] standardisation = HeadTrainer.standardisation(List.of(new float[]{1f, 5f}, new float[]{3f, 5f},
                new float[]{100f, 100f}), new int[]{0, 1});

        assertEquals(2f, standardisation[0][0]);
        assertEquals(5f, standardisation[0][1]);
        assertEquals(1f, standardisation[1][0]);
        assertEquals(1f, standardisation[1][1], "a component that does not vary keeps scale 1");
    }
}
