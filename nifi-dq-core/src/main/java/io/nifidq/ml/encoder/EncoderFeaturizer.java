package io.nifidq.ml.encoder;

import io.nifidq.ml.features.TextFeaturizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pretrained-encoder family's featurizer: a text's input is its sentence vector. A blank text gives an empty vector,
 * which is not usable (every blank text would get the same vector: nothing to learn from). {@link #featurizeAll} embeds a
 * job's texts in batches and each distinct text once; {@link #featurize} runs the graph for one text.
 */
public final class EncoderFeaturizer implements TextFeaturizer<float[]> {

    private static final float[] NO_VECTOR = new float[0];

    private final BertEncoder encoder;
    private final EmbeddingListener listener;
    private long embeddedTexts;
    private long truncatedTexts;
    private long embeddingNanos;

    public EncoderFeaturizer(final BertEncoder encoder) {
        this(encoder, EmbeddingListener.NONE);
    }

    /** A featurizer whose {@link #featurizeAll(List)} reports its progress to the listener. */
    public EncoderFeaturizer(final BertEncoder encoder, final EmbeddingListener listener) {
        this.encoder = encoder;
        this.listener = listener;
    }

    public BertEncoder encoder() {
        return encoder;
    }

    @Override
    public float[] featurize(final CharSequence text) {
        return isBlank(text) ? NO_VECTOR : encoder.embed(text);
    }

    /**
     * The inputs of many texts, in their order: duplicates and blank texts are not run through the graph. Duplicates share
     * one array; treat the vectors as read-only.
     */
    public List<float[]> featurizeAll(final List<? extends CharSequence> texts, final EmbeddingListener listener) {
        final Map<String, Integer> distinctIndex = new HashMap<>();
        final List<String> distinct = new ArrayList<>();
        final int[] slot = new int[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            final CharSequence text = texts.get(i);
            if (isBlank(text)) {
                slot[i] = -1;
                continue;
            }
            slot[i] = distinctIndex.computeIfAbsent(text.toString(), key -> {
                distinct.add(key);
                return distinct.size() - 1;
            });
        }
        final long start = System.nanoTime();
        final Embeddings embeddings = encoder.embed(distinct, listener);
        final float[][] vectors = embeddings.vectors();
        synchronized (this) {
            embeddedTexts += distinct.size();
            truncatedTexts += embeddings.truncatedTexts();
            embeddingNanos += System.nanoTime() - start;
        }
        final List<float[]> inputs = new ArrayList<>(texts.size());
        for (final int s : slot) {
            inputs.add(s < 0 ? NO_VECTOR : vectors[s]);
        }
        return inputs;
    }

    @Override
    public List<float[]> featurizeAll(final List<? extends CharSequence> texts) {
        return featurizeAll(texts, listener);
    }

    /** Distinct texts run through the encoder by {@link #featurizeAll} so far. */
    public synchronized long embeddedTexts() {
        return embeddedTexts;
    }

    /** Of those, the texts cut to the encoder's maximum length. */
    public synchronized long truncatedTexts() {
        return truncatedTexts;
    }

    /** Wall time of {@link #featurizeAll}'s embedding so far. */
    public synchronized double embeddingSeconds() {
        return embeddingNanos / 1e9;
    }

    @Override
    public boolean usable(final float[] input) {
        return input.length > 0;
    }

    private static boolean isBlank(final CharSequence text) {
        return text == null || text.toString().isBlank();
    }
}
