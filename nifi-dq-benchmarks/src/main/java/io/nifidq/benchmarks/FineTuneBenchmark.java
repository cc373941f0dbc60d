package io.nifidq.benchmarks;

import io.nifidq.ml.bert.BertWeights;
import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.encoder.EncoderSource;
import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.model.NetworkWeights;
import io.nifidq.ml.train.BlendedModelFamily;
import io.nifidq.ml.split.SplitPlan;
import io.nifidq.ml.train.ClassifierTrainer;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.FineTuneTrainer;
import io.nifidq.ml.train.FineTunedModelFamily;
import io.nifidq.ml.train.ModelFamily;
import io.nifidq.ml.train.OpenModelFamily;
import io.nifidq.ml.train.TrainingOutcome;
import io.nifidq.ml.train.TrainingSettings;
import io.nifidq.testing.SharedDatasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Issue 16's proof in one run: TrainClassifier's Fine-tuned Encoder with its defaults (3 epochs, peak learning rate 3e-5,
 * batch 32, 128 tokens, blended with the n-gram model as validation says) against the frozen encoder model (its default,
 * blended), the n-gram model and fastText's two columns, on the same training records (a seeded sample of train.csv, validation carved out of it), scored once on
 * test.csv. "train s" of the fine-tuned model is tokenizing and fine-tuning (validation scored each epoch); "test s" is
 * tokenizing and classifying test.csv with the best epoch's network.
 */
final class FineTuneBenchmark {

    static final Set<String> OPTIONS = Set.of("splits", "records", "fasttext-script", "skip-fasttext", "seed", "epochs", "tune",
            "rates", "batches", "max-tokens");
    static final List<String> DEFAULT_SPLITS = List.of("sms_spam_collection/split", "sst2/split", "chnsenticorp_htl_all/split",
            "ag_news/split");

    private final BenchmarkOptions options;
    private final TrainBenchmark helpers;
    private final EncoderBenchmark frozen;
    private final Map<String, Double> served = new java.util.HashMap<>();
    private final Map<String, Double> alone = new java.util.HashMap<>();
    private final Map<String, String> shares = new java.util.HashMap<>();

    FineTuneBenchmark(final BenchmarkOptions options) {
        this.options = options;
        this.helpers = new TrainBenchmark(options);
        this.frozen = new EncoderBenchmark(options);
    }

    String run() throws Exception {
        final String records = options.string("records", "3000");
        final long seed = Long.parseLong(options.string("seed", "7"));
        final int epochs = Integer.parseInt(options.string("epochs", String.valueOf(FineTuneTrainer.DEFAULT_EPOCHS)));
        final boolean fastText = !options.string("skip-fasttext", "false").equals("true");
        final StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "Training records per split: %s (seeded sample of train.csv, seed %d); validation carved out of them; scored on "
                        + "test.csv. Fine-tuning: %d epochs at most, the settings' defaults otherwise.%n%n"
                        + "| split | records | fastText default F1 | fastText bigram-25ep F1 | n-gram F1 | frozen encoder F1 (blended) "
                        + "| train s | fine-tuned F1 | blended F1 (the default) | share | train s | test s (texts/s) | served texts/s "
                        + "| epochs (best) | above frozen |%n"
                        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|%n", records, seed, epochs));
        final Path cache = Files.createDirectories(Path.of("target", "encoder-cache"));
        if (options.string("tune", "false").equals("true")) {
            return tune(records, seed, epochs, cache);
        }
        for (final String split : options.stringList("splits", DEFAULT_SPLITS)) {
            final Path dir = SharedDatasets.file(split + "/train.csv").getParent();
            final TrainBenchmark.Data all = TrainBenchmark.read(dir.resolve("train.csv"), null);
            final TrainBenchmark.Data train = EncoderBenchmark.sample(all, records, seed);
            final TrainBenchmark.Data test = TrainBenchmark.read(dir.resolve("test.csv"), all.names());
            final Map<String, double[]> peers = fastText ? helpers.fastText(EncoderBenchmark.sampleDirectory(dir, train)) : Map.of();
            final SplitPlan plan = helpers.carveValidation(train.labels());
            final EncoderBenchmark.Score ngram = frozen.ngram(train, test, plan);
            final String encoderName = BundledEncoders.forTexts(train.texts());
            final EncoderBenchmark.Score encoder = frozen.encoder(encoderName, cache, train, test, plan);
            final EncoderBenchmark.Score tuned = fineTuned(encoderName, cache, train, test, plan, epochs, split);
            final String row = String.format(Locale.ROOT,
                    "| %s | %,d | %.4f | %.4f | %.4f | %.4f | %.1f | %.4f | %.4f | %s | %.1f | %.1f (%.0f) | %.0f | %s | %s |%n",
                    split, train.texts().size(), peers.getOrDefault("default", new double[] {Double.NaN})[0],
                    peers.getOrDefault("bigram-25ep", new double[] {Double.NaN})[0], ngram.macroF1(), encoder.macroF1(),
                    encoder.trainSeconds(), alone.get(split), tuned.macroF1(), shares.get(split), tuned.trainSeconds(),
                    tuned.testSeconds(), test.texts().size() / tuned.testSeconds(), served.get(split), tuned.detail(),
                    tuned.macroF1() > encoder.macroF1() ? "yes" : "NO");
            System.out.print(row);
            table.append(row);
        }
        return table.append(String.format(Locale.ROOT, "%nPeak resident memory of the benchmark's JVM (VmHWM, every model of the run "
                + "included): %s.%n", peakResidentMemory())).toString();
    }

    /**
     * How the defaults were chosen: the validation macro-F1 (never test) of the best epoch under peak learning rates,
     * batch sizes and token limits, on the same training records as the comparison.
     */
    private String tune(final String records, final long seed, final int epochs, final Path cache) throws Exception {
        final StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Training records per split: %s (seed %d), validation "
                + "carved out of them, %d epochs at most; test.csv not read.%n%n| split | peak learning rate | batch | max tokens | best "
                + "validation F1 | at epoch | per epoch | train s |%n|---|---|---|---|---|---|---|---|%n", records, seed, epochs));
        for (final String split : options.stringList("splits", DEFAULT_SPLITS)) {
            final Path dir = SharedDatasets.file(split + "/train.csv").getParent();
            final TrainBenchmark.Data all = TrainBenchmark.read(dir.resolve("train.csv"), null);
            final TrainBenchmark.Data train = EncoderBenchmark.sample(all, records, seed);
            final SplitPlan plan = helpers.carveValidation(train.labels());
            final String encoderName = BundledEncoders.forTexts(train.texts());
            for (final Candidate candidate : candidates()) {
                final TrainingSettings settings = TrainingSettings.builder().optModelType(ModelType.FINE_TUNED_ENCODER)
                        .optMaxEpochs(epochs).optPatience(epochs).optLearningRate(candidate.rate()).optBatchSize(candidate.batch())
                        .optTimeBudget(Duration.ofMinutes(60)).build();
                final List<Double> perEpoch = new java.util.ArrayList<>();
                try (OpenModelFamily open = open(settings, encoderName, cache, false, candidate.maxTokens())) {
                    @SuppressWarnings("unchecked")
                    final ModelFamily<long[], BertWeights> family = (ModelFamily<long[], BertWeights>) open.family();
                    final List<long[]> inputs = family.featurizer().featurizeAll(train.texts());
                    final TrainingOutcome<BertWeights> outcome = family.trainer(settings.classWeighting()).train(inputs,
                            train.labels(), train.names().size(), plan.train(), plan.validation(), new EpochListener() {
                                @Override
                                public void epochEnded(final int epoch, final double loss, final double f1, final long elapsed) {
                                    perEpoch.add(f1);
                                }

                                @Override
                                public void stepEnded(final int step, final int total, final double loss) {
                                    if (step % 25 == 0 || !Double.isFinite(loss)) {
                                        System.err.printf(Locale.ROOT, "  step %d of %d, loss %.4f%n", step, total, loss);
                                    }
                                }
                            });
                    final String row = String.format(Locale.ROOT, "| %s | %.0e | %d | %d | %.4f | %d | %s | %.0f |%n", split,
                            candidate.rate(), candidate.batch(), candidate.maxTokens(), outcome.bestValidationMacroF1(),
                            outcome.bestEpoch(), perEpoch.stream().map(f -> String.format(Locale.ROOT, "%.4f", f)).toList(),
                            outcome.trainMillis() / 1e3);
                    System.out.print(row);
                    out.append(row);
                }
            }
        }
        return out.toString();
    }

    /** One setting of the tuning grid. */
    private record Candidate(float rate, int batch, int maxTokens) { }

    /** The grid: --rates, --batches and --max-tokens (lists), every combination. */
    private List<Candidate> candidates() {
        final List<Candidate> grid = new java.util.ArrayList<>();
        for (final String rate : options.stringList("rates", List.of("2e-5", "3e-5", "5e-5"))) {
            for (final int batch : options.intList("batches", List.of(16, 32))) {
                for (final int maxTokens : options.intList("max-tokens", List.of(FineTunedModelFamily.DEFAULT_MAX_TOKENS))) {
                    grid.add(new Candidate(Float.parseFloat(rate), batch, maxTokens));
                }
            }
        }
        return grid;
    }

    /** The family as TrainClassifier opens it for a bundled encoder. */
    private static OpenModelFamily open(final TrainingSettings settings, final String encoderName, final Path cache,
                                        final boolean blend, final int maxTokens) throws Exception {
        return OpenModelFamily.open(settings, EncoderSource.bundled(encoderName), blend,
                EncoderOptions.builder().optCacheDirectory(cache).build(), (done, total) -> { }, maxTokens);
    }

    /**
     * The model as the model service serves it: the version's files written and loaded through ServedModels, the test texts
     * scored in ClassifyText's default batches of 64 with the engine's own threads (one; ClassifyText's tasks add more).
     */
    private static double servedTextsPerSecond(final io.nifidq.ml.train.TrainedModel model, final TrainBenchmark.Data test)
            throws Exception {
        final Path version = Files.createTempDirectory("finetuned-version-");
        model.writeFiles(version);
        try (io.nifidq.ml.serving.FineTunedServedModel served = io.nifidq.ml.serving.FineTunedServedModel.load(version,
                ai.djl.Device.cpu())) {
            final long t0 = System.nanoTime();
            served.score(test.texts(), 64);
            return test.texts().size() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            org.apache.commons.io.FileUtils.deleteDirectory(version.toFile());
        }
    }

    private static String peakResidentMemory() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmHWM"))
                .map(line -> line.replaceAll("\\s+", " ")).findFirst().orElse("unknown");
    }

    /** The Fine-tuned Encoder as TrainClassifier opens it (English from the fp32 encoder, Chinese dequantised). */
    private EncoderBenchmark.Score fineTuned(final String encoderName, final Path cache, final TrainBenchmark.Data train,
                                             final TrainBenchmark.Data test, final SplitPlan plan, final int epochs,
                                             final String split) throws Exception {
        final TrainingSettings settings = TrainingSettings.builder().optModelType(ModelType.FINE_TUNED_ENCODER).optMaxEpochs(epochs)
                .optLearningRate(FineTuneTrainer.DEFAULT_LEARNING_RATE).optTimeBudget(Duration.ofMinutes(60)).build();
        try (OpenModelFamily open = open(settings, encoderName, cache, true,
                options.intValue("max-tokens", FineTunedModelFamily.DEFAULT_MAX_TOKENS))) {
            @SuppressWarnings("unchecked")
            final BlendedModelFamily<long[], int[], BertWeights, NetworkWeights> family =
                    (BlendedModelFamily<long[], int[], BertWeights, NetworkWeights>) open.family();
            final long t0 = System.nanoTime();
            final List<BlendedModelFamily.Input<long[], int[]>> inputs = family.featurizer().featurizeAll(train.texts());
            final ClassifierTrainer<BlendedModelFamily.Input<long[], int[]>, BlendedModelFamily.Weights<BertWeights, NetworkWeights>>
                    trainer = family.trainer(settings.classWeighting());
            final TrainingOutcome<BlendedModelFamily.Weights<BertWeights, NetworkWeights>> outcome = trainer.train(inputs,
                    train.labels(), train.names().size(), plan.train(), plan.validation(), new EpochListener() {
                        @Override
                        public void epochEnded(final int epoch, final double loss, final double f1, final long elapsed) {
                            System.err.printf(Locale.ROOT, "  epoch %d: loss %.4f, validation F1 %.4f, %.0f s%n", epoch,
                                    loss, f1, elapsed / 1e3);
                        }

                        @Override
                        public void stepEnded(final int step, final int total, final double loss) {
                            if (step % 50 == 0) {
                                System.err.printf(Locale.ROOT, "  step %d of %d, loss %.4f%n", step, total, loss);
                            }
                        }
                    });
            final double trainSeconds = (System.nanoTime() - t0) / 1e9;
            final long t1 = System.nanoTime();
            final List<BlendedModelFamily.Input<long[], int[]>> testInputs = family.featurizer().featurizeAll(test.texts());
            final double f1 = EncoderBenchmark.testF1(trainer, outcome.weights(), testInputs, test);
            final double testSeconds = (System.nanoTime() - t1) / 1e9;
            final BlendedModelFamily.Weights<BertWeights, NetworkWeights> weights = outcome.weights();
            alone.put(split, EncoderBenchmark.testF1(trainer, new BlendedModelFamily.Weights<>(weights.first(), weights.second(), 1f),
                    testInputs, test));
            shares.put(split, String.format(Locale.ROOT, "%.2f", weights.share()));
            served.put(split, servedTextsPerSecond(family.trainedModel(weights, train.names()), test));
            return new EncoderBenchmark.Score(f1, trainSeconds, testSeconds, outcome.epochsRun() + " (" + outcome.bestEpoch() + ")");
        }
    }

}
