package io.nifidq.ml.serving;

import ai.djl.metric.Metrics;
import io.nifidq.ml.encoder.EncoderException;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.encoder.EncoderSource;
import io.nifidq.ml.encoder.Embeddings;
import io.nifidq.ml.encoder.SharedEncoders;
import io.nifidq.ml.head.HeadFiles;
import io.nifidq.ml.head.HeadWeights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A PRETRAINED_ENCODER model version: the node's shared encoder ({@link SharedEncoders}) embeds the texts, the head trained on
 * its vectors classifies them. Loading refuses an encoder whose fingerprint is not the one the head was trained with.
 */
public final class EncoderClassifierModel implements ServedModel {

    /** The metric each call adds to the {@link #setMetrics metrics}: the number of texts it embedded. */
    public static final String EMBEDDED_TEXTS = "EmbeddedTexts";

    private final SharedEncoders.Lease encoder;
    private final HeadWeights head;
    private final List<String> labels;
    private volatile Metrics metrics;

    private EncoderClassifierModel(final SharedEncoders.Lease encoder, final HeadWeights head, final List<String> labels) {
        this.encoder = encoder;
        this.head = head;
        this.labels = labels;
    }

    /** Loads the head and takes a lease on its encoder (a bundled one by name, an admin's from its recorded directory). */
    public static EncoderClassifierModel load(final Path directory, final EncoderOptions options) throws IOException {
        final HeadFiles.Loaded loaded = HeadFiles.read(directory);
        final HeadFiles.EncoderReference reference = loaded.encoder();
        final EncoderSource source = reference.bundled() != null ? EncoderSource.bundled(reference.bundled())
                : EncoderSource.directory(Path.of(reference.directory()));
        final SharedEncoders.Lease lease = SharedEncoders.acquire(source, options);
        try {
            final String fingerprint = lease.encoder().fingerprint();
            if (!fingerprint.equals(reference.fingerprint())) {
                throw new EncoderException("The model in " + directory + " was trained on the encoder " + reference.name()
                        + " with fingerprint " + reference.fingerprint() + ", but " + source.describe() + " now has fingerprint "
                        + fingerprint + ": a head is served only with the encoder it was trained on; train the model again");
            }
            if (lease.encoder().dimension() != loaded.weights().spec().inputs()) {
                throw new EncoderException("The model in " + directory + " has a head of " + loaded.weights().spec().inputs()
                        + " inputs, the encoder gives vectors of " + lease.encoder().dimension());
            }
            return new EncoderClassifierModel(lease, loaded.weights(), loaded.labels());
        } catch (final IOException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public String runsOn() {
        return encoder.encoder().options().device() + " (" + encoder.encoder().executionProvider() + ")";
    }

    /** The encoder's name, e.g. bge-small-en-v1.5-q. */
    public String encoderName() {
        return encoder.encoder().name();
    }

    /** Embeds the texts (in the encoder's own runs; batchSize does not apply) and applies the head to each vector. */
    @Override
    public Scores score(final List<String> texts, final int batchSize) {
        final Embeddings embeddings = encoder.encoder().embed(texts);
        final Metrics recorded = metrics;
        if (recorded != null) {
            recorded.addMetric(EMBEDDED_TEXTS, texts.size());
        }
        final float[][] probabilities = new float[texts.size()][];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = head.probabilities(embeddings.vectors()[i]);
        }
        return new Scores(probabilities, embeddings.truncatedTexts());
    }

    @Override
    public void setMetrics(final Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void close() {
        encoder.close();
    }
}
