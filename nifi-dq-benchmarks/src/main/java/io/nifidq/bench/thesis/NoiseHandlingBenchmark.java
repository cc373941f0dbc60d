package io.nifidq.bench.thesis;

import io.nifidq.bench.degrade.Corruption;
import io.nifidq.bench.degrade.Degradation;
import io.nifidq.bench.degrade.Degrader;
import io.nifidq.bench.degrade.LabelledTable;
import io.nifidq.benchmarks.BenchmarkOptions;
import io.nifidq.ml.train.AssignedSplit;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.LabelNoiseHandling;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.ml.train.TrainingJob;
import io.nifidq.ml.train.TrainingJobResult;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code label-noise-handling}: on a split's training records with a share of the labels flipped (the degradation tool's
 * uniform label noise), macro-F1 on the untouched test file for each of TrainClassifier's ways to handle the noise, with
 * the precision and recall of the suspects it found, next to the ceiling (the flipped records removed by hand). What
 * the choice of Label Noise Passes and the Relabel option rest on.
 */
public final class NoiseHandlingBenchmark {

    public static final String USAGE = """
              label-noise-handling  macro-F1 of TrainClassifier's label-noise handlings on flipped labels, with the suspects'
                                  precision and recall and the ceiling (flipped records removed by hand)
                  --splits LIST     (default sms_spam_collection/split,ag_news/split)
                  --rates LIST      shares of labels flipped (default 0.2,0.3)
                  --max-train N     training records, stratified sample (default 3000)
                  --seed N          (default 1)
            """;

    private enum Variant {
        OFF("off (trained on the noisy labels)"),
        PRUNE_ONE_PASS("Prune, 1 pass"),
        PRUNE("Prune, 2 passes (default)"),
        RELABEL("Relabel, 2 passes"),
        CEILING("flipped records removed by hand");

        final String description;

        Variant(final String description) {
            this.description = description;
        }
    }

    private NoiseHandlingBenchmark() {
    }

    public static String run(final List<String> args, final Path datasets) throws Exception {
        final BenchmarkOptions options = BenchmarkOptions.parse(args, Set.of("splits", "rates", "max-train", "seed"));
        final List<String> splits = options.stringList("splits", List.of("sms_spam_collection/split", "ag_news/split"));
        final List<Double> rates = options.stringList("rates", List.of("0.2", "0.3")).stream().map(Double::parseDouble).toList();
        final int maxTrain = options.intValue("max-train", 3_000);
        final long seed = Long.parseLong(options.string("seed", "1"));
        final StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "At most %,d training records per split (stratified sample, seed %d); every tenth record is the validation split.%n%n",
                maxTrain, seed));
        out.append("| split | flipped | handling | macro-F1 | suspects | of them flipped | flipped found |\n|---|---|---|---|---|---|---|\n");
        for (final String split : splits) {
            final Path folder = datasets.resolve(split.strip());
            final LabelledTable trainFile = LabelledTable.read(folder.resolve("train.csv"));
            final LabelledRows train = LabelledRows.of(trainFile).stratifiedSample(maxTrain, seed);
            final LabelledRows test = LabelledRows.of(LabelledTable.read(folder.resolve("test.csv")));
            for (final double rate : rates) {
                final Degradation degradation = new Degrader(LabelledRows.TEXT, LabelledRows.LABEL, null)
                        .apply(train.toTable(trainFile.format()), Corruption.LABEL_NOISE, rate, seed);
                final LabelledRows noisy = LabelledRows.of(degradation.table());
                final Set<Integer> flipped = new HashSet<>(degradation.rows());
                for (final Variant variant : Variant.values()) {
                    final TrainingJobResult result = new TrainingJob(settings(variant)).run(data(noisy, test, flipped, variant), EpochListener.NONE);
                    final long hits = result.suspects().stream().filter(s -> flipped.contains((int) s.recordIndex())).count();
                    final int trainFlipped = (int) flipped.stream().filter(i -> i % 10 != 0).count();
                    out.append(String.format(Locale.ROOT, "| %s | %.0f%% (%,d) | %s | %.4f | %s | %s | %s |%n", split.strip(), rate * 100,
                            flipped.size(), variant.description, result.evaluation().macroF1(), count(variant, result.suspects()),
                            count(variant, hits), variant == Variant.OFF || variant == Variant.CEILING ? "-"
                                    : String.format(Locale.ROOT, "%,d of %,d", hits, trainFlipped)));
                }
            }
        }
        return out.toString();
    }

    private static String count(final Variant variant, final Object value) {
        final Object n = value instanceof List<?> list ? list.size() : value;
        return variant == Variant.OFF || variant == Variant.CEILING ? "-" : String.format(Locale.ROOT, "%,d", ((Number) n).longValue());
    }

    private static JobSettings settings(final Variant variant) {
        return switch (variant) {
            case OFF, CEILING -> JobSettings.defaults();
            case PRUNE_ONE_PASS -> JobSettings.builder().optLabelNoise(LabelNoiseHandling.PRUNE).optLabelNoisePasses(1).build();
            case PRUNE -> JobSettings.builder().optLabelNoise(LabelNoiseHandling.PRUNE).build();
            case RELABEL -> JobSettings.builder().optLabelNoise(LabelNoiseHandling.RELABEL).build();
        };
    }

    /** Every tenth record validates (the same records for every variant); the ceiling leaves the flipped training records out. */
    private static TrainingData data(final LabelledRows noisy, final LabelledRows test, final Set<Integer> flipped, final Variant variant) {
        final TrainingData data = new TrainingData();
        for (int i = 0; i < noisy.size(); i++) {
            final boolean validation = i % 10 == 0;
            if (variant == Variant.CEILING && !validation && flipped.contains(i)) {
                continue;
            }
            data.add(noisy.texts().get(i), noisy.labels().get(i), false, (long) i, validation ? AssignedSplit.VALIDATION : AssignedSplit.TRAIN);
        }
        ThesisBenchmark.addTest(data, test);
        return data;
    }
}
