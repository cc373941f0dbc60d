package io.nifidq.ml.features;

import java.util.ArrayList;
import java.util.List;

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

    /** The inputs of many texts, in their order (a pretrained encoder embeds them in batches, each distinct text once). */
    default List<X> featurizeAll(final List<? extends CharSequence> texts) {
        final List<X> inputs = new ArrayList<>(texts.size());
        for (final CharSequence text : texts) {
            inputs.add(featurize(text));
        }
        return inputs;
    }
}
