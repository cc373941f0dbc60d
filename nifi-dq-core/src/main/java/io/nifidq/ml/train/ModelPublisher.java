package io.nifidq.ml.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nifidq.ml.data.TrainingDataHash;
import io.nifidq.ml.model.DjlEngine;
import io.nifidq.ml.model.ModelFiles;
import io.nifidq.ml.model.ModelMetadata;
import io.nifidq.ml.model.ModelStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a trained model as the next version of a model directory through {@link ModelStore}, which
 * writes into a temporary directory, renames it into place and then swaps the "latest" pointer, so a
 * failed write leaves every earlier version and the pointer as they were. Each version holds the
 * model's own files ({@link TrainedModel#writeFiles}: for the n-gram family the {@link ModelFiles}), {@value #METRICS} (the
 * evaluation report), {@value #REPORT_TEXT} (the same as a text table) and the store's metadata
 * (training data hash, engine and format versions).
 */
public final class ModelPublisher {

    public static final String METRICS = "metrics.json";
    public static final String REPORT_TEXT = "classification_report.txt";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelPublisher() {
    }

    /** Publishes the result under {@code modelRoot}; returns the new version's directory. */
    public static Path publish(final Path modelRoot, final TrainingJobResult result, final TrainingData data) throws IOException {
        final ModelMetadata metadata = new ModelMetadata(result.model().modelType(), DjlEngine.describe(),
                ModelFiles.FORMAT_VERSION, result.labels(), TrainingDataHash.of(data.texts(), data.labels()),
                result.trainingReport().toMap(), Instant.now().toString());
        return new ModelStore(modelRoot).write(metadata, dir -> {
            result.model().writeFiles(dir);
            JSON.writeValue(dir.resolve(METRICS).toFile(), result.trainingReport());
            Files.writeString(dir.resolve(REPORT_TEXT), result.evaluation().toText(), StandardCharsets.UTF_8);
        });
    }
}
