package io.nifidq.ml.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The parameters of a {@link HashedTextNetwork} as plain Java arrays: the trainer updates them in place
 * (row-sparse for the embedding, dense for the head) and copies them into the network's DJL parameters
 * to save. Not thread-safe.
 */
public final class NetworkWeights {

    private final NetworkSpec spec;
    private final float[] embedding;
    private final Map<String, float[]> head;

    public NetworkWeights(final NetworkSpec spec, final float[] embedding, final Map<String, float[]> head) {
        this.spec = spec;
        this.embedding = embedding;
        this.head = head;
    }

    /**
     * Fresh weights: embedding rows uniform in +-1/dim (fastText's choice; the padding row 0 stays zero),
     * head weights Xavier-uniform, biases zero.
     */
    public static NetworkWeights initialize(final NetworkSpec spec, final long seed) {
        final Random random = new Random(seed);
        final float[] embedding = new float[Math.multiplyExact(spec.rows(), spec.dim())];
        final float bound = 1f / spec.dim();
        for (int i = spec.dim(); i < embedding.length; i++) {
            embedding[i] = (random.nextFloat() * 2f - 1f) * bound;
        }
        final Map<String, float[]> head = new LinkedHashMap<>();
        for (final Map.Entry<String, long[]> e : spec.headShapes().entrySet()) {
            final long[] shape = e.getValue();
            final float[] values = new float[(int) size(shape)];
            if (shape.length > 1) {
                final long fanOut = shape[0];
                final long fanIn = size(shape) / shape[0];
                final float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (random.nextFloat() * 2f - 1f) * limit;
                }
            }
            head.put(e.getKey(), values);
        }
        return new NetworkWeights(spec, embedding, head);
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** Row-major [rows, dim]. */
    public float[] embedding() {
        return embedding;
    }

    /** Head parameters by name, in {@link NetworkSpec#headShapes()} order. */
    public Map<String, float[]> head() {
        return head;
    }

    /** A deep copy (used to keep the best epoch's weights). */
    public NetworkWeights copy() {
        final Map<String, float[]> h = new LinkedHashMap<>();
        head.forEach((k, v) -> h.put(k, v.clone()));
        return new NetworkWeights(spec, embedding.clone(), h);
    }

    /** Copies another set of weights of the same spec into this one, without allocating. */
    public void copyFrom(final NetworkWeights other) {
        System.arraycopy(other.embedding, 0, embedding, 0, embedding.length);
        head.forEach((k, v) -> System.arraycopy(other.head.get(k), 0, v, 0, v.length));
    }

    static long size(final long[] shape) {
        long n = 1;
        for (final long s : shape) {
            n *= s;
        }
        return n;
    }
}
