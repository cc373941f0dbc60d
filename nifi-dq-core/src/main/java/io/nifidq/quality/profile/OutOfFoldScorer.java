package io.nifidq.quality.profile;

import java.io.IOException;
import java.util.List;

/**
 * Where the label-noise check's out-of-fold probabilities come from: a model family that, for each fold, trains on the
 * sample's other folds and scores the texts of that fold, so that no text is scored by a model that saw it. Confident
 * learning then reads the probabilities the same way whichever scorer made them. {@link WordNaiveBayesScorer} is the
 * default; {@link EncoderHeadScorer} scores on a pretrained encoder's sentence vectors (cleanlab's recommended practice).
 * An implementation is stateless between calls or safe to call from several threads at once: one instance serves every
 * profile of a processor.
 */
public interface OutOfFoldScorer {

    /**
     * How many texts of the check's sample this scorer scores at most: the check passes a prefix of its reservoir (a
     * uniform sub-sample), so an expensive scorer bounds its cost here.
     */
    int maxTexts();

    /**
     * The name of the model family, as the report names it: a serialised profile keeps it, and profiles merge only when
     * their label-noise checks use the same model.
     */
    default String model() {
        return getClass().getName();
    }

    /**
     * Out-of-fold class probabilities.
     *
     * @param texts   the sample's texts, none blank
     * @param classes class code per text, 0..classCount-1
     * @param folds   fold per text, 0..foldCount-1; a text is scored by a model trained on the texts of the other folds
     * @return one probability row of length classCount per text, and the name of the model that made them
     * @throws IOException when the model cannot be had (an encoder that does not load, say)
     */
    Scores score(List<String> texts, int[] classes, int classCount, int[] folds, int foldCount) throws IOException;

    /**
     * @param model         what made the probabilities, as the report names it ("Word Naive Bayes", "Pretrained Encoder")
     * @param encoder       the encoder's name when a pretrained encoder made them, else null
     * @param probabilities per text, its out-of-fold class probabilities
     */
    record Scores(String model, String encoder, double[][] probabilities) {
    }
}
