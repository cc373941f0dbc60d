package io.nifidq.bench.thesis;

import io.nifidq.bench.degrade.Corruption;
import io.nifidq.bench.degrade.Degradation;
import io.nifidq.bench.degrade.Degrader;
import io.nifidq.bench.degrade.LabelledTable;
import io.nifidq.ml.train.AssignedSplit;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.quality.profile.BaselineSummary;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * BENCHMARKS.md section 3, the thesis: for every split, model family, corruption, strength and seed, macro-F1 on the
 * split's untouched test file of TrainClassifier's defaults for the family trained on the clean training file, on the
 * degraded one, and on the degraded one repaired by nifi-dq ({@link RepairPipeline}); the recovery on the seeds' means; and
 * whether ProfileQuality, with the clean file's profile as its baseline, names the injected problem and nothing else.
 */
public final class ThesisBenchmark {

    /**
     * TrainClassifier's defaults, except that a class needs only one record: respelled labels make classes of two or three
     * records, which TrainClassifier would refuse (failure); the benchmark measures what they cost a model instead.
     */
    /** At most this many held-out records of train.csv to evaluate on with {@code --evaluate-on validation}. */
    static final int VALIDATION_RECORDS = 2_000;
    static final JobSettings DEGRADED_SETTINGS = JobSettings.builder().optMinRecordsPerClass(1).build();
    /** Where the bundled encoders and ONNX Runtime's natives are unpacked (the benchmarks' own folder). */
    static final Path ENCODER_CACHE = Path.of("target", "encoder-cache");

    private final ThesisResults.Settings settings;
    private final Path datasets;
    private final PrintStream progress;
    private final int encoderRuns;

    /** @param encoderRuns the encoder's runs at once: the cores this JVM has to itself */
    public ThesisBenchmark(final ThesisResults.Settings settings, final Path datasets, final PrintStream progress, final int encoderRuns) {
        this.settings = settings;
        this.datasets = datasets;
        this.progress = progress;
        this.encoderRuns = encoderRuns;
    }

    /** Runs every split, one after the other. */
    public ThesisResults run() throws Exception {
        final long start = System.nanoTime();
        final List<ThesisResults.SplitResult> results = new ArrayList<>();
        for (final String split : settings.splits()) {
            results.add(runSplit(split, start));
        }
        return new ThesisResults(settings, results, (System.nanoTime() - start) / 1e9);
    }

    private ThesisResults.SplitResult runSplit(final String split, final long start) throws Exception {
        final Path folder = datasets.resolve(split);
        final LabelledTable trainFile = LabelledTable.read(folder.resolve("train.csv"));
        final LabelledRows wholeTrain = LabelledRows.of(trainFile);
        // One sample for every seed: the seeds vary the corruption and the training, not the records.
        final LabelledRows train = wholeTrain.stratifiedSample(settings.maxTrainRecords(), settings.seeds().getFirst());
        // On validation, the records are those of train.csv that the training sample left out (no text of the sample among
        // them): what a remedy's settings are chosen on, so that test.csv judges them only once.
        final LabelledRows test = settings.evaluateOnValidation()
                ? wholeTrain.excluding(train).stratifiedSample(VALIDATION_RECORDS, settings.seeds().getFirst())
                : LabelledRows.of(LabelledTable.read(folder.resolve("test.csv")));
        progress.printf(Locale.ROOT, "[%6.0f s] %s: %,d training records (of %,d), %,d %s%n", elapsed(start), split, train.size(),
                wholeTrain.size(), test.size(), settings.evaluateOnValidation() ? "validation (from train.csv)" : "test");
        final List<ThesisResults.FamilyResult> families = new ArrayList<>();
        for (final ThesisFamily family : settings.families()) {
            try (ThesisModels models = ThesisModels.open(family, train.texts(), ENCODER_CACHE, encoderRuns)) {
                families.add(runFamily(split, trainFile, train, test, models, start));
            }
        }
        return new ThesisResults.SplitResult(split, wholeTrain.size(), train.size(), test.size(), families);
    }

    private ThesisResults.FamilyResult runFamily(final String split, final LabelledTable trainFile, final LabelledRows train,
                                                 final LabelledRows test, final ThesisModels models, final long start) throws Exception {
        final ThesisFamily family = models.family();
        final BaselineSummary baseline = train.profile(models.profileSettings()).baseline();
        final List<Double> clean = new ArrayList<>();
        for (final long seed : settings.seeds()) {
            clean.add(models.macroF1(trainingData(train, test), JobSettings.defaults(), seed));
        }
        // The false-alarm check: the untouched test file is clean data of the same source, so nothing should be named.
        final List<String> cleanFindings = test.profile(models.profileSettings()).withFindingsAgainst(baseline).findingNames();
        progress.printf(Locale.ROOT, "[%6.0f s] %s, %s: clean macro-F1 %s%n", elapsed(start), split, family.title(), clean);
        final List<ThesisResults.Cell> cells = new ArrayList<>();
        final Degrader degrader = new Degrader(LabelledRows.TEXT, LabelledRows.LABEL, null);
        // On two classes, class-dependent flips are the uniform ones: the same records and seed, the same results.
        final Map<List<Object>, ThesisResults.Run> sameDegradation = new HashMap<>();
        for (final Corruption corruption : settings.corruptions()) {
            for (final double strength : settings.strengths()) {
                final List<ThesisResults.Run> runs = new ArrayList<>();
                for (int s = 0; s < settings.seeds().size(); s++) {
                    final long seed = settings.seeds().get(s);
                    final double cleanF1 = clean.get(s);
                    final Degradation degradation = degrader.apply(train.toTable(trainFile.format()), corruption, strength, seed);
                    final LabelledRows degraded = LabelledRows.of(degradation.table());
                    final ThesisResults.Run same = sameDegradation.get(List.of(degraded, seed));
                    final ThesisResults.Run run = same != null ? same.injecting(injected(degradation))
                            : run(models, baseline, degraded, test, injected(degradation), cleanF1, seed);
                    sameDegradation.putIfAbsent(List.of(degraded, seed), run);
                    runs.add(run);
                }
                final ThesisResults.Cell cell = new ThesisResults.Cell(split, family, corruption, strength, runs, settings.minLoss());
                cells.add(cell);
                progress.printf(Locale.ROOT, "[%6.0f s]   %s %s %-18s %.1f  degraded %.4f  repaired %.4f  recovery %s  findings %s%n",
                        elapsed(start), split, family.cliName(), corruption.cliName(), strength, cell.degraded().mean(),
                        cell.repaired().mean(), cell.recovery() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", cell.recovery()),
                        runs.stream().map(ThesisResults.Run::findings).toList());
            }
        }
        return new ThesisResults.FamilyResult(family, clean, baseline.findingMeasures(), cleanFindings, cells);
    }

    /** One seed of a cell: the degraded records trained on as they are, then repaired and trained on. */
    private ThesisResults.Run run(final ThesisModels models, final BaselineSummary baseline, final LabelledRows degraded,
                                  final LabelledRows test, final String injected, final double clean, final long seed) throws Exception {
        final long start = System.nanoTime();
        final double degradedF1 = models.macroF1(trainingData(degraded, test), DEGRADED_SETTINGS, seed);
        final RepairPipeline.Repair repair = new RepairPipeline(baseline, settings.labelNoiseHandling(), settings.rebalanceTarget(), seed,
                models.profileSettings()).repair(degraded, test);
        final double repairedF1 = models.macroF1(repair.trainingData(), repair.jobSettings(), seed);
        return new ThesisResults.Run(seed, injected, clean, degradedF1, repairedF1, repair.findings(), repair.remedies(), repair.recordsIn(),
                repair.recordsKept(), repair.copiesAdded(), (System.nanoTime() - start) / 1e9);
    }

    /** The degradation's counts, the headline number first ("892 labelsFlipped"). */
    private static String injected(final Degradation degradation) {
        return degradation.counts().entrySet().stream().limit(1)
                .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey())).collect(Collectors.joining());
    }

    static TrainingData trainingData(final LabelledRows train, final LabelledRows test) {
        final TrainingData data = new TrainingData();
        for (int i = 0; i < train.size(); i++) {
            data.add(train.texts().get(i), train.labels().get(i), false, (long) i, AssignedSplit.TRAIN);
        }
        addTest(data, test);
        return data;
    }

    /** The untouched test file, as TrainClassifier's assigned test split (its Split Field). */
    static void addTest(final TrainingData data, final LabelledRows test) {
        for (int i = 0; i < test.size(); i++) {
            data.add(test.texts().get(i), test.labels().get(i), false, null, AssignedSplit.TEST);
        }
    }

    private static double elapsed(final long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
