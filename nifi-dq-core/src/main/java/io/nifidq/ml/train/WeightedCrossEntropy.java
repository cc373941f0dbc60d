package io.nifidq.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.nifidq.ml.model.DjlEngine;

/**
 * The loss every trainer here minimises: cross entropy weighted per record by its class's weight, averaged over the batch's
 * weights, so that the class weighting changes which mistakes cost, not the step size. Every array it makes belongs to the
 * batch's manager and survives until the backward pass is over ({@link DjlEngine#constant}).
 */
final class WeightedCrossEntropy {

    private WeightedCrossEntropy() {
    }

    /**
     * @param batch         the manager of the batch's pass
     * @param logits        {@code [rows, classes]}
     * @param labels        each row's class
     * @param sampleWeights each row's weight (its class's)
     */
    static NDArray of(final NDManager batch, final NDArray logits, final int[] labels, final float[] sampleWeights) {
        float weightSum = 0;
        for (final float weight : sampleWeights) {
            weightSum += weight;
        }
        final NDArray oneHot = batch.create(labels).oneHot((int) logits.getShape().get(1));
        final NDArray nll = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
        return nll.mul(batch.create(sampleWeights)).sum().div(DjlEngine.constant(batch, weightSum));
    }
}
