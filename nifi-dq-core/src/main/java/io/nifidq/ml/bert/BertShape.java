package io.nifidq.ml.bert;

/**
 * The size of a BERT encoder, as its weights tell it (the head count from the graph, see {@link OnnxTensors#attentionHeads}).
 *
 * @param layers       transformer layers
 * @param hidden       hidden size (the length of a token's vector)
 * @param heads        attention heads per layer
 * @param intermediate the feed-forward layer's width
 * @param vocabulary   word-piece vocabulary size
 * @param positions    the most tokens a text can have
 */
public record BertShape(int layers, int hidden, int heads, int intermediate, int vocabulary, int positions) {

    /** BERT's LayerNorm epsilon (Hugging Face's default; bge-small's config keeps it). */
    public static final float LAYER_NORM_EPSILON = 1e-12f;

    public BertShape {
        if (layers < 1 || hidden < 1 || heads < 1 || hidden % heads != 0) {
            throw new IllegalArgumentException("not a BERT shape: " + layers + " layers, hidden " + hidden + ", " + heads + " heads");
        }
    }

    public int headSize() {
        return hidden / heads;
    }

    /** Encoder parameters, for logs and reports. */
    public long parameterCount() {
        final long embeddings = (long) (vocabulary + positions + 2) * hidden + 2L * hidden;
        final long perLayer = 4L * hidden * hidden + 4L * hidden + 2L * hidden * intermediate + intermediate + hidden + 4L * hidden;
        return embeddings + layers * perLayer;
    }

    @Override
    public String toString() {
        return layers + " layers, hidden " + hidden + ", " + heads + " heads, feed-forward " + intermediate;
    }
}
