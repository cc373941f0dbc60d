package io.nifidq.benchmarks;

import io.nifidq.testing.SharedDatasets;
import io.nifidq.ml.encoder.BertEncoder;
import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.encoder.EncoderSource;
import io.nifidq.ml.eval.ClassificationReport;
import io.nifidq.ml.features.HashingFeaturizer;
import io.nifidq.ml.head.HeadSpec;
import io.nifidq.ml.head.HeadWeights;
import io.nifidq.ml.model.NetworkWeights;
import io.nifidq.ml.split.SplitPlan;
import io.nifidq.ml.train.BlendedModelFamily;
import io.nifidq.ml.train.ClassifierTrainer;
import io.nifidq.ml.train.EncoderModelFamily;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.HeadTrainer;
import io.nifidq.ml.train.NgramModelFamily;
import io.nifidq.ml.train.TextClassifierTrainer;
import io.nifidq.ml.train.TrainingOutcome;
import io.nifidq.ml.train.TrainingSettings;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * BENCHMARKS.md section 4 in one run: TrainClassifier's PRETRAINED_ENCODER model with its default settings (the bundled
 * encoder of the split's language, the head chosen on validation records) against the n-gram model's defaults and
 * fastText's two columns, on the same training records (a seeded sample of train.csv of --records, or all of it), scored
 * once on test.csv. Validation records are carved out of the training records as TrainBenchmark does; the test file is
 * used only for the final scores. Times: the encoder's include embedding the training records (JVM and engine starts
 * excluded); "test s" is embedding and classifying test.csv.
 */
final class EncoderBenchmark {

    static final Set<String> OPTIONS = Set.of("splits", "records", "fasttext-script", "skip-fasttext", "seed", "tune");

    private final BenchmarkOptions options;
    private final TrainBenchmark helpers;
    private final TrainingSettings settings = TrainingSettings.defaults();
    /** The encoder model's defaults: TrainClassifier's, with the head's own learning rate. */
    private final TrainingSettings encoderSettings = settings.toBuilder().optLearningRate(HeadTrainer.DEFAULT_LEARNING_RATE).build();

    EncoderBenchmark(final BenchmarkOptions options) {
        this.options = options;
        this.helpers = new TrainBenchmark(options);
    }

    record Score(double macroF1, double trainSeconds, double testSeconds, String detail) {
    }

    String run() throws Exception {
        final String records = options.string("records", "3000");
        final long seed = Long.parseLong(options.string("seed", "7"));
        final boolean fastText = !options.string("skip-fasttext", "false").equals("true");
        final StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "Training records per split: %s (seeded sample of train.csv, seed %d); validation carved out of them; scored on test.csv.%n%n"
                        + "| split | records | fastText default F1 | fastText bigram-25ep F1 | n-gram F1 | train s | encoder "
                        + "| encoder model F1 (blended, the default) | train s | test s | head chosen on validation | above both |%n"
                        + "|---|---|---|---|---|---|---|---|---|---|---|---|%n",
                records, seed));
        final Path cache = Files.createDirectories(Path.of("target", "encoder-cache"));
        for (final String split : options.stringList("splits", TrainBenchmark.DEFAULT_SPLITS)) {
            final Path dir = SharedDatasets.file(split + "/train.csv").getParent();
            final TrainBenchmark.Data all = TrainBenchmark.read(dir.resolve("train.csv"), null);
            final TrainBenchmark.Data train = sample(all, records, seed);
            final TrainBenchmark.Data test = TrainBenchmark.read(dir.resolve("test.csv"), all.names());
            final Map<String, double[]> peers = fastText ? helpers.fastText(sampleDirectory(dir, train)) : Map.of();
            final double def = peers.getOrDefault("default", new double[]{Double.NaN})[0];
            final double bigram = peers.getOrDefault("bigram-25ep", new double[]{Double.NaN})[0];
            final SplitPlan plan = helpers.carveValidation(train.labels());
            final Score ngram = ngram(train, test, plan);
            final String encoderName = BundledEncoders.forTexts(train.texts());
            if (options.string("tune", "false").equals("true")) {
                table.append(tune(encoderName, cache, train, plan, split));
                continue;
            }
            final Score encoder = encoder(encoderName, cache, train, test, plan);
            final double better = Math.max(Double.isNaN(def) ? 0 : def, Double.isNaN(bigram) ? 0 : bigram);
            final String row = String.format(Locale.ROOT, "| %s | %,d | %.4f | %.4f | %.4f | %.1f | %s | %.4f | %.1f | %.1f | %s | %s |%n",
                    split, train.texts().size(), def, bigram, ngram.macroF1(), ngram.trainSeconds(), encoderName, encoder.macroF1(),
                    encoder.trainSeconds(), encoder.testSeconds(), encoder.detail(),
                    encoder.macroF1() > better && encoder.macroF1() > ngram.macroF1() ? "yes" : "NO");
            System.out.print(row);
            table.append(row);
        }
        return table.toString();
    }

    Score ngram(final TrainBenchmark.Data train, final TrainBenchmark.Data test, final SplitPlan plan) {
        final long t0 = System.nanoTime();
        final HashingFeaturizer featurizer = new HashingFeaturizer(settings.featurizer());
        final TextClassifierTrainer trainer = new TextClassifierTrainer(settings);
        final TrainingOutcome<NetworkWeights> outcome = trainer.train(featurizer.featurizeAll(train.texts()), train.labels(),
                train.names().size(), plan.train(), plan.validation(), EpochListener.NONE);
        final double trainSeconds = (System.nanoTime() - t0) / 1e9;
        final long t1 = System.nanoTime();
        final double f1 = testF1(trainer, outcome.weights(), featurizer.featurizeAll(test.texts()), test);
        return new Score(f1, trainSeconds, (System.nanoTime() - t1) / 1e9, "");
    }

    Score encoder(final String name, final Path cache, final TrainBenchmark.Data train, final TrainBenchmark.Data test,
                          final SplitPlan plan) throws Exception {
        final EncoderOptions encoderOptions = EncoderOptions.builder().optCacheDirectory(cache).build();
        try (BertEncoder encoder = BertEncoder.loadBundled(name, encoderOptions)) {
            final EncoderModelFamily family = new EncoderModelFamily(encoder, EncoderSource.bundled(name), encoderSettings,
                    (done, total) -> {
                        if (done == total || done % 1000 < encoderOptions.parallelRuns()) {
                            System.err.printf(Locale.ROOT, "  %s: embedded %,d of %,d texts%n", name, done, total);
                        }
                    });
            final long t0 = System.nanoTime();
            final List<float[]> vectors = family.featurizer().featurizeAll(train.texts());
            final ClassifierTrainer<float[], HeadWeights> trainer = family.trainer(encoderSettings.classWeighting());
            final TrainingOutcome<HeadWeights> outcome = trainer.train(vectors, train.labels(), train.names().size(), plan.train(),
                    plan.validation(), EpochListener.NONE);
            final double trainSeconds = (System.nanoTime() - t0) / 1e9;
            final long t1 = System.nanoTime();
            final List<float[]> testVectors = family.featurizer().featurizeAll(test.texts());
            final double headF1 = testF1(trainer, outcome.weights(), testVectors, test);
            final double testSeconds = (System.nanoTime() - t1) / 1e9;
            // The default: the head blended with the n-gram model, the share chosen on validation (the same vectors reused).
            final BlendedModelFamily<float[], int[], HeadWeights, NetworkWeights> blended = new BlendedModelFamily<>(family,
                    new NgramModelFamily(settings));
            final HashingFeaturizer ngrams = new HashingFeaturizer(settings.featurizer());
            final long t2 = System.nanoTime();
            final var blendTrainer = blended.trainer(encoderSettings.classWeighting());
            final var blend = blendTrainer.train(inputs(vectors, ngrams.featurizeAll(train.texts())), train.labels(),
                    train.names().size(), plan.train(), plan.validation(), EpochListener.NONE);
            final double blendSeconds = (System.nanoTime() - t2) / 1e9 - outcome.trainMillis() / 1000.0;
            final double blendF1 = testF1(blendTrainer, blend.weights(), inputs(testVectors, ngrams.featurizeAll(test.texts())), test);
            final String head = String.format(Locale.ROOT, "%s, L2 %.0e, %d epochs (best %d); head alone %.4f; encoder share %.2f",
                    outcome.weights().spec().describe(), outcome.weights().spec().weightDecay(), outcome.epochsRun(), outcome.bestEpoch(),
                    headF1, blend.weights().share());
            return new Score(blendF1, trainSeconds + Math.max(0, blendSeconds), testSeconds, head);
        }
    }

    private static List<BlendedModelFamily.Input<float[], int[]>> inputs(final List<float[]> vectors, final List<int[]> ids) {
        final List<BlendedModelFamily.Input<float[], int[]>> inputs = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            inputs.add(new BlendedModelFamily.Input<>(vectors.get(i), ids.get(i)));
        }
        return inputs;
    }

    /**
     * How the head's defaults were chosen: validation macro-F1 (never test) of single candidate heads under learning rates
     * and batch sizes, on the embedded training records.
     */
    private String tune(final String name, final Path cache, final TrainBenchmark.Data train, final SplitPlan plan,
                        final String split) throws Exception {
        final StringBuilder out = new StringBuilder();
        try (BertEncoder encoder = BertEncoder.loadBundled(name, EncoderOptions.builder().optCacheDirectory(cache).build())) {
            final List<float[]> vectors = new EncoderModelFamily(encoder, EncoderSource.bundled(name), settings, (d, t) -> { })
                    .featurizer().featurizeAll(train.texts());
            final int dimension = encoder.dimension();
            final List<IntFunction<HeadSpec>> heads = List.of(
                    c -> HeadSpec.linear(dimension, c, 0f),
                    c -> HeadSpec.linear(dimension, c, 1e-3f),
                    c -> HeadSpec.linear(dimension, c, 1e-2f),
                    c -> HeadSpec.linear(dimension, c, 1e-1f),
                    c -> HeadSpec.mlp(dimension, 256, c, 0f),
                    c -> HeadSpec.mlp(dimension, 256, c, 1e-3f),
                    c -> HeadSpec.mlp(dimension, 256, c, 1e-2f));
            for (final float rate : new float[]{1e-3f, 3e-3f, 1e-2f}) {
                for (final int batch : new int[]{32, 128}) {
                    final TrainingSettings tried = settings.toBuilder().optLearningRate(rate).optBatchSize(batch).optPatience(5).build();
                    for (final var head : heads) {
                        final HeadTrainer trainer = new HeadTrainer(tried, List.of(head));
                        final TrainingOutcome<HeadWeights> outcome = trainer.train(vectors, train.labels(), train.names().size(),
                                plan.train(), plan.validation(), EpochListener.NONE);
                        final String row = String.format(Locale.ROOT, "| %s | lr %.0e | batch %d | %s L2 %.0e | validation F1 %.4f | epochs %d (best %d) |%n",
                                split, rate, batch, outcome.weights().spec().describe(), outcome.weights().spec().weightDecay(),
                                outcome.bestValidationMacroF1(), outcome.epochsRun(), outcome.bestEpoch());
                        System.out.print(row);
                        out.append(row);
                    }
                }
            }
        }
        return out.toString();
    }

    static <X, W> double testF1(final ClassifierTrainer<X, W> trainer, final W weights, final List<X> inputs,
                                        final TrainBenchmark.Data test) {
        final int[] predicted = TextClassifierTrainer.argmax(trainer.probabilities(weights, inputs,
                IntStream.range(0, inputs.size()).toArray()));
        return ClassificationReport.of(test.names(), test.labels(), predicted).macroF1();
    }

    /** The --records option's training records: all of them ("all"), or a seeded sample of that many. */
    static TrainBenchmark.Data sample(final TrainBenchmark.Data all, final String records, final long seed) {
        return records.equals("all") ? all : sample(all, Integer.parseInt(records), seed);
    }

    /** A seeded sample of n records (all when there are fewer), in their file order. */
    static TrainBenchmark.Data sample(final TrainBenchmark.Data all, final int n, final long seed) {
        if (n >= all.texts().size()) {
            return all;
        }
        final int[] order = IntStream.range(0, all.texts().size()).toArray();
        final Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        final int[] kept = IntStream.of(order).limit(n).sorted().toArray();
        final List<String> texts = new ArrayList<>(n);
        final int[] labels = new int[n];
        for (int k = 0; k < n; k++) {
            texts.add(all.texts().get(kept[k]));
            labels[k] = all.labels()[kept[k]];
        }
        return new TrainBenchmark.Data(texts, labels, all.names());
    }

    /** A split directory for fastText with the sampled train.csv and the untouched test.csv. */
    static Path sampleDirectory(final Path split, final TrainBenchmark.Data train) throws Exception {
        final Path dir = Files.createTempDirectory("encoder-bench-");
        Files.copy(split.resolve("test.csv"), dir.resolve("test.csv"));
        try (Writer out = Files.newBufferedWriter(dir.resolve("train.csv"), StandardCharsets.UTF_8)) {
            out.write("text,label\n");
            for (int i = 0; i < train.texts().size(); i++) {
                out.write(csv(train.texts().get(i)) + "," + csv(train.names().get(train.labels()[i])) + "\n");
            }
        }
        return dir;
    }

    private static String csv(final String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
