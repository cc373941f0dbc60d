package io.nifidq.ml.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.nifidq.ml.eval.ClassificationReport;
import io.nifidq.ml.model.DjlEngine;
import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.model.NetworkSpec;
import io.nifidq.ml.model.NetworkWeights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains a {@link io.nifidq.ml.model.HashedTextNetwork} on featurized records with DJL's PyTorch engine:
 * length-bucketed shuffled batches padded to their longest text, the batch's embedding rows gathered
 * into a small array and updated row-sparse with Adam ({@link LazyAdam}), class-weighted cross entropy,
 * early stopping on validation macro-F1 with the best epoch's weights kept, and a time budget. One
 * NDManager sub-manager per batch frees every temporary. Not thread-safe; one trainer per run.
 */
public final class TextClassifierTrainer implements ClassifierTrainer<int[], NetworkWeights> {

    private static final int EVAL_BATCH = 512;
    private static final int BUCKET_BATCHES = 50;

    private final TrainingSettings settings;
    private final Device device;

    public TextClassifierTrainer(final TrainingSettings settings) {
        this.settings = settings;
        this.device = DjlEngine.preferredDevice();
    }

    public Device device() {
        return device;
    }

    /**
     * Trains on {@code train} and stops early on {@code validation} (indices into features and labels).
     *
     * @param features ids per record (from {@link io.nifidq.ml.features.HashingFeaturizer})
     * @param labels label id per record, 0..classes-1
     * @param classes number of labels
     */
    @Override
    public TrainingOutcome<NetworkWeights> train(final List<int[]> features, final int[] labels, final int classes, final int[] train,
                                 final int[] validation, final EpochListener listener) {
        final long start = System.nanoTime();
        final NetworkSpec spec = spec(classes);
        final NetworkWeights weights = NetworkWeights.initialize(spec, settings.seed());
        final float[] classWeights = settings.classWeighting().weights(counts(labels, train, classes));
        final LazyAdam adam = new LazyAdam(settings.learningRate(), weights.embedding().length);
        final GatheredBatch batch = new GatheredBatch(weights);
        final Random random = new Random(settings.seed() ^ 0x5DEECE66DL);
        final List<String> classNames = classNames(classes);
        final EarlyStopping<NetworkWeights> stopping = new EarlyStopping<>(validation.length > 0, settings.patience(),
                (kept, current) -> {
                    if (kept == null) {
                        return current.copy();
                    }
                    kept.copyFrom(current);
                    return kept;
                });
        final Engine engine = DjlEngine.get();
        engine.setRandomSeed((int) settings.seed());
        try (NDManager root = NDManager.newBaseManager(device)) {
            return EpochLoop.run(settings, start, weights, stopping,
                    batches -> batches.pass(bucketedOrder(features, train, random),
                            (order, from, to) -> step(root, engine, batch, adam, weights, features, labels, order, from, to, classWeights)),
                    () -> validation.length == 0 ? Double.NaN
                            : macroF1(classNames, labels, validation, predict(root, weights, features, validation)),
                    listener, device.toString(), classWeights);
        }
    }

    @Override
    public float[][] probabilities(final NetworkWeights weights, final List<int[]> features, final int[] indices) {
        try (NDManager root = NDManager.newBaseManager(device)) {
            return probabilities(root, weights, features, indices);
        }
    }

    /** Most probable class of each given record. */
    public static int[] argmax(final float[][] probabilities) {
        final int[] out = new int[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int c = 1; c < probabilities[i].length; c++) {
                if (probabilities[i][c] > probabilities[i][best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    NetworkSpec spec(final int classes) {
        final int rows = settings.featurizer().rows();
        return settings.modelType() == ModelType.TEXTCNN
                ? NetworkSpec.textCnn(rows, settings.embeddingSize(), classes, settings.cnnFilters())
                : NetworkSpec.fastText(rows, settings.embeddingSize(), classes);
    }

    private double step(final NDManager root, final Engine engine, final GatheredBatch batch, final LazyAdam adam,
                        final NetworkWeights weights, final List<int[]> features, final int[] labels, final int[] order,
                        final int from, final int to, final float[] classWeights) {
        batch.gather(features, order, from, to);
        final int n = to - from;
        final float[] sampleWeights = new float[n];
        final int[] batchLabels = new int[n];
        for (int i = 0; i < n; i++) {
            batchLabels[i] = labels[order[from + i]];
            sampleWeights[i] = classWeights[batchLabels[i]];
        }
        try (NDManager manager = root.newSubManager()) {
            final NDArray sub = batch.subTable(manager);
            final Map<String, NDArray> head = batch.head(manager);
            sub.setRequiresGradient(true);
            head.values().forEach(a -> a.setRequiresGradient(true));
            final float loss;
            DjlEngine.GRADIENT_COLLECTION.lock();
            try (GradientCollector collector = engine.newGradientCollector()) {
                final NDArray logits = batch.logits(sub, manager, head, true);
                final NDArray total = WeightedCrossEntropy.of(manager, logits, batchLabels, sampleWeights);
                collector.backward(total);
                loss = total.getFloat();
            } finally {
                DjlEngine.GRADIENT_COLLECTION.unlock();
            }
            adam.nextStep();
            adam.updateRows(weights.embedding(), weights.spec().dim(), batch.rows, batch.rowCount, sub.getGradient().toFloatArray());
            for (final Map.Entry<String, NDArray> e : head.entrySet()) {
                adam.updateDense(e.getKey(), weights.head().get(e.getKey()), e.getValue().getGradient().toFloatArray());
            }
            return loss;
        }
    }

    private int[] predict(final NDManager root, final NetworkWeights weights, final List<int[]> features, final int[] indices) {
        return argmax(probabilities(root, weights, features, indices));
    }

    private float[][] probabilities(final NDManager root, final NetworkWeights weights, final List<int[]> features,
                                    final int[] indices) {
        final GatheredBatch batch = new GatheredBatch(weights);
        final int classes = weights.spec().classes();
        final float[][] out = new float[indices.length][];
        for (int from = 0; from < indices.length; from += EVAL_BATCH) {
            final int to = Math.min(indices.length, from + EVAL_BATCH);
            batch.gather(features, indices, from, to);
            try (NDManager manager = root.newSubManager()) {
                final float[] p = batch.logits(batch.subTable(manager), manager, batch.head(manager), false).softmax(1).toFloatArray();
                for (int i = from; i < to; i++) {
                    out[i] = Arrays.copyOfRange(p, (i - from) * classes, (i - from + 1) * classes);
                }
            }
        }
        return out;
    }

    /** Shuffles, sorts chunks of {@value #BUCKET_BATCHES} batches by length, cuts batches, shuffles the batches. */
    private int[] bucketedOrder(final List<int[]> features, final int[] train, final Random random) {
        final int[] shuffled = train.clone();
        shuffle(shuffled, random);
        final int batchSize = settings.batchSize();
        final int chunk = batchSize * BUCKET_BATCHES;
        final List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < shuffled.length; from += chunk) {
            final Integer[] part = new Integer[Math.min(chunk, shuffled.length - from)];
            for (int i = 0; i < part.length; i++) {
                part[i] = shuffled[from + i];
            }
            Arrays.sort(part, (a, b) -> Integer.compare(features.get(a).length, features.get(b).length));
            for (int b = 0; b < part.length; b += batchSize) {
                final int[] one = new int[Math.min(batchSize, part.length - b)];
                for (int i = 0; i < one.length; i++) {
                    one[i] = part[b + i];
                }
                batches.add(one);
            }
        }
        java.util.Collections.shuffle(batches, random);
        final int[] order = new int[shuffled.length];
        int k = 0;
        for (final int[] one : batches) {
            System.arraycopy(one, 0, order, k, one.length);
            k += one.length;
        }
        return order;
    }

    static void shuffle(final int[] a, final Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Records per class among the indexed ones. */
    static int[] counts(final int[] labels, final int[] indices, final int classes) {
        final int[] counts = new int[classes];
        for (final int i : indices) {
            counts[labels[i]]++;
        }
        return counts;
    }

    /** "0", "1", ...: class names for scoring by class id. */
    static List<String> classNames(final int classes) {
        final List<String> names = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    static double macroF1(final List<String> classNames, final int[] labels, final int[] indices, final int[] predicted) {
        final int[] truth = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            truth[i] = labels[indices[i]];
        }
        return ClassificationReport.of(classNames, truth, predicted).macroF1();
    }
}
