package io.nifidq.ml.bert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nifidq.ml.encoder.EncoderDescriptor;
import io.nifidq.ml.head.HeadFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of a FINE_TUNED_ENCODER model version (checksums, metadata and atomic publication belong to
 * {@code io.nifidq.ml.model.ModelStore}): {@value #NETWORK} (the whole network, {@link BertFile}), the tokenizer it was trained
 * with ({@value EncoderDescriptor#TOKENIZER_FILE}, copied from the encoder) and {@value #SETTINGS} (labels, the token limit, and
 * the encoder it started from). A version is self-contained: serving it needs neither the encoder nor ONNX Runtime.
 */
public final class FineTunedFiles {

    public static final String NETWORK = "network.bin";
    public static final String SETTINGS = "finetuned.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FineTunedFiles() {
    }

    /**
     * What {@value #SETTINGS} holds.
     *
     * @param labels    one per class of the head, in its order
     * @param maxTokens the most tokens a text is given (special ones included); longer texts are cut
     * @param encoder   the pretrained encoder fine-tuning started from
     */
    public record Settings(List<String> labels, int maxTokens, HeadFiles.EncoderReference encoder) {
    }

    /** A version read back. */
    public record Loaded(BertWeights weights, Settings settings) {
    }

    public static void write(final Path directory, final BertWeights weights, final Settings settings, final Path tokenizer)
            throws IOException {
        if (settings.labels().size() != weights.classes()) {
            throw new IllegalArgumentException(settings.labels().size() + " labels for a head of " + weights.classes() + " classes");
        }
        JSON.writeValue(directory.resolve(SETTINGS).toFile(), settings);
        Files.copy(tokenizer, directory.resolve(EncoderDescriptor.TOKENIZER_FILE));
        BertFile.write(directory.resolve(NETWORK), weights);
    }

    public static Loaded read(final Path directory) throws IOException {
        final Settings settings;
        try {
            settings = JSON.readValue(Files.readAllBytes(directory.resolve(SETTINGS)), Settings.class);
        } catch (final NoSuchFileException e) {
            throw new IOException("The model directory " + directory + " has no " + SETTINGS, e);
        }
        if (settings.labels() == null || settings.labels().size() < 2 || settings.maxTokens() < 2) {
            throw new IOException(SETTINGS + " in " + directory + " is incomplete: it needs two labels or more and maxTokens");
        }
        final BertWeights weights = BertFile.read(directory.resolve(NETWORK));
        if (weights.classes() != settings.labels().size()) {
            throw new IOException(NETWORK + " in " + directory + " has a head of " + weights.classes() + " classes, " + SETTINGS
                    + " names " + settings.labels().size() + " labels");
        }
        return new Loaded(weights, settings);
    }
}
