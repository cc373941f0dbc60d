package io.nifidq.ml.train;

import io.nifidq.ml.features.TextFeaturizer;

import java.util.List;

/**
 * One family of models a {@link TrainingJob} can train: how texts become the model's input, how models are trained on
 * those inputs, and what a trained model writes into its version directory. The job's steps (split, label-noise passes,
 * final training, evaluation, report) are the same for every family: {@link NgramModelFamily} (hashed n-grams, trained
 * from scratch), {@link EncoderModelFamily} (a pretrained encoder's sentence vectors into a trained head),
 * {@link FineTunedModelFamily} (the encoder itself trained end to end) and {@link BlendedModelFamily} (two of them blended).
 *
 * @param <X> the input of one record
 * @param <W> the trained weights
 */
public interface ModelFamily<X, W> {

    TextFeaturizer<X> featurizer();

    /** A trainer with the job's settings and the given weighting of the classes in the loss. */
    ClassifierTrainer<X, W> trainer(ClassWeighting weighting);

    /**
     * The trainer of the label-noise passes' fold models: the family's own by default. A family whose models are too costly
     * to train k times per pass gives a cheaper one over the same inputs.
     */
    default ClassifierTrainer<X, ?> foldTrainer(final ClassWeighting weighting) {
        return trainer(weighting);
    }

    /** The final model as it is published: the weights with what serving them needs besides (featurizer, encoder). */
    TrainedModel trainedModel(W weights, List<String> labels);

    /** What the report says of the encoder and head; null for a family without an encoder. */
    default TrainingReport.Encoder encoderReport(final W weights) {
        return null;
    }
}
