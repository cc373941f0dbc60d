package io.nifidq.ml.features;

/**
 * What turns a text into a model's input: {@link HashingFeaturizer}'s hashed n-gram ids for the n-gram family; a pretrained
 * encoder's sentence vector for the next one. A training job featurizes each record once and reuses the inputs in every
 * fold and pass.
 *
 * @param <X> the input of one text
 */
public interface TextFeaturizer<X> {

    X featurize(CharSequence text);

    /** Whether the input gives a model anything to learn from (a text without a single token gives no hashed id). */
    boolean usable(X input);
}
