package io.nifidq.bench.thesis;

import io.nifidq.augment.AugmentSettings;
import io.nifidq.augment.Augmenter;
import io.nifidq.augment.ChineseSplitter;
import io.nifidq.augment.ChineseSynonyms;
import io.nifidq.augment.CopyPlan;
import io.nifidq.augment.WordNetSynonyms;
import io.nifidq.ml.train.AssignedSplit;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.LabelNoiseHandling;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.quality.clean.CleaningCounts;
import io.nifidq.quality.clean.CleaningRules;
import io.nifidq.quality.clean.RecordCleaner;
import io.nifidq.quality.clean.TextNormalization;
import io.nifidq.quality.profile.BaselineSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * nifi-dq's recommended repair of a labelled text batch, as a flow would run it: ProfileQuality against the baseline of
 * data known to be good, CleanRecords with the settings its usage page recommends for labelled text, AugmentText's
 * class rebalancing when the profile names class_imbalance, and TrainClassifier with Label Noise Handling Prune when
 * it names label_noise (Relabel with --label-noise-handling relabel). Plain Java over the processors' own classes (what each processor runs per FlowFile).
 */
final class RepairPipeline {

    /** What the repair did, for the report: the findings, the remedies they chose, and the training data it produced. */
    record Repair(List<String> findings, List<String> remedies, int recordsIn, int recordsKept, int copiesAdded,
                  TrainingData trainingData, JobSettings jobSettings) {
    }

    /** AugmentText's Target Class Share when rebalancing: 1.0 (every class as large as the largest) or the baseline's. */
    enum RebalanceTarget {
        BALANCED,
        /** The smallest class's share of the largest in the baseline (1 / its imbalance ratio): restores what was lost. */
        BASELINE
    }
    static final int MAX_COPIES_PER_RECORD = 50;

    private final BaselineSummary baseline;
    private final LabelNoiseHandling labelNoiseHandling;
    private final RebalanceTarget rebalanceTarget;
    private final Augmenter augmenter;

    /**
     * @param baseline           the clean training file's profile's baseline section (ProfileQuality's Baseline File)
     * @param labelNoiseHandling TrainClassifier's Label Noise Handling when the profile names label_noise
     * @param rebalanceTarget    AugmentText's Target Class Share when the profile names class_imbalance
     */
    RepairPipeline(final BaselineSummary baseline, final LabelNoiseHandling labelNoiseHandling,
                   final RebalanceTarget rebalanceTarget, final long seed) {
        this.baseline = baseline;
        this.labelNoiseHandling = labelNoiseHandling;
        this.rebalanceTarget = rebalanceTarget;
        this.augmenter = new Augmenter(AugmentSettings.eda(seed), WordNetSynonyms.shared(), ChineseSynonyms.shared(),
                ChineseSplitter.shared());
    }

    /** The findings ProfileQuality names for the rows when its baseline is the clean file's profile. */
    List<String> findings(final LabelledRows rows) {
        return rows.profile().withFindingsAgainst(baseline).findingNames();
    }

    Repair repair(final LabelledRows degraded, final LabelledRows test) {
        final List<String> findings = findings(degraded);
        final List<String> remedies = new ArrayList<>(List.of("CleanRecords"));
        final LabelledRows cleaned = clean(degraded);
        CopyPlan plan = CopyPlan.fixed(0);
        if (findings.contains("class_imbalance")) {
            final Map<String, Long> perClass = new LinkedHashMap<>();
            cleaned.labels().forEach(label -> perClass.merge(label, 1L, Long::sum));
            final double share = targetShare();
            plan = CopyPlan.rebalance(perClass, perClass, share, MAX_COPIES_PER_RECORD);
            remedies.add(String.format(java.util.Locale.ROOT, "AugmentText rebalance %.2f", share));
        }
        final TrainingData data = new TrainingData();
        final Map<String, Long> ordinalInClass = new LinkedHashMap<>();
        int copiesAdded = 0;
        for (int i = 0; i < cleaned.size(); i++) {
            final String text = cleaned.texts().get(i);
            final String label = cleaned.labels().get(i);
            data.add(text, label, false, (long) i, AssignedSplit.TRAIN);
            final int copies = plan.copiesFor(label, ordinalInClass.merge(label, 1L, Long::sum) - 1);
            if (copies > 0) {
                for (final Augmenter.Copy copy : augmenter.augment(text, i, copies).copies()) {
                    data.add(copy.text(), label, true, (long) i, AssignedSplit.TRAIN);
                    copiesAdded++;
                }
            }
        }
        ThesisBenchmark.addTest(data, sameLabelSpelling(test));
        JobSettings settings = JobSettings.defaults();
        if (findings.contains("label_noise")) {
            settings = settings.toBuilder().optLabelNoise(labelNoiseHandling).build();
            remedies.add("TrainClassifier " + labelNoiseHandling.name().toLowerCase(java.util.Locale.ROOT));
        }
        return new Repair(findings, remedies, degraded.size(), cleaned.size(), copiesAdded, data, settings);
    }

    double targetShare() {
        final Double baselineImbalance = baseline.findingMeasures().get("class_imbalance");
        return rebalanceTarget == RebalanceTarget.BALANCED || baselineImbalance == null || baselineImbalance < 1.0 ? 1.0
                : Math.min(1.0, 1.0 / baselineImbalance);
    }

    /**
     * CleanRecords as its usage page recommends for labelled text: every text repair, labels compared case-insensitively
     * with conflicts resolved by majority, empty texts rejected, exact and near duplicates (Jaccard 0.9) rejected.
     */
    static LabelledRows clean(final LabelledRows rows) {
        final CleaningRules rules = new CleaningRules(Set.of("n/a", "null", "none", "-", "?"), TextNormalization.DEFAULT,
                List.of(LabelledRows.TEXT, LabelledRows.LABEL), LabelledRows.TEXT, LabelledRows.LABEL,
                new CleaningRules.LabelRule(true, Map.of(), Map.of(), CleaningRules.ConflictResolution.MAJORITY),
                CleaningRules.CoercionRule.NONE, new CleaningRules.TextLengthRule(1, 100_000, false), CleaningRules.MissingValueRule.NONE,
                CleaningRules.OutlierRule.NONE, CleaningRules.StandardizationRule.NONE,
                new CleaningRules.DuplicateRule(true, List.of(LabelledRows.TEXT, LabelledRows.LABEL), true, 0.9, 50_000));
        final RecordCleaner cleaner = new RecordCleaner(rules, new CleaningCounts());
        for (int i = 0; i < rows.size(); i++) {
            cleaner.learn(values(rows, i));
        }
        final List<String> texts = new ArrayList<>();
        final List<String> labels = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            final RecordCleaner.Outcome outcome = cleaner.clean(values(rows, i));
            if (outcome.rejection() == null) {
                texts.add(string(outcome.values().get(LabelledRows.TEXT)));
                labels.add(string(outcome.values().get(LabelledRows.LABEL)));
            }
        }
        return new LabelledRows(texts, labels);
    }

    /**
     * The test records with their labels put through CleanRecords' label step alone (case-insensitive labels become lower
     * case), so that the repaired model's classes and the test labels are spelled alike; texts stay untouched.
     */
    static LabelledRows sameLabelSpelling(final LabelledRows test) {
        final CleaningRules labelsOnly = new CleaningRules(Set.of(), TextNormalization.NONE, List.of(), LabelledRows.TEXT,
                LabelledRows.LABEL, new CleaningRules.LabelRule(true, Map.of(), Map.of(), CleaningRules.ConflictResolution.KEEP),
                CleaningRules.CoercionRule.NONE, CleaningRules.TextLengthRule.NONE, CleaningRules.MissingValueRule.NONE,
                CleaningRules.OutlierRule.NONE, CleaningRules.StandardizationRule.NONE, CleaningRules.DuplicateRule.NONE);
        final RecordCleaner cleaner = new RecordCleaner(labelsOnly, new CleaningCounts());
        for (int i = 0; i < test.size(); i++) {
            cleaner.learn(values(test, i));
        }
        final List<String> labels = new ArrayList<>(test.size());
        for (int i = 0; i < test.size(); i++) {
            final RecordCleaner.Outcome outcome = cleaner.clean(values(test, i));
            if (outcome.rejected()) {
                throw new IllegalStateException("The label step alone rejected test record " + i + ": " + outcome.rejection());
            }
            labels.add(string(outcome.values().get(LabelledRows.LABEL)));
        }
        return new LabelledRows(test.texts(), labels);
    }

    private static Map<String, Object> values(final LabelledRows rows, final int i) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put(LabelledRows.TEXT, rows.texts().get(i));
        values.put(LabelledRows.LABEL, rows.labels().get(i));
        return values;
    }

    private static String string(final Object value) {
        return value == null ? null : value.toString();
    }
}
