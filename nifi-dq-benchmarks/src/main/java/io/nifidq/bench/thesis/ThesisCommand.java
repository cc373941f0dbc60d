package io.nifidq.bench.thesis;

import io.nifidq.bench.degrade.Corruption;
import io.nifidq.benchmarks.BenchmarkOptions;
import io.nifidq.ml.train.LabelNoiseHandling;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code thesis [--quick] [options]}: runs {@link ThesisBenchmark} and writes thesis.md, thesis.csv and the charts. */
public final class ThesisCommand {

    public static final List<String> ALL_SPLITS = List.of("sms_spam_collection/split", "chnsenticorp_htl_all/split", "ag_news/split",
            "sst2/split", "weka_reuters/split_corn", "weka_reuters/split_grain");
    static final String QUICK_SPLIT = "sms_spam_collection/split";
    static final int QUICK_MAX_TRAIN = 1_500;

    private static final Set<String> OPTIONS = Set.of("splits", "families", "strengths", "corruptions", "seeds", "max-train", "min-loss", "label-noise-handling", "rebalance-target", "evaluate-on",
            "processes", "encoder-runs", "datasets", "from-results", "out");

    public static final String USAGE = """
              thesis              BENCHMARKS.md section 3: per split, model family, corruption, strength and seed, macro-F1 of
                                  clean, degraded and repaired training data, recovery, and whether ProfileQuality names each
                                  corruption
                  --quick           one split (sms_spam_collection), strength 0.2, 1,500 training records, one seed: the CI
                                    smoke run
                  --splits LIST     split folders under the datasets dir (default: all six)
                  --families LIST   ngram, encoder (default: both)
                  --strengths LIST  (default 0.1,0.2,0.3)
                  --corruptions LIST (default: all ten)
                  --seeds LIST      degradation, training and augmentation seeds, one run each (default 1,2,3); the first
                                    also draws the training sample
                  --max-train N     training records per split at most, stratified sample (default 3000)
                  --min-loss F      smallest macro-F1 loss for which a recovery is computed (default 0.01)
                  --label-noise-handling H  TrainClassifier's handling when label_noise is named: prune or relabel (default prune)
                  --evaluate-on E   test (test.csv, default) or validation: up to 2,000 records of train.csv that the
                                    training sample left out (no text shared), to choose a remedy's settings on
                  --rebalance-target T  AugmentText's target when class_imbalance is named: baseline (the clean file's
                                    smallest/largest class ratio, default) or balanced (1.0)
                  --processes N     JVMs that share the splits, one PyTorch thread each (default 2: both cores; DJL
                                    trains one model at a time per JVM)
                  --encoder-runs N  the encoder's runs at once in this JVM (default: the cores; the child JVMs of
                                    --processes get 1 each)
                  --from-results F  train nothing: write thesis.md, thesis.csv and the charts again from a run's
                                    thesis-results.json (to redraw them after a change to the report or the charts)
                  --out DIR         where thesis.md, thesis.csv and the PNG charts go (default target/bench/thesis)
            """;

    private ThesisCommand() {
    }

    /** Parses the arguments, runs the benchmark with progress on the stream, writes the outputs; returns the results. */
    public static ThesisResults run(final List<String> args, final Path datasets, final Path defaultOut, final PrintStream progress)
            throws Exception {
        final BenchmarkOptions options = parse(args);
        final Path out = options.has("out") ? options.path("out") : defaultOut;
        if (options.has("from-results")) {
            final ThesisResults saved = ThesisProcesses.readJson(options.path("from-results"));
            write(saved, out);
            progress.println("thesis.md, thesis.csv and the charts written again to " + out.toAbsolutePath());
            return saved;
        }
        final ThesisResults.Settings settings = settings(options);
        final int processes = options.intValue("processes", 2);
        final ThesisResults results = processes > 1 && settings.splits().size() > 1
                ? ThesisProcesses.run(args, settings, out, processes, progress)
                : new ThesisBenchmark(settings, datasets, progress,
                        options.intValue("encoder-runs", Runtime.getRuntime().availableProcessors())).run();
        write(results, out);
        progress.println("thesis.md, thesis.csv, " + ThesisProcesses.RESULTS_FILE + " and the charts written to " + out.toAbsolutePath());
        return results;
    }

    static void write(final ThesisResults results, final Path out) throws Exception {
        Files.createDirectories(out);
        Files.writeString(out.resolve("thesis.md"), ThesisReport.markdown(results), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("thesis.csv"), ThesisReport.csv(results), StandardCharsets.UTF_8);
        ThesisProcesses.writeJson(results, out.resolve(ThesisProcesses.RESULTS_FILE));
        ThesisCharts.write(results, out);
    }

    /** The entry point of the child JVMs that {@link ThesisProcesses} starts. */
    public static void main(final String[] args) throws Exception {
        final List<String> list = List.of(args);
        try {
            run(list, Path.of(parse(list).string("datasets", ".")), Path.of("target/bench/thesis"), System.out);
        } catch (final Exception e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
        // DJL's engine may leave non-daemon threads behind; the parent waits for this process to end.
        System.exit(0);
    }

    static ThesisResults.Settings settings(final BenchmarkOptions options) {
        final boolean quick = options.has("quick");
        final List<String> splits = options.stringList("splits", quick ? List.of(QUICK_SPLIT) : ALL_SPLITS);
        final List<Double> strengths = options.stringList("strengths", quick ? List.of("0.2") : List.of("0.1", "0.2", "0.3")).stream()
                .map(Double::parseDouble).toList();
        for (final double strength : strengths) {
            if (!(strength > 0 && strength <= 1)) {
                throw new IllegalArgumentException("--strengths takes values in (0, 1]: " + strength);
            }
        }
        final List<Corruption> corruptions = options.stringList("corruptions", Arrays.stream(Corruption.values()).map(Corruption::cliName).toList())
                .stream().map(Corruption::byName).toList();
        final int maxTrain = options.intValue("max-train", quick ? QUICK_MAX_TRAIN : 3_000);
        if (maxTrain < 100) {
            throw new IllegalArgumentException("--max-train must be at least 100: " + maxTrain);
        }
        final List<ThesisFamily> families = options.stringList("families", Arrays.stream(ThesisFamily.values()).map(ThesisFamily::cliName)
                .toList()).stream().map(ThesisFamily::byName).toList();
        final List<Long> seeds = options.stringList("seeds", quick ? List.of("1") : List.of("1", "2", "3")).stream().map(Long::parseLong)
                .toList();
        if (families.isEmpty() || seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("--families and --seeds need at least one value each, seeds distinct: " + families + ", " + seeds);
        }
        return new ThesisResults.Settings(splits, families, corruptions, strengths, seeds, maxTrain,
                Double.parseDouble(options.string("min-loss", "0.01")),
                LabelNoiseHandling.valueOf(options.string("label-noise-handling", "prune").toUpperCase(Locale.ROOT)),
                RepairPipeline.RebalanceTarget.valueOf(options.string("rebalance-target", "baseline").toUpperCase(Locale.ROOT)),
                quick, evaluateOnValidation(options.string("evaluate-on", "test")));
    }

    /** {@code --evaluate-on validation}: settings are chosen on records of train.csv, never on test.csv. */
    static boolean evaluateOnValidation(final String value) {
        return switch (value) {
            case "test" -> false;
            case "validation" -> true;
            default -> throw new IllegalArgumentException("--evaluate-on takes test or validation: " + value);
        };
    }

    /** The thesis options: {@code --quick} and {@code --name value} pairs of {@link #OPTIONS}. */
    static BenchmarkOptions parse(final List<String> args) {
        return BenchmarkOptions.parse(args, OPTIONS, Set.of("quick"));
    }
}
