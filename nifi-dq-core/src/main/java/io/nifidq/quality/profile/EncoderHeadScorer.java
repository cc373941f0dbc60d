package io.nifidq.quality.profile;

import io.nifidq.ml.encoder.BertEncoder;
import io.nifidq.ml.encoder.EncoderException;
import io.nifidq.ml.encoder.EncoderFeaturizer;
import io.nifidq.ml.head.HeadWeights;
import io.nifidq.ml.train.ClassWeighting;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.HeadTrainer;
import io.nifidq.ml.train.TrainingOutcome;
import io.nifidq.ml.train.TrainingSettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Out-of-fold probabilities from a head on a pretrained encoder's sentence vectors, cleanlab's recommended practice: the
 * sample is embedded once (each distinct text once), and for each fold a {@link HeadTrainer} head (a softmax regression or a
 * small MLP, chosen on a validation share of {@value #VALIDATION_SHARE} carved from the fold's training part) trains on the
 * other folds' vectors, unweighted (confident learning's thresholds need probabilities that mean what they say), and scores
 * the fold. Deterministic for a seed and an encoder.
 * <p>
 * Cost: embedding runs at about 100 to 350 short texts per second on 2 CPU cores, and the five folds' heads (two candidates
 * each, early stopping) take as long again or more, so the scorer checks at most the first {@value #MAX_TEXTS} texts of the
 * check's sample (a uniform sub-sample of it): 44 s for 2,000 SMS messages on 2 busy CPU cores, about 7 s for 200 short
 * reviews (the naive Bayes: 0.1 s for the same 2,000).
 */
public final class EncoderHeadScorer implements OutOfFoldScorer {

    /** The report's name for this model. */
    public static final String MODEL = "Pretrained Encoder";
    /** The texts of the check's sample this scorer checks at most. */
    public static final int MAX_TEXTS = 2_000;
    /** The seed ProfileQuality's scorer uses. */
    public static final long DEFAULT_SEED = 42L;
    static final double VALIDATION_SHARE = 0.1;
    /** A fold's training part with fewer validation texts than this trains the first candidate head without validation. */
    static final int MIN_VALIDATION = 20;

    /** Which encoder embeds a sample, given its texts (the bundled one of their language, say). */
    @FunctionalInterface
    public interface EncoderChoice {
        BertEncoder encoderFor(List<String> texts) throws EncoderException;
    }

    private final EncoderChoice encoders;
    private final long seed;

    /**
     * @param encoders the encoder for a sample's texts; the scorer uses it and does not close it
     * @param seed     seeds the heads and the validation shares
     */
    public EncoderHeadScorer(final EncoderChoice encoders, final long seed) {
        this.encoders = encoders;
        this.seed = seed;
    }

    @Override
    public int maxTexts() {
        return MAX_TEXTS;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Scores score(final List<String> texts, final int[] classes, final int classCount, final int[] folds, final int foldCount)
            throws EncoderException {
        final BertEncoder encoder = encoders.encoderFor(texts);
        final List<float[]> vectors = new EncoderFeaturizer(encoder).featurizeAll(texts);
        final TrainingSettings settings = TrainingSettings.builder().optLearningRate(HeadTrainer.DEFAULT_LEARNING_RATE)
                .optClassWeighting(ClassWeighting.NONE).optSeed(seed).build();
        final double[][] probabilities = new double[texts.size()][];
        for (int fold = 0; fold < foldCount; fold++) {
            final int f = fold;
            final int[] heldOut = IntStream.range(0, texts.size()).filter(i -> folds[i] == f).toArray();
            if (heldOut.length == 0) {
                continue;
            }
            final int[] rest = IntStream.range(0, texts.size()).filter(i -> folds[i] != f && vectors.get(i).length > 0).toArray();
            final int[][] split = carveValidation(rest, seed + fold);
            final HeadTrainer trainer = new HeadTrainer(settings, HeadTrainer.defaultCandidates(encoder.dimension()));
            final TrainingOutcome<HeadWeights> outcome = trainer.train(vectors, classes, classCount, split[0], split[1], EpochListener.NONE);
            final float[][] p = trainer.probabilities(outcome.weights(), vectors, heldOut);
            for (int j = 0; j < heldOut.length; j++) {
                probabilities[heldOut[j]] = widen(p[j]);
            }
        }
        return new Scores(MODEL, encoder.name(), probabilities);
    }

    /** The fold's training part shuffled and cut into training and validation texts (no validation when it would be tiny). */
    static int[][] carveValidation(final int[] rest, final long seed) {
        final List<Integer> order = new ArrayList<>(IntStream.of(rest).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        final int validation = (int) Math.round(rest.length * VALIDATION_SHARE);
        if (validation < MIN_VALIDATION) {
            return new int[][]{rest, new int[0]};
        }
        return new int[][]{order.subList(validation, order.size()).stream().mapToInt(Integer::intValue).sorted().toArray(),
                order.subList(0, validation).stream().mapToInt(Integer::intValue).sorted().toArray()};
    }

    private static double[] widen(final float[] p) {
        final double[] wide = new double[p.length];
        for (int c = 0; c < p.length; c++) {
            wide[c] = p[c];
        }
        return wide;
    }
}
