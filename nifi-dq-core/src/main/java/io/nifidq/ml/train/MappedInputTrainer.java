package io.nifidq.ml.train;

import java.util.List;
import java.util.function.Function;

/**
 * A trainer over other inputs than the job's: each input list is mapped once (e.g. token ids to a frozen encoder's sentence
 * vectors) and the mapping kept for the next call on the same list, so the folds of a pass map the records once.
 *
 * @param <X> the job's input
 * @param <Y> the wrapped trainer's input
 * @param <W> the weights
 */
final class MappedInputTrainer<X, Y, W> implements ClassifierTrainer<X, W> {

    private final Function<List<X>, List<Y>> mapping;
    private final ClassifierTrainer<Y, W> trainer;
    private List<X> lastInputs;
    private List<Y> lastMapped;

    MappedInputTrainer(final Function<List<X>, List<Y>> mapping, final ClassifierTrainer<Y, W> trainer) {
        this.mapping = mapping;
        this.trainer = trainer;
    }

    @Override
    public TrainingOutcome<W> train(final List<X> inputs, final int[] labels, final int classes, final int[] train,
                                    final int[] validation, final EpochListener listener) {
        return trainer.train(mapped(inputs), labels, classes, train, validation, listener);
    }

    @Override
    public float[][] probabilities(final W weights, final List<X> inputs, final int[] indices) {
        return trainer.probabilities(weights, mapped(inputs), indices);
    }

    private List<Y> mapped(final List<X> inputs) {
        if (inputs != lastInputs) {
            lastMapped = mapping.apply(inputs);
            lastInputs = inputs;
        }
        return lastMapped;
    }
}
