package io.nifidq.benchmarks;

import io.nifidq.testing.SharedDatasets;
import io.nifidq.processors.profile.ProfileQuality;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./dq bench <subcommand> [options]}: the benchmarks of docs/benchmarks.md. Results are printed as
 * Markdown and also written under target/bench/ (bench.output.dir); generated inputs go to target/bench/data/.
 */
public final class BenchmarkMain {

    private static final String USAGE = """
            usage: ./dq bench <subcommand> [options]
              profile-throughput  ProfileQuality vs ConvertRecord (and a read-only floor), same readers/writers, TestRunner
                  --records N       records per input (default 1m; 1_000_000, 1m and 500k all work)
                  --rounds N        timed rounds per contender, alternating (default 3)
                  --warmups N       untimed runs per contender first (default 1)
                  --workloads LIST  adult-csv,adult-json,sms-csv,sms-json (default all)
                  --read-only B     also time the read-only floor (default true)
                  --near-duplicate-limit N  ProfileQuality's Near-Duplicate Index Limit on text (default: its default; 0 = off)
                  --jfr DIR         record a JFR profile per workload to DIR/<workload>.jfr and print the hotspots
              clean-throughput    CleanRecords with every step on vs ConvertRecord, same options as profile-throughput
                                  (--near-duplicate-limit is CleanRecords' index limit on text)
              augment-benefit     macro-F1 of TrainClassifier's defaults with and without AugmentText (small SMS and
                                  Chinese samples: --sizes 500,2000, --copies 4; Reuters: rebalance to 1.0)
              classify-throughput ClassifyText (default model trained on the SMS split) vs ConvertRecord on sms-csv/json,
                                  and vs fasttext predict on the SMS test split repeated (--predict-records, default 200k)
              profile-memory      heap of a DatasetProfile fed synthetic records, one JVM per size
                  --sizes LIST      record counts (default 1m,10m)
                  --kinds LIST      tabular,text,text-label (default all)
                  --xmx SIZE        heap of each probe JVM (default 3g)
              augment-throughput  AugmentText vs ConvertRecord, same readers/writers, TestRunner; ratio per produced record
                  --records N       records per input (default 1m)
                  --copies N        AugmentText's Copies per Record (default 1)
                  --rounds N        timed rounds, alternating (default 3)
                  --warmups N       untimed runs per contender first (default 1)
                  --workloads LIST  sms-csv,sms-json,chn-csv (default all)
                  --segmenter NAME  AugmentText's Chinese Segmenter: VITERBI (default) or MAXIMUM_MATCHING
              train               TrainClassifier's trainer with its DEFAULT settings vs fastText (tools/fasttext_bench.py), same run
                  --splits LIST     split folders under the datasets dir (default: all six)
                  --fasttext-script FILE  (default: <datasets>/../tools/fasttext_bench.py)
                  --skip-fasttext B skip the fastText side (default false)
              encoder             BENCHMARKS.md section 4: the PRETRAINED_ENCODER model (bundled encoder of the split's
                                  language, head chosen on validation) vs the n-gram model and fastText, same records
                  --records N|all   training records per split, a seeded sample of train.csv (default 3000)
                  --splits LIST     (default the six of section 1)   --skip-fasttext true   --seed N (default 7)
              finetune            issue 16: the Fine-tuned Encoder (TrainClassifier's defaults) vs the frozen encoder model,
                                  the n-gram model and fastText, same records, scored on test.csv
                  --records N|all   (default 3000)   --splits LIST (default SMS, SST-2, ChnSentiCorp, AG News)
                  --epochs N        fine-tuning epochs (default 3)   --skip-fasttext true   --seed N (default 7)
                  --tune true       validation macro-F1 only, under peak learning rates 2e-5, 3e-5, 5e-5 and batches 16, 32
              encoder-inference   ClassifyText + the model service with a PRETRAINED_ENCODER model vs a bare ONNX Runtime loop
                                  over the same test texts (--split sst2/split, --train-records 3000, --rounds 3,
                                  --bare-batch 64, --threads <cores>)
              label-noise         flip a share of a split's training labels, flag them out of fold (confident learning), prune
                  --splits SPLIT    (default sms_spam_collection/split)
                  --noise-rate R    share of labels flipped (default 0.1)
                  --noise-seed N    (default 1)
                  --folds N         (default: TrainClassifier's default)
              jfr-hotspots        the hotspots of a JFR file, split by processor
                  --file FILE       the recording
                  --top N           rows per table (default 25)
            """ + io.nifidq.bench.thesis.ThesisCommand.USAGE + io.nifidq.bench.thesis.NoiseHandlingBenchmark.USAGE
                    + io.nifidq.bench.degrade.DegradeCommand.USAGE + """
            example (quick): ./dq bench profile-throughput --records 100k --rounds 3
            """;

    private BenchmarkMain() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            System.out.print(USAGE);
            return;
        }
        final List<String> rest = Arrays.asList(args).subList(1, args.length);
        final Path outputDir = Path.of(System.getProperty("bench.output.dir", "target/bench"));
        try {
            run(args[0], rest, outputDir);
        } catch (final IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        }
    }

    /** Runs one subcommand with its own arguments; an unknown one or bad arguments throw IllegalArgumentException. */
    private static void run(final String command, final List<String> rest, final Path outputDir) throws Exception {
        switch (command) {
            case "profile-throughput" -> throughput(ThroughputBenchmark.Subject.PROFILE_QUALITY,
                    BenchmarkOptions.parse(rest, ThroughputBenchmark.OPTIONS), outputDir);
            case "clean-throughput" -> throughput(ThroughputBenchmark.Subject.CLEAN_RECORDS,
                    BenchmarkOptions.parse(rest, ThroughputBenchmark.OPTIONS), outputDir);
            case "thesis" -> {
                final var results = io.nifidq.bench.thesis.ThesisCommand.run(rest, SharedDatasets.file("README.md").getParent(),
                        outputDir.resolve("thesis"), System.out);
                System.out.println();
                System.out.println(machine());
                System.out.printf(Locale.ROOT, "%d split%s, %.0f s of benchmark time%n", results.splits().size(),
                        results.splits().size() == 1 ? "" : "s", results.seconds());
            }
            case "augment-benefit" -> {
                final String table = new AugmentBenefitBenchmark(BenchmarkOptions.parse(rest, AugmentBenefitBenchmark.OPTIONS)).run();
                report(outputDir, "augment-benefit", table);
            }
            case "classify-throughput" -> classifyThroughput(BenchmarkOptions.parse(rest, ClassifyBenchmark.OPTIONS), outputDir);
            case "profile-memory" -> profileMemory(BenchmarkOptions.parse(rest, MemoryBenchmark.OPTIONS), outputDir);
            case "augment-throughput" -> augmentThroughput(BenchmarkOptions.parse(rest, AugmentThroughputBenchmark.OPTIONS), outputDir);
            case "train" -> {
                final String table = new TrainBenchmark(BenchmarkOptions.parse(rest, TrainBenchmark.OPTIONS)).compareWithFastText();
                report(outputDir, "train", table);
            }
            case "encoder" -> {
                final String table = new EncoderBenchmark(BenchmarkOptions.parse(rest, EncoderBenchmark.OPTIONS)).run();
                report(outputDir, "encoder", table);
            }
            case "finetune" -> report(outputDir, "finetune",
                    new FineTuneBenchmark(BenchmarkOptions.parse(rest, FineTuneBenchmark.OPTIONS)).run());
            case "encoder-inference" -> report(outputDir, "encoder-inference",
                    new EncoderInferenceBenchmark(BenchmarkOptions.parse(rest, EncoderInferenceBenchmark.OPTIONS)).run(outputDir));
            case "label-noise-handling" -> {
                final String table = io.nifidq.bench.thesis.NoiseHandlingBenchmark.run(rest, SharedDatasets.file("README.md").getParent());
                report(outputDir, "label-noise-handling", table);
            }
            case "label-noise" -> {
                final String table = new TrainBenchmark(BenchmarkOptions.parse(rest, TrainBenchmark.OPTIONS)).labelNoise();
                report(outputDir, "label-noise", table);
            }
            case "degrade" -> {
                final var manifest = io.nifidq.bench.degrade.DegradeCommand.run(rest);
                System.out.printf(Locale.ROOT, "%s at strength %s, seed %d: %,d records in, %,d out; %s%nwritten to %s and %s%n",
                        manifest.corruption(), manifest.strength(), manifest.seed(), manifest.recordsIn(), manifest.recordsOut(),
                        manifest.counts(), manifest.output(), io.nifidq.bench.degrade.DegradationManifest.FILE_NAME);
            }
            case "jfr-hotspots" -> {
                final BenchmarkOptions options = BenchmarkOptions.parse(rest, JfrHotspots.OPTIONS);
                if (options.path("file") == null) {
                    throw new IllegalArgumentException("jfr-hotspots needs --file");
                }
                System.out.println(JfrHotspots.report(options.path("file"), options.intValue("top", 25)));
            }
            default -> throw new IllegalArgumentException("Unknown subcommand '" + command + "'");
        }
    }

    private static void throughput(final ThroughputBenchmark.Subject subject, final BenchmarkOptions options,
                                   final Path outputDir) throws Exception {
        final List<ThroughputBenchmark.WorkloadResult> results = new ThroughputBenchmark(subject, options, outputDir).run();
        final double worst = ThroughputTable.worstRatio(results);
        final String table = ThroughputTable.markdown(results) + String.format(Locale.ROOT,
                "%nWorst ratio %s / ConvertRecord: %.2f (target <= %.1f): %s%n", subject.label, worst, subject.targetRatio,
                worst <= subject.targetRatio ? "MET" : "NOT MET");
        final String name = subject == ThroughputBenchmark.Subject.PROFILE_QUALITY ? "profile" : "clean";
        report(outputDir, name + "-throughput", table);
        final Path jfrDir = options.path("jfr");
        if (jfrDir != null) {
            final StringBuilder hotspots = new StringBuilder();
            for (final ThroughputBenchmark.WorkloadResult result : results) {
                hotspots.append("## ").append(result.workload().key).append("\n\n")
                        .append(JfrHotspots.report(ThroughputBenchmark.jfrFile(jfrDir, result.workload()), 25)).append('\n');
            }
            System.out.println(hotspots);
            write(outputDir, name + "-hotspots", hotspots.toString());
        }
    }

    private static void augmentThroughput(final BenchmarkOptions options, final Path outputDir) throws Exception {
        final String table = AugmentThroughputBenchmark.markdown(new AugmentThroughputBenchmark(options, outputDir).run());
        report(outputDir, "augment-throughput", table);
    }

    private static void classifyThroughput(final BenchmarkOptions options, final Path outputDir) throws Exception {
        final Path model = ClassifyBenchmark.trainModel(outputDir);
        final List<ThroughputBenchmark.WorkloadResult> results = new ThroughputBenchmark(ThroughputBenchmark.Subject.CLASSIFY_TEXT,
                options, outputDir).withModel(model).run();
        final double worst = ThroughputTable.worstRatio(results);
        final StringBuilder table = new StringBuilder(ThroughputTable.markdown(results)).append(String.format(Locale.ROOT,
                "%nWorst ratio ClassifyText / ConvertRecord: %.2f (target <= 3.0): %s%n", worst, worst <= 3.0 ? "MET" : "NOT MET"));
        // Against fastText predict on the same texts: the sms test split repeated.
        final int records = options.intValue("predict-records", 200_000);
        final Path[] inputs = ClassifyBenchmark.predictInputs(outputDir, records);
        final Path fastTextModel = ClassifyBenchmark.trainFastText(outputDir);
        final var runner = ProcessorRunners.classifyText(BenchmarkDataGenerator.Format.CSV, "text", model);
        final byte[] csv = Files.readAllBytes(inputs[0]);
        ThroughputBenchmark.timeOneRun(runner, csv, records);
        ClassifyBenchmark.fastTextPredictSeconds(fastTextModel, inputs[1]);
        final List<Double> classify = new java.util.ArrayList<>();
        final List<Double> fastText = new java.util.ArrayList<>();
        for (int round = 0; round < options.intValue("rounds", 3); round++) {
            classify.add(ThroughputBenchmark.timeOneRun(runner, csv, records));
            fastText.add(ClassifyBenchmark.fastTextPredictSeconds(fastTextModel, inputs[1]));
        }
        final double c = ThroughputTable.median(classify);
        final double f = ThroughputTable.median(fastText);
        table.append(String.format(Locale.ROOT, "%nsms_spam_collection test split repeated to %,d texts: ClassifyText (CSV in, CSV out, "
                        + "TestRunner) %.2f s = %,.0f records/s; fasttext predict (default model, one thread, text file in, labels out) "
                        + "%.2f s = %,.0f records/s; ClassifyText / fastText records per second: %.2f%nRounds: ClassifyText %s; fastText %s%n",
                records, c, records / c, f, records / f, f / c, classify, fastText));
        report(outputDir, "classify-throughput", table.toString());
    }

    private static void profileMemory(final BenchmarkOptions options, final Path outputDir) throws Exception {
        final String table = MemoryBenchmark.markdown(new MemoryBenchmark(options).run());
        report(outputDir, "profile-memory", table);
    }

    private static String machine() {
        return String.format(Locale.ROOT, "Machine: %d processors, Java %s (%s), max heap %d MB, %s %s%nMeasured: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("os.name"), System.getProperty("os.arch"),
                jarOf(ProfileQuality.class) + ", " + jarOf(io.nifidq.text.Scripts.class));
    }

    /** Which build of the code under test ran: the jar (or folder) and its modification time. */
    private static String jarOf(final Class<?> type) {
        try {
            final Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getFileName() + " of " + Files.getLastModifiedTime(location);
        } catch (final Exception e) {
            return type.getSimpleName() + " (location unknown)";
        }
    }

    /** Prints the machine and the table, and writes both to the output folder under this name. */
    private static void report(final Path outputDir, final String name, final String table) throws IOException {
        System.out.println();
        System.out.println(machine());
        System.out.println(table);
        write(outputDir, name, machine() + "\n" + table);
    }

    private static void write(final Path outputDir, final String name, final String content) throws IOException {
        Files.createDirectories(outputDir);
        final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        final Path file = outputDir.resolve(name + "-" + stamp + ".md");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        System.out.println("written to " + file.toAbsolutePath());
    }
}
