package io.nifidq.ml.encoder;

/** How the hidden states of a text's tokens become one sentence vector. */
public enum Pooling {

    /** The first token's hidden state: BGE and most BERT classifiers are trained to put the sentence there. */
    CLS {
        @Override
        void pool(final float[] hidden, final int row, final int length, final long[] mask, final int size, final float[] into) {
            System.arraycopy(hidden, row * length * size, into, 0, size);
        }
    },

    /** The mean of the real tokens' hidden states (padding left out): what sentence-transformers' MiniLM models expect. */
    MEAN {
        @Override
        void pool(final float[] hidden, final int row, final int length, final long[] mask, final int size, final float[] into) {
            int tokens = 0;
            for (int t = 0; t < length; t++) {
                if (mask[row * length + t] == 0) {
                    continue;
                }
                tokens++;
                final int offset = (row * length + t) * size;
                for (int d = 0; d < size; d++) {
                    into[d] += hidden[offset + d];
                }
            }
            if (tokens > 0) {
                for (int d = 0; d < size; d++) {
                    into[d] /= tokens;
                }
            }
        }
    };

    /**
     * Pools one text of a padded batch.
     *
     * @param hidden the batch's hidden states, {@code [batch, length, size]} flattened
     * @param row    the text's row in the batch
     * @param length the batch's padded length
     * @param mask   the batch's attention mask, {@code [batch, length]} flattened (1 = real token)
     * @param size   the hidden size
     * @param into   a zeroed vector of {@code size} that receives the sentence vector
     */
    abstract void pool(float[] hidden, int row, int length, long[] mask, int size, float[] into);

    /** Scales the vector to unit length in place; a zero vector stays zero. */
    public static void normalize(final float[] vector) {
        double sum = 0;
        for (final float v : vector) {
            sum += (double) v * v;
        }
        if (sum > 0) {
            final float scale = (float) (1.0 / Math.sqrt(sum));
            for (int d = 0; d < vector.length; d++) {
                vector[d] *= scale;
            }
        }
    }
}
