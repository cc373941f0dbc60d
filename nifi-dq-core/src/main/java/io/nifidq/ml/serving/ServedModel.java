package io.nifidq.ml.serving;

import ai.djl.metric.Metrics;

import java.util.List;

/**
 * A model version loaded to predict, of either family: the n-gram model ({@code TextClassifierModel}) or a head on a
 * pretrained encoder ({@link EncoderClassifierModel}). Thread-safe for predictions; {@link #close} must not run while one is
 * in flight (the {@link ModelHolder}'s leases see to that).
 */
public interface ServedModel extends AutoCloseable {

    /** Class probabilities per text, {@code [texts.size()][labels().size()]}, and how many texts were cut to fit the model. */
    record Scores(float[][] probabilities, int truncatedTexts) {
    }

    List<String> labels();

    /** Where it runs, e.g. "cpu()" or "gpu(0)"; an encoder model adds ONNX Runtime's execution provider. */
    String runsOn();

    /** Class probabilities of non-blank texts, in passes of at most batchSize texts. */
    Scores score(List<String> texts, int batchSize);

    /** Records the size of every forward pass from now on into the metrics; null stops it. */
    void setMetrics(Metrics metrics);

    @Override
    void close();
}
