package io.nifidq.ml.train;

import io.nifidq.ml.features.TextFeaturizer;

/**
 * One family of models a {@link TrainingJob} can train: how texts become the model's input, and how models are trained
 * on those inputs. The job's steps (split, label-noise passes, final training, evaluation, report) are the same for every
 * family. The n-gram family is {@link NgramModelFamily}; a pretrained encoder with a trained head is the next.
 *
 * @param <X> the input of one record
 */
public interface ModelFamily<X> {

    TextFeaturizer<X> featurizer();

    /** A trainer with the job's settings and the given weighting of the classes in the loss. */
    ClassifierTrainer<X> trainer(ClassWeighting weighting);
}
