package io.nifidq.ml.train;

import io.nifidq.ml.features.TextFeaturizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two families trained side by side on the same records, their class probabilities blended: {@code share x first + (1 -
 * share) x second}, the share chosen on the validation records from {@link #SHARES} (ties keep the larger share of the
 * first). With the pretrained encoder first and the n-gram model second, a blend can only match or beat either on
 * validation: where the encoder's meaning wins (SST-2) the share goes to 1, where words carry the classes (Chinese hotel
 * reviews, Reuters' rare topics) the n-gram model gets its part. The fine-tuned encoder blends the same way. Each record is
 * featurized once by each family.
 *
 * @param <A> the first family's input
 * @param <B> the second family's input
 * @param <V> the first family's weights
 * @param <U> the second family's weights
 */
public final class BlendedModelFamily<A, B, V, U> implements ModelFamily<BlendedModelFamily.Input<A, B>, BlendedModelFamily.Weights<V, U>> {

    /** The first family's shares tried on validation, largest first. */
    static final float[] SHARES = {1f, 0.75f, 0.5f, 0.25f, 0f};
    /** The file beside both families' files that names the blend. */
    public static final String BLEND_FILE = "blend.json";

    /** One record's inputs of both families. */
    public record Input<A, B>(A first, B second) {
    }

    /** Both families' weights and the first one's share of the blend. */
    public record Weights<V, U>(V first, U second, float share) {
    }

    private final ModelFamily<A, V> first;
    private final ModelFamily<B, U> second;

    public BlendedModelFamily(final ModelFamily<A, V> first, final ModelFamily<B, U> second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public TextFeaturizer<Input<A, B>> featurizer() {
        final TextFeaturizer<A> a = first.featurizer();
        final TextFeaturizer<B> b = second.featurizer();
        return new TextFeaturizer<>() {
            @Override
            public Input<A, B> featurize(final CharSequence text) {
                return new Input<>(a.featurize(text), b.featurize(text));
            }

            @Override
            public boolean usable(final Input<A, B> input) {
                return a.usable(input.first()) && b.usable(input.second());
            }

            @Override
            public List<Input<A, B>> featurizeAll(final List<? extends CharSequence> texts) {
                final List<A> as = a.featurizeAll(texts);
                final List<B> bs = b.featurizeAll(texts);
                final List<Input<A, B>> inputs = new ArrayList<>(texts.size());
                for (int i = 0; i < texts.size(); i++) {
                    inputs.add(new Input<>(as.get(i), bs.get(i)));
                }
                return inputs;
            }
        };
    }

    @Override
    public ClassifierTrainer<Input<A, B>, Weights<V, U>> trainer(final ClassWeighting weighting) {
        return blended(first.trainer(weighting), second.trainer(weighting));
    }

    /** Each family's own fold trainer, blended the same way (a fine-tuned encoder's folds train on its frozen vectors). */
    @Override
    public ClassifierTrainer<Input<A, B>, ?> foldTrainer(final ClassWeighting weighting) {
        return blended(first.foldTrainer(weighting), second.foldTrainer(weighting));
    }

    /** Trains both, then picks the share on validation; scores with the blend. */
    private static <A, B, V, U> ClassifierTrainer<Input<A, B>, Weights<V, U>> blended(final ClassifierTrainer<A, V> a,
                                                                                   final ClassifierTrainer<B, U> b) {
        final Halves<A, B> halves = new Halves<>();
        return new ClassifierTrainer<>() {
            @Override
            public TrainingOutcome<Weights<V, U>> train(final List<Input<A, B>> inputs, final int[] labels, final int classes,
                                                        final int[] train, final int[] validation, final EpochListener listener) {
                final TrainingOutcome<V> firstOutcome = a.train(halves.firsts(inputs), labels, classes, train, validation, listener);
                final TrainingOutcome<U> secondOutcome = b.train(halves.seconds(inputs), labels, classes, train, validation, listener);
                float share = SHARES[0];
                double bestF1 = firstOutcome.bestValidationMacroF1();
                if (validation.length > 0) {
                    final float[][] pa = a.probabilities(firstOutcome.weights(), halves.firsts(inputs), validation);
                    final float[][] pb = b.probabilities(secondOutcome.weights(), halves.seconds(inputs), validation);
                    bestF1 = Double.NEGATIVE_INFINITY;
                    for (final float s : SHARES) {
                        final int[] predicted = TextClassifierTrainer.argmax(blend(pa, pb, s));
                        final double f1 = TextClassifierTrainer.macroF1(TextClassifierTrainer.classNames(classes), labels, validation,
                                predicted);
                        if (f1 > bestF1 + 1e-9) {
                            bestF1 = f1;
                            share = s;
                        }
                    }
                }
                return new TrainingOutcome<>(new Weights<>(firstOutcome.weights(), secondOutcome.weights(), share),
                        firstOutcome.epochsRun(), firstOutcome.bestEpoch(), bestF1,
                        firstOutcome.trainMillis() + secondOutcome.trainMillis(), firstOutcome.stopReason(), firstOutcome.device(),
                        firstOutcome.classWeights());
            }

            @Override
            public float[][] probabilities(final Weights<V, U> weights, final List<Input<A, B>> inputs, final int[] indices) {
                return blend(a.probabilities(weights.first(), halves.firsts(inputs), indices),
                        b.probabilities(weights.second(), halves.seconds(inputs), indices), weights.share());
            }
        };
    }

    @Override
    public TrainedModel trainedModel(final Weights<V, U> weights, final List<String> labels) {
        final TrainedModel a = first.trainedModel(weights.first(), labels);
        final TrainedModel b = second.trainedModel(weights.second(), labels);
        return new TrainedModel() {
            @Override
            public String modelType() {
                return a.modelType();
            }

            @Override
            public void writeFiles(final Path directory) throws IOException {
                a.writeFiles(directory);
                b.writeFiles(directory);
                Blend.write(directory, new Blend(weights.share(), b.modelType()));
            }
        };
    }

    @Override
    public TrainingReport.Encoder encoderReport(final Weights<V, U> weights) {
        final TrainingReport.Encoder encoder = first.encoderReport(weights.first());
        return encoder == null ? null : encoder.withBlend(weights.share(), second.trainedModel(weights.second(), List.of()).modelType());
    }

    /** share x a + (1 - share) x b, per record and class. */
    public static float[][] blend(final float[][] a, final float[][] b, final float share) {
        final float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new float[a[i].length];
            for (int c = 0; c < a[i].length; c++) {
                out[i][c] = share * a[i][c] + (1 - share) * b[i][c];
            }
        }
        return out;
    }

    /**
     * The two halves of the inputs, split once per input list: the same lists come back for the same inputs, so a trainer
     * that keeps work per input list (a frozen encoder's vectors) does it once.
     */
    private static final class Halves<A, B> {
        private List<Input<A, B>> inputs;
        private List<A> firsts;
        private List<B> seconds;

        synchronized List<A> firsts(final List<Input<A, B>> of) {
            split(of);
            return firsts;
        }

        synchronized List<B> seconds(final List<Input<A, B>> of) {
            split(of);
            return seconds;
        }

        private void split(final List<Input<A, B>> of) {
            if (of != inputs) {
                firsts = of.stream().map(Input::first).toList();
                seconds = of.stream().map(Input::second).toList();
                inputs = of;
            }
        }
    }

    /**
     * What {@value #BLEND_FILE} holds.
     *
     * @param share       the first model's share of the blended probabilities
     * @param secondModel the model type of the second model, whose files lie beside the first's
     */
    public record Blend(float share, String secondModel) {

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

        static void write(final Path directory, final Blend blend) throws IOException {
            JSON.writeValue(directory.resolve(BLEND_FILE).toFile(), blend);
        }

        /** The blend of a version directory, or null when it holds one model only. */
        public static Blend read(final Path directory) throws IOException {
            final Path file = directory.resolve(BLEND_FILE);
            return java.nio.file.Files.isRegularFile(file) ? JSON.readValue(file.toFile(), Blend.class) : null;
        }
    }
}
