package io.nifidq.ml.train;

import io.nifidq.ml.noise.ConfidentLearning;
import io.nifidq.ml.split.StratifiedSplitter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * k-fold out-of-fold probabilities of the training records, and the label errors confident learning finds in them.
 * The fold models (of the job's model family) train without class weights, whatever the final model uses.
 */
public final class OutOfFold {

    private OutOfFold() {
    }

    /**
     * Out-of-fold probabilities for the original training records: k stratified folds; each fold's model
     * trains on the other folds (with their augmented records, never with augmented copies of the
     * held-out records) and stops early on the validation split. Indices in the suspects are indices into features.
     * The listener hears each fold model start (as fold f of {@code folds} of label-noise pass {@code pass} of
     * {@code passes}) and its epochs.
     */
    public static <X> List<ConfidentLearning.Suspect> suspects(final ModelFamily<X, ?> family, final List<X> features,
                                                            final int[] labels, final boolean[] augmented, final int[] groups,
                                                            final int[] train, final int[] validation, final int classes,
                                                            final int folds, final long seed, final int pass, final int passes,
                                                            final EpochListener listener) {
        // Unweighted fold models: class weights inflate the minority's probabilities, and confident learning's
        // per-class thresholds need probabilities that mean what they say (on 10% flipped SMS labels, precision of
        // the flags 0.47 with inverse-frequency weights, 0.76 without; recall 0.73 and 0.87).
        return suspects(family.foldTrainer(ClassWeighting.NONE), features, labels, augmented, groups, train, validation, classes,
                folds, seed, pass, passes, listener);
    }

    private static <X, W> List<ConfidentLearning.Suspect> suspects(final ClassifierTrainer<X, W> trainer, final List<X> features,
                                                               final int[] labels, final boolean[] augmented, final int[] groups,
                                                               final int[] train, final int[] validation, final int classes,
                                                               final int folds, final long seed, final int pass, final int passes,
                                                               final EpochListener listener) {
        final int[] originals = IntStream.of(train).filter(i -> !augmented[i]).toArray();
        final int[] originalLabels = IntStream.of(originals).map(i -> labels[i]).toArray();
        final int[] foldOf = StratifiedSplitter.stratifiedFolds(originalLabels, folds, seed);
        final Map<Integer, Integer> foldOfGroup = new HashMap<>();
        for (int k = 0; k < originals.length; k++) {
            foldOfGroup.put(groups[originals[k]], foldOf[k]);
        }
        final float[][] oof = new float[originals.length][];
        for (int fold = 0; fold < folds; fold++) {
            final int f = fold;
            final int[] heldOutPositions = IntStream.range(0, originals.length).filter(k -> foldOf[k] == f).toArray();
            if (heldOutPositions.length == 0) {
                continue;
            }
            final int[] foldTrain = IntStream.of(train).filter(i -> foldOfGroup.getOrDefault(groups[i], -1) != f).toArray();
            listener.stageStarted(new TrainingStage(pass, passes, fold + 1, folds, foldTrain.length));
            final TrainingOutcome<W> outcome = trainer.train(features, labels, classes, foldTrain, validation, listener);
            final int[] heldOut = IntStream.of(heldOutPositions).map(k -> originals[k]).toArray();
            final float[][] p = trainer.probabilities(outcome.weights(), features, heldOut);
            for (int j = 0; j < heldOutPositions.length; j++) {
                oof[heldOutPositions[j]] = p[j];
            }
        }
        final List<ConfidentLearning.Suspect> local = ConfidentLearning.findSuspects(originalLabels, oof);
        final List<ConfidentLearning.Suspect> mapped = new ArrayList<>();
        for (final ConfidentLearning.Suspect s : local) {
            mapped.add(new ConfidentLearning.Suspect(originals[s.index()], s.givenLabel(), s.predictedLabel(),
                    s.givenProbability(), s.predictedProbability()));
        }
        return mapped;
    }
}
