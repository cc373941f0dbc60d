package io.nifidq.ml.bert;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.nifidq.ml.model.DjlEngine;
import io.nifidq.ml.model.GarbageCollection;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small BERT's gradients do not depend on when the JVM collects garbage. */
class BertNetworkGradientTest {

    private static final BertShape SHAPE = new BertShape(1, 8, 2, 16, 20, 8);
    private static final long[] IDS = {1, 5, 7, 2, 1, 9, 2, 0};
    private static final long[] MASK = {1, 1, 1, 1, 1, 1, 1, 0};
    private static final String QUERY = "encoder.layer.0.attention.self.query.weight";

    /** Red while the attention's scale was a number: the backward read it after it was freed, and the query's gradient was NaN. */
    @Test
    void queryGradientIsTheSameWhenAGarbageCollectionRunsBeforeTheBackwardPass() throws InterruptedException {
        final float[] undisturbed = queryGradient(false);
        assertTrue(Math.abs(undisturbed[0]) + Math.abs(undisturbed[1]) > 0, "the query weights get a gradient");
        assertArrayEquals(undisturbed, queryGradient(true), 1e-6f);
    }

    private static float[] queryGradient(final boolean collectGarbage) throws InterruptedException {
        try (BertNetwork network = tinyNetwork(); NDManager call = NDManager.newBaseManager(Device.cpu(), DjlEngine.ENGINE_NAME)) {
            network.parameters().values().forEach(p -> p.setRequiresGradient(true));
            try (GradientCollector collector = DjlEngine.get().newGradientCollector()) {
                final NDArray logits = network.logits(call, IDS, MASK, 2, 4, false);
                if (collectGarbage) {
                    GarbageCollection.runAndFreeDirectBuffers();
                }
                collector.backward(logits.get(":, 0").sum());
            }
            return network.parameters().get(QUERY).getGradient().toFloatArray();
        }
    }

    private static BertNetwork tinyNetwork() {
        final Random random = new Random(3);
        final Map<String, float[]> values = new LinkedHashMap<>();
        final Map<String, long[]> shapes = new LinkedHashMap<>();
        final List<String> names = new java.util.ArrayList<>(BertNetwork.parameterNames(SHAPE));
        names.add(BertNetwork.CLASSIFIER_WEIGHT);
        names.add(BertNetwork.CLASSIFIER_BIAS);
        for (final String name : names) {
            final long[] shape = shapeOf(name);
            final float[] value = new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < value.length; i++) {
                value[i] = name.contains("LayerNorm.weight") ? 1f : (float) (random.nextGaussian() * 0.5);
            }
            values.put(name, value);
            shapes.put(name, shape);
        }
        return BertNetwork.of(SHAPE, values, shapes, Device.cpu());
    }

    private static long[] shapeOf(final String name) {
        final int hidden = SHAPE.hidden();
        if (name.startsWith("embeddings.word_embeddings")) {
            return new long[] {SHAPE.vocabulary(), hidden};
        } else if (name.startsWith("embeddings.position_embeddings")) {
            return new long[] {SHAPE.positions(), hidden};
        } else if (name.startsWith("embeddings.token_type_embeddings")) {
            return new long[] {2, hidden};
        } else if (name.equals(BertNetwork.CLASSIFIER_WEIGHT)) {
            return new long[] {hidden, 2};
        } else if (name.equals(BertNetwork.CLASSIFIER_BIAS)) {
            return new long[] {2};
        } else if (name.contains("intermediate.dense")) {
            return name.endsWith(".weight") ? new long[] {hidden, SHAPE.intermediate()} : new long[] {SHAPE.intermediate()};
        } else if (name.contains("output.dense") && !name.contains("attention")) {
            return name.endsWith(".weight") ? new long[] {SHAPE.intermediate(), hidden} : new long[] {hidden};
        }
        return name.endsWith(".weight") && !name.contains("LayerNorm") ? new long[] {hidden, hidden} : new long[] {hidden};
    }
}
