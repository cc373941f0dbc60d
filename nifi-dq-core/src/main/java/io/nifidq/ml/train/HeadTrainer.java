package io.nifidq.ml.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import io.nifidq.ml.head.HeadSpec;
import io.nifidq.ml.head.HeadWeights;
import io.nifidq.ml.model.DjlEngine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Trains a classification head on a pretrained encoder's sentence vectors with DJL's PyTorch engine: the vectors
 * standardised on the training records, shuffled mini-batches (an epoch is a pass over the records, or several passes
 * until {@value #MIN_STEPS_PER_EPOCH} steps on small data), class-weighted cross entropy plus L2 on the weight
 * matrices, Adam, early stopping on validation macro-F1 with the best epoch's weights kept, and the time budget. Each
 * candidate head (a softmax regression and a small MLP, with their L2 strengths) is trained and the one with the best
 * validation macro-F1 is kept; without validation records the first candidate is trained and kept. Scoring is
 * {@link HeadWeights#probabilities}, the same Java forward pass serving uses. Not thread-safe; one trainer per run.
 */
public final class HeadTrainer implements ClassifierTrainer<float[], HeadWeights> {

    /**
     * An epoch of the head is at least this many steps (passes over the records until then): on a few dozen records an epoch
     * of one step would stop early before the head learnt anything.
     */
    static final int MIN_STEPS_PER_EPOCH = 50;

    /** The candidates, as functions of the classes: the vector length is fixed per trainer. */
    private final List<IntFunction<HeadSpec>> candidates;
    private final TrainingSettings settings;
    private final Device device;

    /**
     * @param dimension  the length of the sentence vectors
     * @param candidates the heads to try, in order of preference (ties keep the earlier one)
     */
    public HeadTrainer(final TrainingSettings settings, final List<IntFunction<HeadSpec>> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a head trainer needs at least one candidate head");
        }
        this.settings = settings;
        this.candidates = List.copyOf(candidates);
        this.device = DjlEngine.preferredDevice();
    }

    /**
     * The learning rate a head trains with by default: the n-gram models' 0.01 overshoots on standardised sentence vectors.
     * Chosen with {@code ./dq bench encoder --tune true} on validation records of SST-2, SMS and ChnSentiCorp (docs/benchmarks.md).
     */
    public static final float DEFAULT_LEARNING_RATE = 1e-3f;

    /**
     * The default candidates, chosen the same way: a softmax regression with strong L2 (best on ChnSentiCorp's validation
     * records) and an MLP with 256 hidden units and light L2 (best on SST-2's and SMS's). Each job picks one on its own
     * validation records.
     */
    public static List<IntFunction<HeadSpec>> defaultCandidates(final int dimension) {
        return List.of(
                classes -> HeadSpec.linear(dimension, classes, 1e-1f),
                classes -> HeadSpec.mlp(dimension, 256, classes, 1e-2f));
    }

    @Override
    public TrainingOutcome<HeadWeights> train(final List<float[]> inputs, final int[] labels, final int classes, final int[] train,
                                              final int[] validation, final EpochListener listener) {
        final long start = System.nanoTime();
        final float[][] standardisation = standardisation(inputs, train);
        final float[] classWeights = settings.classWeighting().weights(TextClassifierTrainer.counts(labels, train, classes));
        final int tried = validation.length == 0 ? 1 : candidates.size();
        TrainingOutcome<HeadWeights> best = null;
        for (int c = 0; c < tried; c++) {
            final HeadSpec spec = candidates.get(c).apply(classes);
            final TrainingOutcome<HeadWeights> outcome = trainOne(spec, standardisation, inputs, labels, train, validation,
                    classWeights, start, listener);
            if (best == null || outcome.bestValidationMacroF1() > best.bestValidationMacroF1() + 1e-9) {
                best = outcome;
            }
            if ("time budget".equals(outcome.stopReason())) {
                break;
            }
        }
        return new TrainingOutcome<>(best.weights(), best.epochsRun(), best.bestEpoch(), best.bestValidationMacroF1(),
                (System.nanoTime() - start) / 1_000_000, best.stopReason(), device.toString(), classWeights);
    }

    @Override
    public float[][] probabilities(final HeadWeights weights, final List<float[]> inputs, final int[] indices) {
        final float[][] out = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = weights.probabilities(inputs.get(indices[i]));
        }
        return out;
    }

    private TrainingOutcome<HeadWeights> trainOne(final HeadSpec spec, final float[][] standardisation, final List<float[]> inputs,
                                                  final int[] labels, final int[] train, final int[] validation,
                                                  final float[] classWeights, final long start, final EpochListener listener) {
        final HeadWeights weights = HeadWeights.initialize(spec, standardisation[0], standardisation[1], settings.seed());
        final LazyAdam adam = new LazyAdam(settings.learningRate(), 0);
        final Random random = new Random(settings.seed() ^ 0x5DEECE66DL);
        final List<String> classNames = TextClassifierTrainer.classNames(spec.classes());
        final EarlyStopping<HeadWeights> stopping = new EarlyStopping<>(validation.length > 0, settings.patience(),
                (kept, current) -> current.copy());
        final Engine engine = DjlEngine.get();
        engine.setRandomSeed((int) settings.seed());
        try (NDManager root = NDManager.newBaseManager(device)) {
            // Small data: passes over the shuffled records until the epoch has its minimum of steps.
            return EpochLoop.run(settings, start, weights, stopping, batches -> {
                while (batches.steps() < MIN_STEPS_PER_EPOCH && !batches.outOfTime()) {
                    final int[] order = train.clone();
                    TextClassifierTrainer.shuffle(order, random);
                    batches.pass(order, (o, from, to) -> step(root, engine, adam, weights, inputs, labels, o, from, to, classWeights));
                }
            }, () -> validation.length == 0 ? Double.NaN : TextClassifierTrainer.macroF1(classNames, labels, validation,
                    TextClassifierTrainer.argmax(probabilities(weights, inputs, validation))), listener, device.toString(), classWeights);
        }
    }

    /** One Adam step on the batch order[from, to); returns its loss. */
    private double step(final NDManager root, final Engine engine, final LazyAdam adam, final HeadWeights weights,
                        final List<float[]> inputs, final int[] labels, final int[] order, final int from, final int to,
                        final float[] classWeights) {
        final HeadSpec spec = weights.spec();
        final int n = to - from;
        final float[] batch = new float[n * spec.inputs()];
        final int[] batchLabels = new int[n];
        final float[] sampleWeights = new float[n];
        for (int i = 0; i < n; i++) {
            final int record = order[from + i];
            System.arraycopy(weights.standardise(inputs.get(record)), 0, batch, i * spec.inputs(), spec.inputs());
            batchLabels[i] = labels[record];
            sampleWeights[i] = classWeights[batchLabels[i]];
        }
        try (NDManager manager = root.newSubManager()) {
            final Map<String, NDArray> parameters = new LinkedHashMap<>();
            for (final Map.Entry<String, int[]> shape : spec.shapes().entrySet()) {
                final int[] dims = shape.getValue();
                final NDArray p = manager.create(weights.parameters().get(shape.getKey()),
                        dims.length == 2 ? new Shape(dims[0], dims[1]) : new Shape(dims[0]));
                p.setRequiresGradient(true);
                parameters.put(shape.getKey(), p);
            }
            final float loss;
            DjlEngine.GRADIENT_COLLECTION.lock();
            try (GradientCollector collector = engine.newGradientCollector()) {
                final NDArray logits = logits(manager.create(batch, new Shape(n, spec.inputs())), parameters, spec);
                NDArray total = WeightedCrossEntropy.of(manager, logits, batchLabels, sampleWeights);
                if (spec.weightDecay() > 0) {
                    NDArray squares = parameters.get("output_weight").square().sum();
                    if (!spec.isLinear()) {
                        squares = squares.add(parameters.get("hidden_weight").square().sum());
                    }
                    total = total.add(squares.mul(DjlEngine.constant(manager, spec.weightDecay() / 2f)));
                }
                collector.backward(total);
                loss = total.getFloat();
            } finally {
                DjlEngine.GRADIENT_COLLECTION.unlock();
            }
            adam.nextStep();
            for (final Map.Entry<String, NDArray> p : parameters.entrySet()) {
                adam.updateDense(p.getKey(), weights.parameters().get(p.getKey()), p.getValue().getGradient().toFloatArray());
            }
            return loss;
        }
    }

    /** The head's forward pass on standardised vectors; the same arithmetic as {@link HeadWeights#probabilities}. */
    private static NDArray logits(final NDArray x, final Map<String, NDArray> parameters, final HeadSpec spec) {
        NDArray activations = x;
        if (!spec.isLinear()) {
            activations = Activation.relu(activations.matMul(parameters.get("hidden_weight").transpose())
                    .add(parameters.get("hidden_bias")));
        }
        return activations.matMul(parameters.get("output_weight").transpose()).add(parameters.get("output_bias"));
    }

    /** Each component's mean and standard deviation over the training records (1 where a component does not vary). */
    static float[][] standardisation(final List<float[]> inputs, final int[] train) {
        final int dimension = inputs.get(train[0]).length;
        final double[] sum = new double[dimension];
        final double[] squares = new double[dimension];
        for (final int i : train) {
            final float[] v = inputs.get(i);
            for (int d = 0; d < dimension; d++) {
                sum[d] += v[d];
                squares[d] += (double) v[d] * v[d];
            }
        }
        final float[] mean = new float[dimension];
        final float[] scale = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            final double m = sum[d] / train.length;
            final double variance = Math.max(0, squares[d] / train.length - m * m);
            mean[d] = (float) m;
            scale[d] = variance > 1e-12 ? (float) Math.sqrt(variance) : 1f;
        }
        return new float[][]{mean, scale};
    }
}
