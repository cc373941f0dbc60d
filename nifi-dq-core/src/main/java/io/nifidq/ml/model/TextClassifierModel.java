package io.nifidq.ml.model;

import ai.djl.Device;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.nifidq.ml.features.FeaturizerSettings;
import io.nifidq.ml.features.HashingFeaturizer;
import io.nifidq.ml.serving.ServedModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained classifier loaded from a model directory, ready to predict.
 *
 * <p>Thread-safety: after {@link #load} the parameters are only read, and every call of
 * {@link #predictProbabilities} works in its own NDManager sub-manager per batch, so concurrent calls
 * from several threads are safe. {@link #close} must not run while a prediction is in flight.
 */
public final class TextClassifierModel implements ServedModel {

    /** Records per forward pass when the caller does not say. */
    public static final int DEFAULT_BATCH_SIZE = 512;
    /** The metric each forward pass adds to the {@link #setMetrics metrics}: the number of texts it ran on. */
    public static final String FORWARD_BATCH_SIZE = "ForwardBatchSize";

    private final NDManager manager;
    private final HashedTextNetwork network;
    private final HashingFeaturizer featurizer;
    private final List<String> labels;
    private final Path directory;
    /** FASTTEXT only: the embedding table times the linear layer, and the bias (see HashedTextNetwork#foldedLinearHead). */
    private final float[] foldedTable;
    private final float[] foldedBias;
    private volatile Metrics metrics;

    private TextClassifierModel(final NDManager manager, final HashedTextNetwork network, final HashingFeaturizer featurizer,
                                final List<String> labels, final Path directory) {
        this.manager = manager;
        this.network = network;
        this.featurizer = featurizer;
        this.labels = List.copyOf(labels);
        this.directory = directory;
        final float[][] folded = network.foldedLinearHead();
        this.foldedTable = folded == null ? null : folded[0];
        this.foldedBias = folded == null ? null : folded[1];
    }

    /** Loads on the GPU when the engine reports one, on the CPU otherwise. */
    public static TextClassifierModel load(final Path directory) throws IOException {
        return load(directory, DjlEngine.preferredDevice());
    }

    public static TextClassifierModel load(final Path directory, final Device device) throws IOException {
        DjlEngine.get();
        final NDManager manager = NDManager.newBaseManager(device, DjlEngine.ENGINE_NAME);
        try {
            final FeaturizerSettings settings = ModelFiles.readFeaturizer(directory);
            final List<String> labels = ModelFiles.readLabels(directory);
            final HashedTextNetwork network = ModelFiles.readNetwork(directory, manager);
            if (network.spec().classes() != labels.size() || network.spec().rows() != settings.rows()) {
                throw new IOException("model files in " + directory + " disagree: " + network.spec() + ", " + settings
                        + ", " + labels.size() + " labels");
            }
            return new TextClassifierModel(manager, network, new HashingFeaturizer(settings), labels, directory);
        } catch (final IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    public FeaturizerSettings featurizerSettings() {
        return featurizer.settings();
    }

    public NetworkSpec spec() {
        return network.spec();
    }

    public Device device() {
        return manager.getDevice();
    }

    @Override
    public String runsOn() {
        return device().toString();
    }

    /** The probabilities of {@link #predictProbabilities(List, int)}; hashed n-grams cut no text. */
    @Override
    public Scores score(final List<String> texts, final int batchSize) {
        return new Scores(predictProbabilities(texts, batchSize), 0);
    }

    public Path directory() {
        return directory;
    }

    /** Records the size of every forward pass from now on into the metrics (DJL's Predictor does the same); null stops it. */
    @Override
    public void setMetrics(final Metrics metrics) {
        this.metrics = metrics;
    }

    /** As {@link #predictProbabilities(List, int)} in forward passes of {@value #DEFAULT_BATCH_SIZE} texts. */
    public float[][] predictProbabilities(final List<String> texts) {
        return predictProbabilities(texts, DEFAULT_BATCH_SIZE);
    }

    /**
     * Class probabilities per text, {@code [texts.size()][labels().size()]}; null or empty texts get the prior of an empty input.
     *
     * @param batchSize the most texts in one forward pass (the FASTTEXT model's folded head needs none)
     */
    public float[][] predictProbabilities(final List<String> texts, final int batchSize) {
        final List<int[]> ids = new ArrayList<>(texts.size());
        for (final String text : texts) {
            ids.add(featurizer.featurize(text));
        }
        return predictFeatures(ids, batchSize);
    }

    /** Class probabilities for already featurized texts, in forward passes of at most batchSize texts. */
    public float[][] predictFeatures(final List<int[]> features, final int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (foldedTable != null) {
            return predictFolded(features);
        }
        final int classes = labels.size();
        final float[][] out = new float[features.size()][];
        final int minLength = network.spec().minLength();
        final Metrics recorded = metrics;
        for (int from = 0; from < features.size(); from += batchSize) {
            final int to = Math.min(features.size(), from + batchSize);
            if (recorded != null) {
                recorded.addMetric(FORWARD_BATCH_SIZE, to - from);
            }
            int length = minLength;
            for (int i = from; i < to; i++) {
                length = Math.max(length, features.get(i).length);
            }
            final long[] ids = new long[(to - from) * length];
            for (int i = from; i < to; i++) {
                final int[] f = features.get(i);
                for (int j = 0; j < f.length; j++) {
                    ids[(i - from) * length + j] = f[j];
                }
            }
            try (NDManager batch = manager.newSubManager()) {
                final NDArray input = batch.create(ids, new Shape(to - from, length));
                final NDList logits = network.forward(new ParameterStore(batch, false), new NDList(input), false);
                final float[] p = logits.singletonOrThrow().softmax(1).toFloatArray();
                for (int i = from; i < to; i++) {
                    out[i] = Arrays.copyOfRange(p, (i - from) * classes, (i - from + 1) * classes);
                }
            }
        }
        return out;
    }

    /**
     * The FASTTEXT forward pass with the folded head, in Java: the same arithmetic as the network's
     * (mean of the ids' rows, affine map), summed in double precision, with no tensor per call.
     */
    private float[][] predictFolded(final List<int[]> features) {
        final int classes = labels.size();
        final float[][] out = new float[features.size()][classes];
        final double[] logits = new double[classes];
        for (int i = 0; i < features.size(); i++) {
            final int[] ids = features.get(i);
            java.util.Arrays.fill(logits, 0);
            int count = 0;
            for (final int id : ids) {
                if (id == 0) {
                    continue;
                }
                count++;
                final int row = id * classes;
                for (int c = 0; c < classes; c++) {
                    logits[c] += foldedTable[row + c];
                }
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                logits[c] = logits[c] / Math.max(1, count) + foldedBias[c];
                max = Math.max(max, logits[c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                logits[c] = Math.exp(logits[c] - max);
                sum += logits[c];
            }
            for (int c = 0; c < classes; c++) {
                out[i][c] = (float) (logits[c] / sum);
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
