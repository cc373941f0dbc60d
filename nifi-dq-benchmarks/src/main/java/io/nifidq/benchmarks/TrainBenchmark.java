package io.nifidq.benchmarks;

import io.nifidq.ml.model.NetworkWeights;
import io.nifidq.ml.eval.ClassificationReport;
import io.nifidq.ml.features.HashingFeaturizer;
import io.nifidq.ml.model.DjlEngine;
import io.nifidq.ml.noise.ConfidentLearning;
import io.nifidq.ml.split.SplitPlan;
import io.nifidq.ml.split.StratifiedSplitter;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.NgramModelFamily;
import io.nifidq.ml.train.OutOfFold;
import io.nifidq.ml.train.TextClassifierTrainer;
import io.nifidq.ml.train.TrainingOutcome;
import io.nifidq.ml.train.TrainingSettings;

import io.nifidq.testing.SharedDatasets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * TrainClassifier's trainer with its DEFAULT settings against fastText (tools/fasttext_bench.py) on the fixed
 * train/test splits, in one run: the trainer carves its validation share (for early stopping) out of train.csv
 * with TrainClassifier's default seed; test.csv is only used for the final scores. Training time counts the
 * engine start (measured once, added to every split), featurizing and training; JVM start is excluded.
 */
final class TrainBenchmark {

    static final Set<String> OPTIONS = Set.of("splits", "fasttext-script", "skip-fasttext", "noise-rate", "noise-seed", "folds");
    static final List<String> DEFAULT_SPLITS = List.of("sms_spam_collection/split", "chnsenticorp_htl_all/split", "ag_news/split",
            "sst2/split", "weka_reuters/split_corn", "weka_reuters/split_grain");
    private static final Pattern FASTTEXT_LINE = Pattern.compile(
            "fasttext-(\\S+)\\s+macroF1 ([0-9.]+) acc ([0-9.]+) train_s\\s+([0-9.]+) predict_s\\s+([0-9.]+)");

    private final BenchmarkOptions options;
    private final TrainingSettings settings = TrainingSettings.defaults();
    private final double validationShare;

    TrainBenchmark(final BenchmarkOptions options) {
        this.options = options;
        final JobSettings job = JobSettings.defaults();
        this.validationShare = job.validationShare() / (job.trainShare() + job.validationShare());
    }

    record Data(List<String> texts, int[] labels, List<String> names) {
    }

    record Scores(double macroF1, double accuracy, double trainSeconds, double predictSeconds, int epochs, int bestEpoch) {
    }

    String compareWithFastText() throws Exception {
        final long engineStart = System.nanoTime();
        DjlEngine.get();
        final double engineSeconds = (System.nanoTime() - engineStart) / 1e9;
        final StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "TrainClassifier defaults: %s; validation %.1f%% of train.csv; engine %s on %s, "
                        + "engine start %.2f s (added to every TrainClassifier time below)%n%n",
                settings, validationShare * 100, DjlEngine.describe(), DjlEngine.preferredDevice(), engineSeconds));
        table.append("| split | fastText default F1 | train s | fastText bigram-25ep F1 | train s | TrainClassifier F1 | acc | train s "
                + "| epochs (best) | F1 > better fastText | time <= bigram |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (final String split : options.stringList("splits", DEFAULT_SPLITS)) {
            final Path dir = SharedDatasets.file(split + "/train.csv").getParent();
            final Map<String, double[]> fastText = options.string("skip-fasttext", "false").equals("true") ? Map.of() : fastText(dir);
            final Scores ours = trainAndTest(dir, engineSeconds);
            final double[] def = fastText.getOrDefault("default", new double[]{Double.NaN, Double.NaN, Double.NaN});
            final double[] bigram = fastText.getOrDefault("bigram-25ep", new double[]{Double.NaN, Double.NaN, Double.NaN});
            final double better = Math.max(def[0], bigram[0]);
            final String row = String.format(Locale.ROOT, "| %s | %.4f | %.1f | %.4f | %.1f | %.4f | %.4f | %.1f | %d (%d) | %s | %s |%n",
                    split, def[0], def[2], bigram[0], bigram[2], ours.macroF1(), ours.accuracy(), ours.trainSeconds(), ours.epochs(),
                    ours.bestEpoch(), ours.macroF1() > better ? "yes" : "NO", ours.trainSeconds() <= bigram[2] ? "yes" : "NO");
            System.out.print(row);
            table.append(row);
        }
        return table.toString();
    }

    /** Flips a share of the training labels, finds suspects out of fold, and compares clean, noisy and pruned training. */
    String labelNoise() throws Exception {
        final String split = options.stringList("splits", List.of("sms_spam_collection/split")).getFirst();
        final double rate = Double.parseDouble(options.string("noise-rate", "0.1"));
        final long noiseSeed = Long.parseLong(options.string("noise-seed", "1"));
        final int folds = options.intValue("folds", JobSettings.defaults().folds());
        final Path dir = SharedDatasets.file(split + "/train.csv").getParent();
        final Data train = read(dir.resolve("train.csv"), null);
        final Data test = read(dir.resolve("test.csv"), train.names());
        final int[] noisy = train.labels().clone();
        final Random random = new Random(noiseSeed);
        final Set<Integer> flipped = new HashSet<>();
        final int classes = train.names().size();
        for (int i = 0; i < noisy.length; i++) {
            if (random.nextDouble() < rate) {
                noisy[i] = (noisy[i] + 1 + random.nextInt(classes - 1)) % classes;
                flipped.add(i);
            }
        }
        final HashingFeaturizer featurizer = new HashingFeaturizer(settings.featurizer());
        final List<int[]> features = featurizer.featurizeAll(train.texts());
        final List<int[]> testFeatures = featurizer.featurizeAll(test.texts());
        final TextClassifierTrainer trainer = new TextClassifierTrainer(settings);
        final SplitPlan plan = carveValidation(noisy);
        final int[] trainIdx = plan.train();

        final double clean = testF1(trainer, trainer.train(features, train.labels(), classes, trainIdx, plan.validation(), EpochListener.NONE),
                testFeatures, test);
        final double noisyF1 = testF1(trainer, trainer.train(features, noisy, classes, trainIdx, plan.validation(), EpochListener.NONE),
                testFeatures, test);
        final long t0 = System.nanoTime();
        final List<ConfidentLearning.Suspect> suspects = OutOfFold.suspects(new NgramModelFamily(settings), features, noisy,
                new boolean[noisy.length], IntStream.range(0, noisy.length).toArray(), trainIdx, plan.validation(), classes, folds,
                settings.seed(), 1, 1, EpochListener.NONE);
        final double oofSeconds = (System.nanoTime() - t0) / 1e9;
        final Set<Integer> flagged = new HashSet<>();
        suspects.forEach(s -> flagged.add(s.index()));
        final Set<Integer> flippedInTrain = new HashSet<>();
        IntStream.of(trainIdx).filter(flipped::contains).forEach(flippedInTrain::add);
        final long hits = flagged.stream().filter(flippedInTrain::contains).count();
        final int[] pruned = IntStream.of(trainIdx).filter(i -> !flagged.contains(i)).toArray();
        final double prunedF1 = testF1(trainer, trainer.train(features, noisy, classes, pruned, plan.validation(), EpochListener.NONE),
                testFeatures, test);
        return String.format(Locale.ROOT, """
                        split %s, %d training records (%d for training, %d validation), %.0f%% of the labels flipped with seed %d: \
                        %d flipped among the training records; %d folds, out-of-fold pass %.1f s
                        
                        | measure | value |
                        |---|---|
                        | flagged records | %d |
                        | precision of the flags (flagged and really flipped / flagged) | %.3f |
                        | recall of the flags (flagged and really flipped / flipped) | %.3f |
                        | test macro-F1, clean labels | %.4f |
                        | test macro-F1, noisy labels, no handling | %.4f |
                        | test macro-F1, noisy labels, suspects pruned | %.4f |
                        """, split, noisy.length, trainIdx.length, plan.validation().length, rate * 100, noiseSeed, flippedInTrain.size(),
                folds, oofSeconds, flagged.size(), flagged.isEmpty() ? 0.0 : hits / (double) flagged.size(),
                flippedInTrain.isEmpty() ? 0.0 : hits / (double) flippedInTrain.size(), clean, noisyF1, prunedF1);
    }

    private Scores trainAndTest(final Path dir, final double engineSeconds) throws Exception {
        final Data train = read(dir.resolve("train.csv"), null);
        final Data test = read(dir.resolve("test.csv"), train.names());
        final long t0 = System.nanoTime();
        final HashingFeaturizer featurizer = new HashingFeaturizer(settings.featurizer());
        final List<int[]> features = featurizer.featurizeAll(train.texts());
        final SplitPlan plan = carveValidation(train.labels());
        final TextClassifierTrainer trainer = new TextClassifierTrainer(settings);
        final TrainingOutcome<NetworkWeights> outcome = trainer.train(features, train.labels(), train.names().size(), plan.train(), plan.validation(),
                EpochListener.NONE);
        final double trainSeconds = (System.nanoTime() - t0) / 1e9 + engineSeconds;
        final long t1 = System.nanoTime();
        final List<int[]> testFeatures = featurizer.featurizeAll(test.texts());
        final int[] predicted = TextClassifierTrainer.argmax(trainer.probabilities(outcome.weights(), testFeatures,
                IntStream.range(0, testFeatures.size()).toArray()));
        final double predictSeconds = (System.nanoTime() - t1) / 1e9;
        final ClassificationReport report = ClassificationReport.of(train.names(), test.labels(), predicted);
        return new Scores(report.macroF1(), report.accuracy(), trainSeconds, predictSeconds, outcome.epochsRun(), outcome.bestEpoch());
    }

    private double testF1(final TextClassifierTrainer trainer, final TrainingOutcome<NetworkWeights> outcome, final List<int[]> testFeatures, final Data test) {
        final int[] predicted = TextClassifierTrainer.argmax(trainer.probabilities(outcome.weights(), testFeatures,
                IntStream.range(0, testFeatures.size()).toArray()));
        return ClassificationReport.of(test.names(), test.labels(), predicted).macroF1();
    }

    /** Train and validation out of train.csv: stratified, TrainClassifier's default seed; nothing is held back for test. */
    SplitPlan carveValidation(final int[] labels) {
        final SplitPlan plan = StratifiedSplitter.split(labels, IntStream.range(0, labels.length).toArray(), new boolean[labels.length],
                1 - validationShare, validationShare, settings.seed());
        final int[] train = IntStream.concat(IntStream.of(plan.train()), IntStream.of(plan.test())).toArray();
        return new SplitPlan(train, plan.validation(), new int[0], 0);
    }

    Map<String, double[]> fastText(final Path split) throws Exception {
        final Path script = Path.of(options.string("fasttext-script",
                SharedDatasets.file("README.md").getParent().resolve("../tools/fasttext_bench.py").normalize().toString()));
        final Process process = new ProcessBuilder("python3", script.toString(), split.toString()).redirectErrorStream(true).start();
        final Map<String, double[]> results = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                final Matcher m = FASTTEXT_LINE.matcher(line);
                if (m.find()) {
                    results.put(m.group(1), new double[]{Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                            Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5))});
                } else {
                    System.err.println("fasttext_bench: " + line);
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("fasttext_bench.py failed on " + split + " (is the fasttext package installed?)");
        }
        return results;
    }

    /** text,label CSV; label ids follow the sorted names of {@code names} (or of this file when null). */
    static Data read(final Path file, final List<String> names) throws Exception {
        final CsvRows.LabelledTexts rows = CsvRows.readLabelledTexts(file);
        final List<String> texts = rows.texts();
        final List<String> labels = rows.labels();
        final List<String> classNames = names != null ? names : new ArrayList<>(new TreeSet<>(labels));
        final Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            ids.put(classNames.get(i), i);
        }
        final int[] ids2 = new int[labels.size()];
        for (int i = 0; i < ids2.length; i++) {
            final Integer id = ids.get(labels.get(i));
            if (id == null) {
                throw new IllegalStateException(file + " has label '" + labels.get(i) + "', unknown to the training split");
            }
            ids2[i] = id;
        }
        return new Data(texts, ids2, classNames);
    }
}
