package io.nifidq.ml.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a model version is, stored as {@code metadata.json} in its directory.
 *
 * @param modelType        the network, e.g. FASTTEXT or TEXT_CNN
 * @param engine           the engine and its version that trained it, e.g. "PyTorch 2.7.1 (DJL 0.36.0)"
 * @param formatVersion    the version of the model directory's format; a reader refuses newer ones
 * @param labels           class names by class id
 * @param trainingDataHash SHA-256 of the training texts and labels ({@code TrainingDataHash})
 * @param metrics          the evaluation report and training facts (free form, JSON-compatible)
 * @param createdAt        ISO-8601 instant
 */
public record ModelMetadata(String modelType, String engine, int formatVersion, List<String> labels, String trainingDataHash,
                            Map<String, Object> metrics, String createdAt) {

    public static final String FILE_NAME = "metadata.json";
    /** The newest model directory format this code reads and writes. */
    public static final int CURRENT_FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(final Path directory) throws IOException {
        JSON.writeValue(directory.resolve(FILE_NAME).toFile(), this);
    }

    /** Reads a model directory's metadata; a missing or unreadable file is a {@link ModelStoreException}. */
    public static ModelMetadata read(final Path directory) throws ModelStoreException {
        final Path file = directory.resolve(FILE_NAME);
        try {
            return JSON.readValue(Files.readAllBytes(file), ModelMetadata.class);
        } catch (final NoSuchFileException e) {
            throw new ModelStoreException("The model directory " + directory + " has no " + FILE_NAME, e);
        } catch (final IOException e) {
            throw new ModelStoreException("The model metadata " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
