package io.nifidq.bench.degrade;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The record of what the degradation tool injected, written as {@code degradation.json} beside the corrupted file, so that a
 * later check can compare a quality report with it: {@code finding} is the kind of problem the report should name, and
 * {@code counts} how many records carry it.
 */
public record DegradationManifest(int manifestVersion, String corruption, String finding, double strength, long seed,
                                  String input, String output, String textField, String labelField, int recordsIn,
                                  int recordsOut, Map<String, Long> counts, String rowsRefer, List<Integer> rows) {

    public static final String FILE_NAME = "degradation.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(final Path dir) throws IOException {
        MAPPER.writeValue(dir.resolve(FILE_NAME).toFile(), this);
    }

    public static DegradationManifest read(final Path dir) throws IOException {
        return MAPPER.readValue(dir.resolve(FILE_NAME).toFile(), DegradationManifest.class);
    }
}
