package io.nifidq.ml.bert;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.nifidq.ml.model.DjlEngine;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AdamW as BERT is fine-tuned: the schedule, the decay's exceptions, clipping, and one exact step. */
class AdamWTest {

    @Test
    void learningRateWarmsUpLinearlyThenDecaysToZeroAtTheLastStep() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), DjlEngine.ENGINE_NAME);
             AdamW adam = new AdamW(manager, 1e-4f, 0.01f, 100, 0.1f)) {
            assertEquals(1e-5f, adam.learningRate(1), 1e-10f);
            assertEquals(5e-5f, adam.learningRate(5), 1e-10f);
            assertEquals(1e-4f, adam.learningRate(10), 1e-10f);
            assertEquals(5e-5f, adam.learningRate(55), 1e-10f);
            assertEquals(0f, adam.learningRate(100), 0f);
            assertEquals(0f, adam.learningRate(120), 0f);
        }
    }

    @Test
    void biasesAndLayerNormWeightsAreNotDecayed() {
        assertTrue(AdamW.decays("encoder.layer.0.attention.self.query.weight"));
        assertTrue(AdamW.decays("classifier.weight"));
        assertFalse(AdamW.decays("encoder.layer.0.attention.self.query.bias"));
        assertFalse(AdamW.decays("encoder.layer.3.output.LayerNorm.weight"));
        assertFalse(AdamW.decays("embeddings.LayerNorm.bias"));
    }

    @Test
    void firstStepMovesEachWeightByTheLearningRateAgainstItsGradientsSignAndDecaysIt() {
        final Engine engine = DjlEngine.get();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), DjlEngine.ENGINE_NAME);
             AdamW adam = new AdamW(manager, 0.1f, 0.5f, 1, 0f)) {
            final NDArray weight = manager.create(new float[] {1f, -2f});
            final NDArray bias = manager.create(new float[] {3f});
            final Map<String, NDArray> parameters = new LinkedHashMap<>();
            parameters.put("dense.weight", weight);
            parameters.put("dense.bias", bias);
            parameters.values().forEach(p -> p.setRequiresGradient(true));
            // Gradients 0.3, -0.4 and 0: a global norm of 0.5, under the clipping threshold.
            final float norm;
            try (GradientCollector collector = engine.newGradientCollector()) {
                collector.backward(weight.mul(manager.create(new float[] {0.3f, -0.4f})).sum().add(bias.mul(manager.create(0f)).sum()));
            }
            norm = adam.update(parameters);

            assertEquals(0.5f, norm, 1e-6f);
            // Adam's first step is the gradient's sign (bias-corrected moments); the weight is decayed by lr x 0.5 first.
            assertArrayEquals(new float[] {1f * 0.95f - 0.1f, -2f * 0.95f + 0.1f}, weight.toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {3f}, bias.toFloatArray(), 1e-6f, "a zero gradient and no decay: unchanged");
            assertArrayEquals(new float[] {0f, 0f}, weight.getGradient().toFloatArray(), "the gradient is zeroed after its use");
        }
    }

    @Test
    void anUpdateWorksWhateverGradientRecordingTheThreadWasLeftWith() {
        final Engine engine = DjlEngine.get();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), DjlEngine.ENGINE_NAME);
             AdamW adam = new AdamW(manager, 0.1f, 0f, 1, 0f)) {
            final NDArray weight = manager.create(new float[] {1f});
            weight.setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                collector.backward(weight.mul(2f).sum());
            }
            // Other code on a NiFi task thread may leave PyTorch recording gradients: an in-place update would then fail.
            JniUtils.setGradMode(true);
            try {
                adam.update(Map.of("w.weight", weight));

                assertArrayEquals(new float[] {0.9f}, weight.toFloatArray(), 1e-6f);
                assertTrue(JniUtils.isGradMode(), "the thread's recording is given back as it was");
            } finally {
                JniUtils.setGradMode(false);
            }
        }
    }

    @Test
    void gradientsAboveNormOneAreScaledDownTogether() {
        final Engine engine = DjlEngine.get();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), DjlEngine.ENGINE_NAME);
             AdamW adam = new AdamW(manager, 0.1f, 0f, 1, 0f)) {
            final NDArray weight = manager.create(new float[] {0f, 0f});
            weight.setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                collector.backward(weight.mul(manager.create(new float[] {30f, -40f})).sum());
            }
            assertEquals(50f, adam.update(Map.of("w.weight", weight)), 1e-4f, "the norm before clipping");
            // Clipping scales both moments alike: the first step is still the sign.
            assertArrayEquals(new float[] {-0.1f, 0.1f}, weight.toFloatArray(), 1e-5f);
        }
    }
}
