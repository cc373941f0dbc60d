package io.nifidq.ml.train;

import io.nifidq.ml.features.TextFeaturizer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BlendedModelFamilyTest {

    /** Records 0..9: labels alternate 0, 1. */
    private static final int[] LABELS = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
    private static final int[] TRAIN = {0, 1, 2, 3, 4, 5};
    private static final int[] VALIDATION = {6, 7, 8, 9};

    @Test
    void theShareGoesToTheModelThatIsRightOnTheValidationRecords() {
        final List<BlendedModelFamily.Input<Integer, Integer>> inputs = inputs();

        final float towardsFirst = train(new FixedFamily(true), new FixedFamily(false), inputs).weights().share();
        final float towardsSecond = train(new FixedFamily(false), new FixedFamily(true), inputs).weights().share();

        assertEquals(1f, towardsFirst);
        // 0.25 x 0.1 + 0.75 x 0.9 on the true class already gets every validation record right: ties keep the first's larger share.
        assertEquals(0.25f, towardsSecond);
    }

    @Test
    void theBlendIsTheSharedSumOfBothModelsProbabilities() {
        final float[][] blended = BlendedModelFamily.blend(new float[][]{{0.8f, 0.2f}}, new float[][]{{0.4f, 0.6f}}, 0.75f);
        assertArrayEquals(new float[]{0.7f, 0.3f}, blended[0], 1e-6f);
    }

    private static TrainingOutcome<BlendedModelFamily.Weights<Boolean, Boolean>> train(final FixedFamily first, final FixedFamily second,
                                                                                   final List<BlendedModelFamily.Input<Integer, Integer>> inputs) {
        return new BlendedModelFamily<>(first, second).trainer(ClassWeighting.NONE)
                .train(inputs, LABELS, 2, TRAIN, VALIDATION, EpochListener.NONE);
    }

    private static List<BlendedModelFamily.Input<Integer, Integer>> inputs() {
        return java.util.stream.IntStream.range(0, LABELS.length).mapToObj(i -> new BlendedModelFamily.Input<>(i, i)).toList();
    }

    /** A family whose "model" is either always right (probability 0.9 on the true class) or always wrong. */
    private record FixedFamily(boolean right) implements ModelFamily<Integer, Boolean> {

        @Override
        public TextFeaturizer<Integer> featurizer() {
            throw new UnsupportedOperationException("inputs are given");
        }

        @Override
        public ClassifierTrainer<Integer, Boolean> trainer(final ClassWeighting weighting) {
            return new ClassifierTrainer<>() {
                @Override
                public TrainingOutcome<Boolean> train(final List<Integer> inputs, final int[] labels, final int classes, final int[] train,
                                                      final int[] validation, final EpochListener listener) {
                    return new TrainingOutcome<>(right, 1, 1, right ? 1.0 : 0.0, 0, "max epochs", "cpu()", new float[]{1f, 1f});
                }

                @Override
                public float[][] probabilities(final Boolean isRight, final List<Integer> inputs, final int[] indices) {
                    final float[][] p = new float[indices.length][];
                    for (int i = 0; i < indices.length; i++) {
                        final int truth = LABELS[inputs.get(indices[i])];
                        final int said = isRight ? truth : 1 - truth;
                        p[i] = said == 0 ? new float[]{0.9f, 0.1f} : new float[]{0.1f, 0.9f};
                    }
                    return p;
                }
            };
        }

        @Override
        public TrainedModel trainedModel(final Boolean weights, final List<String> labels) {
            return new TrainedModel() {
                @Override
                public String modelType() {
                    return "FIXED";
                }

                @Override
                public void writeFiles(final Path directory) {
                }
            };
        }
    }
}
