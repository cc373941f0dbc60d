package io.nifidq.ml.train;

import java.util.List;

/**
 * Trains the classifiers of one model family on featurized records and scores records with them; what a training job, its
 * out-of-fold passes and its evaluation need from a family. Indices refer to the inputs and labels given.
 *
 * @param <X> the input of one record (see {@link io.nifidq.ml.features.TextFeaturizer})
 * @param <W> the trained weights
 */
public interface ClassifierTrainer<X, W> {

    /**
     * Trains on {@code train} and stops early on {@code validation} (no early stopping when it is empty).
     *
     * @param labels  class id per record, 0..classes-1
     * @param classes number of labels
     */
    TrainingOutcome<W> train(List<X> inputs, int[] labels, int classes, int[] train, int[] validation, EpochListener listener);

    /** Class probabilities {@code [indices.length][classes]} of the given records under the weights. */
    float[][] probabilities(W weights, List<X> inputs, int[] indices);
}
