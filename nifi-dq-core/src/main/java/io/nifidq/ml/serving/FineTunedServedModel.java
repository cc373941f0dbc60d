package io.nifidq.ml.serving;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.metric.Metrics;
import io.nifidq.ml.bert.BertNetwork;
import io.nifidq.ml.bert.FineTunedFiles;
import io.nifidq.ml.encoder.BertEncoder;
import io.nifidq.ml.model.DjlEngine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A FINE_TUNED_ENCODER model version: its own tokenizer and whole network ({@link FineTunedFiles}) on the PyTorch engine, on
 * the GPU when the engine has one. Texts are scored in batches of similar length. Each call runs on the engine's intra-op
 * threads (one by default): ClassifyText's concurrent tasks are what use more cores.
 */
public final class FineTunedServedModel implements ServedModel {

    /** The metric each call adds to the {@link #setMetrics metrics}: the number of texts it scored. */
    public static final String SCORED_TEXTS = "FineTunedTexts";

    private final HuggingFaceTokenizer tokenizer;
    private final BertNetwork network;
    private final List<String> labels;
    private volatile Metrics metrics;

    private FineTunedServedModel(final HuggingFaceTokenizer tokenizer, final BertNetwork network, final List<String> labels) {
        this.tokenizer = tokenizer;
        this.network = network;
        this.labels = labels;
    }

    /** Loads the version's network onto the device (checksums are the model store's, checked before). */
    public static FineTunedServedModel load(final Path directory, final Device device) throws IOException {
        DjlEngine.get();
        final FineTunedFiles.Loaded loaded = FineTunedFiles.read(directory);
        final HuggingFaceTokenizer tokenizer = BertEncoder.openTokenizer(directory, loaded.settings().maxTokens());
        try {
            return new FineTunedServedModel(tokenizer, loaded.weights().network(device), List.copyOf(loaded.settings().labels()));
        } catch (final RuntimeException e) {
            tokenizer.close();
            throw new IOException("The fine-tuned network in " + directory + " cannot be loaded on " + device + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public String runsOn() {
        return network.device() + " (" + DjlEngine.describe() + ")";
    }

    @Override
    public Scores score(final List<String> texts, final int batchSize) {
        final List<long[]> sequences = new ArrayList<>(texts.size());
        int truncated = 0;
        for (final Encoding encoding : tokenizer.batchEncode(texts)) {
            sequences.add(encoding.getIds());
            truncated += encoding.exceedMaxLength() ? 1 : 0;
        }
        final float[][] probabilities = network.probabilities(sequences, Math.max(1, batchSize));
        final Metrics recorded = metrics;
        if (recorded != null) {
            recorded.addMetric(SCORED_TEXTS, texts.size());
        }
        return new Scores(probabilities, truncated);
    }

    @Override
    public void setMetrics(final Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void close() {
        network.close();
        tokenizer.close();
    }
}
