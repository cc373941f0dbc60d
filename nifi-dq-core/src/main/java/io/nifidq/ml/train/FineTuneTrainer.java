package io.nifidq.ml.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.nifidq.ml.bert.AdamW;
import io.nifidq.ml.bert.BertNetwork;
import io.nifidq.ml.bert.BertWeights;
import io.nifidq.ml.encoder.TokenBatch;
import io.nifidq.ml.model.DjlEngine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Fine-tunes a pretrained BERT end to end with a classification head on the first token, as BERT is fine-tuned: AdamW with
 * linear warm-up over the first {@value #WARMUP_SHARE} of the steps and linear decay to 0, weight decay
 * {@value #WEIGHT_DECAY}, dropout 0.1, gradients clipped to norm 1, class-weighted cross entropy, early stopping on
 * validation macro-F1 with the best epoch's weights kept, and the job's time budget. Batches are made of texts of similar
 * length (shuffled, then sorted within windows of {@value #LENGTH_WINDOW} batches): padding is the cost on a CPU. PyTorch
 * runs with one intra-op thread per core while it trains (the engine's default is one, for the small n-gram networks).
 * Not thread-safe; one trainer per run.
 */
public final class FineTuneTrainer implements ClassifierTrainer<long[], BertWeights> {

    /** The middle of BERT's recommended 2e-5 to 5e-5. */
    public static final float DEFAULT_LEARNING_RATE = 3e-5f;
    /** BERT's recommended 2 to 4. */
    public static final int DEFAULT_EPOCHS = 3;
    static final float WARMUP_SHARE = 0.1f;
    static final float WEIGHT_DECAY = 0.01f;
    private static final int LENGTH_WINDOW = 50;
    /** Texts per forward pass when scoring, without gradients. */
    static final int SCORING_BATCH = 64;

    /** Makes a new network: the pretrained encoder with a fresh head for the given classes. */
    @FunctionalInterface
    public interface Pretrained {
        BertNetwork create(int classes, long seed, Device device);
    }

    private final TrainingSettings settings;
    private final Pretrained pretrained;
    private final Device device;

    public FineTuneTrainer(final TrainingSettings settings, final Pretrained pretrained) {
        this.settings = settings;
        this.pretrained = pretrained;
        this.device = DjlEngine.preferredDevice();
    }

    @Override
    public TrainingOutcome<BertWeights> train(final List<long[]> inputs, final int[] labels, final int classes, final int[] train,
                                              final int[] validation, final EpochListener listener) {
        final long start = System.nanoTime();
        final float[] classWeights = settings.classWeighting().weights(TextClassifierTrainer.counts(labels, train, classes));
        final Engine engine = DjlEngine.get();
        engine.setRandomSeed((int) settings.seed());
        final Random random = new Random(settings.seed() ^ 0x5DEECE66DL);
        final int stepsPerEpoch = (train.length + settings.batchSize() - 1) / settings.batchSize();
        final int totalSteps = stepsPerEpoch * settings.maxEpochs();
        final List<String> classNames = TextClassifierTrainer.classNames(classes);
        try (AllCores cores = new AllCores();
             BertNetwork network = pretrained.create(classes, settings.seed(), device);
             NDManager root = NDManager.newBaseManager(device, DjlEngine.ENGINE_NAME);
             AdamW adam = new AdamW(root, settings.learningRate(), WEIGHT_DECAY, totalSteps, WARMUP_SHARE)) {
            network.parameters().values().forEach(p -> p.setRequiresGradient(true));
            final EarlyStopping<BertWeights> stopping = new EarlyStopping<>(validation.length > 0, settings.patience(),
                    (kept, ignored) -> BertWeights.of(network));
            return EpochLoop.run(settings, start, null, stopping,
                    batches -> batches.pass(lengthBatchedOrder(inputs, train, random),
                            (order, from, to) -> step(network, root, engine, adam, inputs, labels, order, from, to, classWeights,
                                    totalSteps, listener)),
                    () -> validation.length == 0 ? Double.NaN : TextClassifierTrainer.macroF1(classNames, labels, validation,
                            TextClassifierTrainer.argmax(probabilities(network, inputs, validation))),
                    listener, device.toString(), classWeights);
        }
    }

    @Override
    public float[][] probabilities(final BertWeights weights, final List<long[]> inputs, final int[] indices) {
        try (AllCores cores = new AllCores(); BertNetwork network = weights.network(device)) {
            return probabilities(network, inputs, indices);
        }
    }

    /** Class probabilities of the records without dropout. */
    private static float[][] probabilities(final BertNetwork network, final List<long[]> inputs, final int[] indices) {
        final List<long[]> sequences = new ArrayList<>(indices.length);
        for (final int i : indices) {
            sequences.add(inputs.get(i));
        }
        return network.probabilities(sequences, SCORING_BATCH);
    }

    /** One AdamW step on the batch order[from, to); returns its loss. */
    private double step(final BertNetwork network, final NDManager root, final Engine engine, final AdamW adam,
                        final List<long[]> inputs, final int[] labels, final int[] order, final int from, final int to,
                        final float[] classWeights, final int totalSteps, final EpochListener listener) {
        final int rows = to - from;
        final long[][] sequences = new long[rows][];
        final int[] batchLabels = new int[rows];
        final float[] sampleWeights = new float[rows];
        for (int i = 0; i < rows; i++) {
            sequences[i] = inputs.get(order[from + i]);
            batchLabels[i] = labels[order[from + i]];
            sampleWeights[i] = classWeights[batchLabels[i]];
        }
        final TokenBatch batch = TokenBatch.of(sequences);
        final float loss;
        try (NDManager call = root.newSubManager()) {
            DjlEngine.GRADIENT_COLLECTION.lock();
            try {
                try (GradientCollector collector = engine.newGradientCollector()) {
                    final NDArray logits = network.logits(call, batch.ids(), batch.mask(), rows, batch.length(), true);
                    final NDArray total = WeightedCrossEntropy.of(call, logits, batchLabels, sampleWeights);
                    loss = total.getFloat();
                    if (!Float.isFinite(loss)) {
                        throw diverged(adam.steps() + 1, "loss " + loss);
                    }
                    collector.backward(total);
                }
                adam.update(network.parameters());
            } finally {
                DjlEngine.GRADIENT_COLLECTION.unlock();
            }
        }
        listener.stepEnded(adam.steps(), totalSteps, loss);
        return loss;
    }

    /**
     * A fine-tuning whose loss is no longer a number has left its weights unusable: the job fails with the step and the
     * remedy rather than publishing a network that answers one class.
     */
    private IllegalStateException diverged(final int step, final String what) {
        return new IllegalStateException(String.format(java.util.Locale.ROOT, "Fine-tuning diverged at step %d (%s) with a peak "
                + "learning rate of %s and batches of %d: lower the Learning Rate (BERT's usual range is 2e-5 to 5e-5)", step, what,
                settings.learningRate(), settings.batchSize()));
    }

    /**
     * The epoch's order of the training records: shuffled, then sorted by length within windows of batches, and the batches
     * shuffled again, so that a batch pads little and the epoch still mixes lengths.
     */
    private int[] lengthBatchedOrder(final List<long[]> inputs, final int[] train, final Random random) {
        final int[] shuffled = train.clone();
        TextClassifierTrainer.shuffle(shuffled, random);
        final int batchSize = settings.batchSize();
        final int window = batchSize * LENGTH_WINDOW;
        final List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < shuffled.length; from += window) {
            final int[] part = Arrays.stream(shuffled, from, Math.min(shuffled.length, from + window)).boxed()
                    .sorted(Comparator.comparingInt(i -> inputs.get(i).length)).mapToInt(Integer::intValue).toArray();
            for (int b = 0; b < part.length; b += batchSize) {
                batches.add(Arrays.copyOfRange(part, b, Math.min(part.length, b + batchSize)));
            }
        }
        // The last batch may be short: it stays last, so every other batch keeps its full size in the epoch loop's slicing.
        final int[] last = batches.remove(batches.size() - 1);
        java.util.Collections.shuffle(batches, random);
        batches.add(last);
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }
}
