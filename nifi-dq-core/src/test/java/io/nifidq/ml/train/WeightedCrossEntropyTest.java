package io.nifidq.ml.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.nifidq.ml.model.DjlEngine;
import io.nifidq.ml.model.GarbageCollection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The trainers' loss: its value, and its gradient after a garbage collection between the forward and the backward pass. */
class WeightedCrossEntropyTest {

    private static final float[][] LOGITS = {{2f, 0f}, {0f, 1f}};
    private static final int[] LABELS = {0, 1};
    private static final float[] WEIGHTS = {1f, 3f};

    @Test
    void lossIsTheWeightedMeanOfMinusTheLogProbabilityOfEachRowsLabel() {
        try (NDManager batch = NDManager.newBaseManager(Device.cpu(), DjlEngine.ENGINE_NAME)) {
            final float loss = WeightedCrossEntropy.of(batch, batch.create(LOGITS), LABELS, WEIGHTS).getFloat();
            assertEquals((1 * -Math.log(softmax(LOGITS[0])[0]) + 3 * -Math.log(softmax(LOGITS[1])[1])) / 4, loss, 1e-6);
        }
    }

    /** Red before every array of the loss belonged to the batch: the backward read the freed weight sum. */
    @Test
    void gradientIsEachRowsWeightedProbabilitiesLessItsLabelEvenAfterAGarbageCollectionBeforeTheBackwardPass()
            throws InterruptedException {
        try (NDManager batch = NDManager.newBaseManager(Device.cpu(), DjlEngine.ENGINE_NAME)) {
            final NDArray logits = batch.create(LOGITS);
            logits.setRequiresGradient(true);
            try (GradientCollector collector = DjlEngine.get().newGradientCollector()) {
                final NDArray loss = WeightedCrossEntropy.of(batch, logits, LABELS, WEIGHTS);
                GarbageCollection.runAndFreeDirectBuffers();
                collector.backward(loss);
            }
            final float[] expected = new float[4];
            for (int row = 0; row < 2; row++) {
                final float[] p = softmax(LOGITS[row]);
                for (int c = 0; c < 2; c++) {
                    expected[row * 2 + c] = WEIGHTS[row] * (p[c] - (c == LABELS[row] ? 1 : 0)) / 4f;
                }
            }
            assertArrayEquals(expected, logits.getGradient().toFloatArray(), 1e-6f);
        }
    }

    private static float[] softmax(final float[] logits) {
        final double a = Math.exp(logits[0]);
        final double b = Math.exp(logits[1]);
        return new float[] {(float) (a / (a + b)), (float) (b / (a + b))};
    }
}
