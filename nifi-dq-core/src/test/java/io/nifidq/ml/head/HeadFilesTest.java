package io.nifidq.ml.head;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HeadFilesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 16})
    void aHeadReadsBackAsWrittenWithItsLabelsAndEncoder(final int hidden, @TempDir final Path directory) throws Exception {
        final HeadSpec spec = new HeadSpec(8, hidden, 3, 1e-3f);
        final Map<String, float[]> parameters = new LinkedHashMap<>();
        float next = 0.5f;
        for (final Map.Entry<String, int[]> shape : spec.shapes().entrySet()) {
            final float[] values = new float[HeadWeights.size(shape.getValue())];
            for (int i = 0; i < values.length; i++) {
                values[i] = next++;
            }
            parameters.put(shape.getKey(), values);
        }
        final float[] mean = {1, 2, 3, 4, 5, 6, 7, 8};
        final float[] scale = {8, 7, 6, 5, 4, 3, 2, 1};
        final HeadFiles.EncoderReference encoder = new HeadFiles.EncoderReference("bge-small-en-v1.5-q", "ab".repeat(32),
                "bge-small-en-v1.5-q", null);

        HeadFiles.write(directory, new HeadWeights(spec, mean, scale, parameters), List.of("a", "b", "c"), encoder);
        final HeadFiles.Loaded loaded = HeadFiles.read(directory);

        assertEquals(spec, loaded.weights().spec());
        assertEquals(List.of("a", "b", "c"), loaded.labels());
        assertEquals(encoder, loaded.encoder());
        assertArrayEquals(mean, loaded.weights().mean());
        assertArrayEquals(scale, loaded.weights().scale());
        assertEquals(parameters.keySet(), loaded.weights().parameters().keySet());
        parameters.forEach((name, values) -> assertArrayEquals(values, loaded.weights().parameters().get(name), name));
    }
}
