package io.nifidq.bench.thesis;

import io.nifidq.bench.degrade.Corruption;
import io.nifidq.bench.degrade.Degradation;
import io.nifidq.bench.degrade.Degrader;
import io.nifidq.bench.degrade.LabelledTable;
import io.nifidq.ml.train.AssignedSplit;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.ml.train.TrainingJob;
import io.nifidq.quality.profile.BaselineSummary;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * BENCHMARKS.md section 3, the thesis: for every split, corruption and strength, macro-F1 on the split's untouched test
 * file of TrainClassifier's defaults trained on the clean training file, on the degraded one, and on the degraded one
 * repaired by nifi-dq ({@link RepairPipeline}); the recovery; and whether ProfileQuality, with the clean file's profile
 * as its baseline, names the injected problem and nothing else.
 */
public final class ThesisBenchmark {

    /**
     * TrainClassifier's defaults, except that a class needs only one record: respelled labels make classes of two or three
     * records, which TrainClassifier would refuse (failure); the benchmark measures what they cost a model instead.
     */
    static final JobSettings DEGRADED_SETTINGS = JobSettings.builder().optMinRecordsPerClass(1).build();

    private final ThesisResults.Settings settings;
    private final Path datasets;
    private final PrintStream progress;

    public ThesisBenchmark(final ThesisResults.Settings settings, final Path datasets, final PrintStream progress) {
        this.settings = settings;
        this.datasets = datasets;
        this.progress = progress;
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
        final LabelledRows train = wholeTrain.stratifiedSample(settings.maxTrainRecords(), settings.seed());
        final LabelledRows test = LabelledRows.of(LabelledTable.read(folder.resolve("test.csv")));
        final BaselineSummary baseline = train.profile().baseline();
        final RepairPipeline pipeline = new RepairPipeline(baseline, settings.labelNoiseHandling(), settings.rebalanceTarget(), settings.seed());
        final double clean = macroF1(trainingData(train, test), JobSettings.defaults());
        // The false-alarm check: the untouched test file is clean data of the same source, so nothing should be named.
        final List<String> cleanFindings = pipeline.findings(test);
        progress.printf(Locale.ROOT, "[%6.0f s] %s: %,d training records (of %,d), %,d test; clean macro-F1 %.4f%n",
                elapsed(start), split, train.size(), wholeTrain.size(), test.size(), clean);
        final List<ThesisResults.Cell> cells = new ArrayList<>();
        final Map<LabelledRows, ThesisResults.Cell> sameDegradation = new java.util.HashMap<>();
        final Degrader degrader = new Degrader(LabelledRows.TEXT, LabelledRows.LABEL, null);
        for (final Corruption corruption : settings.corruptions()) {
            for (final double strength : settings.strengths()) {
                final long cellStart = System.nanoTime();
                final Degradation degradation = degrader.apply(train.toTable(trainFile.format()), corruption, strength, settings.seed());
                final LabelledRows degraded = LabelledRows.of(degradation.table());
                // On two classes, class-dependent flips are the uniform ones: the same records, the same results.
                final ThesisResults.Cell same = sameDegradation.get(degraded);
                final ThesisResults.Cell cell;
                if (same != null) {
                    cell = new ThesisResults.Cell(split, corruption, strength, injected(degradation), clean, same.degradedF1(),
                            same.repairedF1(), same.findings(), same.remedies(), same.recordsIn(), same.recordsKept(), same.copiesAdded(),
                            0.0, settings.minLoss());
                } else {
                    final double degradedF1 = macroF1(trainingData(degraded, test), DEGRADED_SETTINGS);
                    final RepairPipeline.Repair repair = pipeline.repair(degraded, test);
                    final double repairedF1 = macroF1(repair.trainingData(), repair.jobSettings());
                    cell = new ThesisResults.Cell(split, corruption, strength, injected(degradation), clean, degradedF1, repairedF1,
                            repair.findings(), repair.remedies(), repair.recordsIn(), repair.recordsKept(), repair.copiesAdded(),
                            (System.nanoTime() - cellStart) / 1e9, settings.minLoss());
                    sameDegradation.put(degraded, cell);
                }
                cells.add(cell);
                progress.printf(Locale.ROOT, "[%6.0f s]   %s %-18s %.1f  degraded %.4f  repaired %.4f  recovery %s  findings %s  remedies %s%n",
                        elapsed(start), split, corruption.cliName(), strength, cell.degradedF1(), cell.repairedF1(),
                        cell.recovery() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", cell.recovery()), cell.findings(),
                        cell.remedies());
            }
        }
        return new ThesisResults.SplitResult(split, wholeTrain.size(), train.size(), test.size(), clean, baseline.findingMeasures(), cleanFindings,
                cells);
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

    private static double macroF1(final TrainingData data, final JobSettings settings) throws Exception {
        return new TrainingJob(settings).run(data, EpochListener.NONE).evaluation().macroF1();
    }

    private static double elapsed(final long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
