package io.nifidq.ml.bert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fine-tuned network's file: read back as written, and refused when it is not whole. */
class BertFileTest {

    private static final BertShape TINY = new BertShape(1, 4, 2, 8, 10, 16);

    @Test
    void networkIsReadBackAsWritten(@TempDir final Path dir) throws Exception {
        final BertWeights written = tiny(3);
        BertFile.write(dir.resolve("network.bin"), written);

        final BertWeights read = BertFile.read(dir.resolve("network.bin"));

        assertEquals(TINY, read.shape());
        assertEquals(3, read.classes());
        assertEquals(written.values().keySet().stream().toList(), read.values().keySet().stream().toList());
        for (final String name : written.values().keySet()) {
            assertArrayEquals(written.values().get(name), read.values().get(name), name);
            assertArrayEquals(written.shapes().get(name), read.shapes().get(name), name);
        }
    }

    @Test
    void aTruncatedFileIsRefused(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("network.bin");
        BertFile.write(file, tiny(2));
        final byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));

        final IOException e = assertThrows(IOException.class, () -> BertFile.read(file));

        assertEquals(file + " is truncated", e.getMessage());
    }

    @Test
    void aNetworkWithoutAHeadIsRefused(@TempDir final Path dir) throws Exception {
        final BertWeights full = tiny(2);
        final Map<String, float[]> values = new LinkedHashMap<>(full.values());
        values.remove(BertNetwork.CLASSIFIER_WEIGHT);
        values.remove(BertNetwork.CLASSIFIER_BIAS);
        final Path file = dir.resolve("network.bin");
        BertFile.write(file, new BertWeights(TINY, values, full.shapes()));

        final IOException e = assertThrows(IOException.class, () -> BertFile.read(file));

        assertEquals(file + " has no classification head", e.getMessage());
    }

    @Test
    void anotherFileIsRefusedByItsMagicNumber(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("network.bin");
        Files.writeString(file, "not a network at all");

        final IOException e = assertThrows(IOException.class, () -> BertFile.read(file));

        assertTrue(e.getMessage().endsWith("is not a nifi-dq fine-tuned network"), e.getMessage());
    }

    /** Random weights of the tiny shape's BERT with a head. */
    static BertWeights tiny(final int classes) {
        final Random random = new Random(5);
        final Map<String, float[]> values = new LinkedHashMap<>();
        final Map<String, long[]> shapes = new LinkedHashMap<>();
        for (final String name : BertNetwork.parameterNames(TINY)) {
            final long[] shape = shapeOf(name);
            shapes.put(name, shape);
            values.put(name, random(random, shape));
        }
        shapes.put(BertNetwork.CLASSIFIER_WEIGHT, new long[] {TINY.hidden(), classes});
        values.put(BertNetwork.CLASSIFIER_WEIGHT, random(random, shapes.get(BertNetwork.CLASSIFIER_WEIGHT)));
        shapes.put(BertNetwork.CLASSIFIER_BIAS, new long[] {classes});
        values.put(BertNetwork.CLASSIFIER_BIAS, random(random, shapes.get(BertNetwork.CLASSIFIER_BIAS)));
        return new BertWeights(TINY, values, shapes);
    }

    private static long[] shapeOf(final String name) {
        final int h = TINY.hidden();
        if (name.startsWith("embeddings.word")) {
            return new long[] {TINY.vocabulary(), h};
        }
        if (name.startsWith("embeddings.position")) {
            return new long[] {TINY.positions(), h};
        }
        if (name.startsWith("embeddings.token_type")) {
            return new long[] {2, h};
        }
        final boolean bias = name.endsWith(".bias") || name.contains("LayerNorm");
        if (name.contains("intermediate")) {
            return bias ? new long[] {TINY.intermediate()} : new long[] {h, TINY.intermediate()};
        }
        if (name.contains(".output.dense")) {
            return bias ? new long[] {h} : new long[] {name.contains("attention") ? h : TINY.intermediate(), h};
        }
        return bias ? new long[] {h} : new long[] {h, h};
    }

    private static float[] random(final Random random, final long[] shape) {
        final float[] values = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
