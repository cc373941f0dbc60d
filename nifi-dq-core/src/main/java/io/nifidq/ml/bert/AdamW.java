package io.nifidq.ml.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.HashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter: Adam with the weight decay taken out of the gradient) over named NDArray parameters, as
 * BERT is fine-tuned: linear warm-up to the peak learning rate, then linear decay to 0 at the last step; no decay of biases
 * and LayerNorm weights; the gradients clipped to a global norm of {@value #MAX_GRADIENT_NORM} first. The moments live on
 * the parameters' device; every update is in place, and each gradient is zeroed after its use.
 */
public final class AdamW implements AutoCloseable {

    static final float MAX_GRADIENT_NORM = 1f;
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final float peakLearningRate;
    private final float weightDecay;
    private final int warmupSteps;
    private final int totalSteps;
    private final NDManager manager;
    private final Map<String, NDArray[]> moments = new HashMap<>();
    private int step;

    /**
     * @param totalSteps the steps of the whole run (the schedule reaches 0 there)
     * @param warmupShare the share of them spent warming up
     */
    public AdamW(final NDManager parent, final float peakLearningRate, final float weightDecay, final int totalSteps,
                 final float warmupShare) {
        this.peakLearningRate = peakLearningRate;
        this.weightDecay = weightDecay;
        this.totalSteps = Math.max(1, totalSteps);
        this.warmupSteps = Math.max(1, Math.round(totalSteps * warmupShare));
        this.manager = parent.newSubManager();
    }

    /** The learning rate of the given 1-based step. */
    public float learningRate(final int atStep) {
        if (atStep <= warmupSteps) {
            return peakLearningRate * atStep / warmupSteps;
        }
        return peakLearningRate * Math.max(0f, (float) (totalSteps - atStep) / Math.max(1, totalSteps - warmupSteps));
    }

    /** One update of every parameter from its gradient; returns the gradients' global norm before clipping. */
    public float update(final Map<String, NDArray> parameters) {
        step++;
        final float rate = learningRate(step);
        final float correction1 = 1 - (float) Math.pow(BETA1, step);
        final float correction2 = 1 - (float) Math.pow(BETA2, step);
        try (NoGradient off = new NoGradient(); NDManager temporary = manager.newSubManager()) {
            final Map<String, NDArray> gradients = new HashMap<>();
            double squares = 0;
            for (final Map.Entry<String, NDArray> parameter : parameters.entrySet()) {
                final NDArray gradient = parameter.getValue().getGradient();
                gradient.attach(temporary);
                gradients.put(parameter.getKey(), gradient);
                squares += temporary(temporary, gradient.square().sum()).getFloat();
            }
            final float norm = (float) Math.sqrt(squares);
            final float clip = norm > MAX_GRADIENT_NORM ? MAX_GRADIENT_NORM / norm : 1f;
            for (final Map.Entry<String, NDArray> parameter : parameters.entrySet()) {
                final NDArray weight = parameter.getValue();
                final NDArray gradient = gradients.get(parameter.getKey());
                final NDArray[] m = moments.computeIfAbsent(parameter.getKey(),
                        k -> new NDArray[] {manager.zeros(weight.getShape()), manager.zeros(weight.getShape())});
                // Clipped before squaring: a square of the raw gradient could overflow where the clipped one does not.
                final NDArray clipped = temporary(temporary, gradient.mul(clip));
                m[0].muli(BETA1).addi(temporary(temporary, clipped.mul(1 - BETA1)));
                m[1].muli(BETA2).addi(temporary(temporary, clipped.square()).muli(1 - BETA2));
                final NDArray denominator = temporary(temporary, temporary(temporary, m[1].div(correction2)).sqrt()).addi(EPSILON);
                final NDArray change = temporary(temporary, m[0].div(correction1)).divi(denominator);
                if (decays(parameter.getKey())) {
                    weight.muli(1 - rate * weightDecay);
                }
                weight.subi(change.muli(rate));
                gradient.subi(gradient);
            }
            return norm;
        }
    }

    /** Biases and LayerNorm weights are not decayed (as in BERT's own optimiser). */
    static boolean decays(final String parameter) {
        return !parameter.endsWith(".bias") && !parameter.contains("LayerNorm");
    }

    private static NDArray temporary(final NDManager temporary, final NDArray array) {
        array.attach(temporary);
        return array;
    }

    public int steps() {
        return step;
    }

    @Override
    public void close() {
        manager.close();
    }
}
