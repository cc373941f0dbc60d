package io.nifidq.ml.head;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A trained head: its shape, the standardisation of the sentence vectors it was trained on (each component's mean and
 * scale over the training records), and its parameters as plain arrays ({@code [out, in]} row-major). {@link #probabilities}
 * is the forward pass in Java, the one serving and evaluation both use; the trainer computes the same arithmetic with
 * DJL's PyTorch engine to get gradients.
 */
public final class HeadWeights {

    private final HeadSpec spec;
    private final float[] mean;
    private final float[] scale;
    private final Map<String, float[]> parameters;

    public HeadWeights(final HeadSpec spec, final float[] mean, final float[] scale, final Map<String, float[]> parameters) {
        if (mean.length != spec.inputs() || scale.length != spec.inputs()) {
            throw new IllegalArgumentException("the standardisation has " + mean.length + "/" + scale.length + " components, the head "
                    + spec.inputs() + " inputs");
        }
        for (final Map.Entry<String, int[]> shape : spec.shapes().entrySet()) {
            final float[] values = parameters.get(shape.getKey());
            if (values == null || values.length != size(shape.getValue())) {
                throw new IllegalArgumentException("the head parameter " + shape.getKey() + " is missing or not of its shape");
            }
        }
        this.spec = spec;
        this.mean = mean;
        this.scale = scale;
        this.parameters = parameters;
    }

    /** Fresh weights: Xavier-uniform weights, zero biases, with the given standardisation. */
    public static HeadWeights initialize(final HeadSpec spec, final float[] mean, final float[] scale, final long seed) {
        final Random random = new Random(seed);
        final Map<String, float[]> parameters = new LinkedHashMap<>();
        for (final Map.Entry<String, int[]> e : spec.shapes().entrySet()) {
            final int[] shape = e.getValue();
            final float[] values = new float[size(shape)];
            if (shape.length == 2) {
                final float limit = (float) Math.sqrt(6.0 / (shape[0] + shape[1]));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (random.nextFloat() * 2f - 1f) * limit;
                }
            }
            parameters.put(e.getKey(), values);
        }
        return new HeadWeights(spec, mean, scale, parameters);
    }

    public HeadSpec spec() {
        return spec;
    }

    public float[] mean() {
        return mean;
    }

    public float[] scale() {
        return scale;
    }

    /** Parameters by name, in {@link HeadSpec#shapes()} order; the trainer updates them in place. */
    public Map<String, float[]> parameters() {
        return parameters;
    }

    public HeadWeights copy() {
        final Map<String, float[]> copied = new LinkedHashMap<>();
        parameters.forEach((name, values) -> copied.put(name, values.clone()));
        return new HeadWeights(spec, mean, scale, copied);
    }

    /** The standardised vector: (v - mean) / scale per component. */
    public float[] standardise(final float[] vector) {
        if (vector.length != spec.inputs()) {
            throw new IllegalArgumentException("a sentence vector of length " + vector.length + " given to a head of " + spec.inputs()
                    + " inputs");
        }
        final float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = (vector[i] - mean[i]) / scale[i];
        }
        return out;
    }

    /**
     * Class probabilities of one sentence vector. The empty vector of a blank text gets the probabilities of the training
     * records' mean vector, as an n-gram model gives an empty input its prior.
     */
    public float[] probabilities(final float[] vector) {
        float[] activations = vector.length == 0 ? new float[spec.inputs()] : standardise(vector);
        if (!spec.isLinear()) {
            activations = affine(parameters.get("hidden_weight"), parameters.get("hidden_bias"), activations, spec.hidden());
            for (int i = 0; i < activations.length; i++) {
                activations[i] = Math.max(0f, activations[i]);
            }
        }
        return softmax(affine(parameters.get("output_weight"), parameters.get("output_bias"), activations, spec.classes()));
    }

    private static float[] affine(final float[] weight, final float[] bias, final float[] input, final int outputs) {
        final float[] out = new float[outputs];
        final int inputs = input.length;
        for (int o = 0; o < outputs; o++) {
            double sum = bias[o];
            final int row = o * inputs;
            for (int i = 0; i < inputs; i++) {
                sum += weight[row + i] * input[i];
            }
            out[o] = (float) sum;
        }
        return out;
    }

    private static float[] softmax(final float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (final float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        final double[] e = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            e[c] = Math.exp(logits[c] - max);
            sum += e[c];
        }
        final float[] p = new float[logits.length];
        for (int c = 0; c < logits.length; c++) {
            p[c] = (float) (e[c] / sum);
        }
        return p;
    }

    static int size(final int[] shape) {
        int n = 1;
        for (final int s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }
}
