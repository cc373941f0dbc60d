package io.nifidq.ml.head;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadFilesTest {

    private static final HeadFiles.EncoderReference ENCODER = new HeadFiles.EncoderReference("bge-small-en-v1.5-q", "ab".repeat(32),
            "bge-small-en-v1.5-q", null);

    @Test
    void aHeadReadBackGivesTheSameProbabilities(@TempDir final Path directory) throws Exception {
        final HeadWeights mlp = HeadWeights.initialize(HeadSpec.mlp(4, 3, 2, 1e-4f), new float[]{0.1f, 0.2f, 0.3f, 0.4f},
                new float[]{1f, 2f, 0.5f, 1f}, 7L);
        HeadFiles.write(directory, mlp, List.of("ham", "spam"), ENCODER);

        final HeadFiles.Loaded loaded = HeadFiles.read(directory);

        assertEquals(List.of("ham", "spam"), loaded.labels());
        assertEquals(ENCODER, loaded.encoder());
        assertEquals(mlp.spec(), loaded.weights().spec());
        final float[] vector = {0.5f, -1f, 2f, 0f};
        assertArrayEquals(mlp.probabilities(vector), loaded.weights().probabilities(vector));
    }

    @Test
    void aShortenedParameterFileFailsNamingIt(@TempDir final Path directory) throws Exception {
        HeadFiles.write(directory, HeadWeights.initialize(HeadSpec.linear(4, 2, 0f), new float[4], ones(4), 1L), List.of("a", "b"),
                ENCODER);
        final Path parameters = directory.resolve(HeadFiles.PARAMETERS);
        final byte[] bytes = Files.readAllBytes(parameters);
        Files.write(parameters, Arrays.copyOf(bytes, bytes.length - 4));

        final IOException e = assertThrows(IOException.class, () -> HeadFiles.read(directory));

        assertTrue(e.getMessage().startsWith("head.bin in " + directory + " is shorter than its head"), e.getMessage());
    }

    @Test
    void theLinearHeadIsASoftmaxOfTheAffineMapOfTheStandardisedVector() {
        final HeadWeights head = new HeadWeights(HeadSpec.linear(2, 2, 0f), new float[]{1f, 1f}, new float[]{2f, 2f},
                new java.util.LinkedHashMap<>(java.util.Map.of("output_weight", new float[]{1f, 0f, 0f, 1f},
                        "output_bias", new float[]{0f, 0f})));

        // standardised: (3-1)/2 = 1 and (1-1)/2 = 0; logits 1 and 0
        final float[] p = head.probabilities(new float[]{3f, 1f});

        assertEquals(Math.exp(1) / (Math.exp(1) + 1), p[0], 1e-6);
        assertEquals(1 / (Math.exp(1) + 1), p[1], 1e-6);
    }

    @Test
    void theEmptyVectorOfABlankTextGetsTheProbabilitiesOfTheMeanVector() {
        final float[] mean = {0.1f, 0.2f, 0.3f, 0.4f};
        final HeadWeights head = HeadWeights.initialize(HeadSpec.mlp(4, 3, 2, 0f), mean, new float[]{1f, 2f, 0.5f, 1f}, 3L);
        assertArrayEquals(head.probabilities(mean), head.probabilities(new float[0]));
    }

    @Test
    void aVectorOfTheWrongLengthIsRefused() {
        final HeadWeights head = HeadWeights.initialize(HeadSpec.linear(4, 2, 0f), new float[4], ones(4), 1L);
        assertEquals("a sentence vector of length 3 given to a head of 4 inputs",
                assertThrows(IllegalArgumentException.class, () -> head.probabilities(new float[3])).getMessage());
    }

    private static float[] ones(final int n) {
        final float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }
}
