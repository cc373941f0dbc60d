package io.nifidq.bench.thesis;

import io.nifidq.augment.AugmentSettings;
import io.nifidq.augment.Augmenter;
import io.nifidq.augment.ChineseSplitter;
import io.nifidq.augment.ChineseSynonyms;
import io.nifidq.augment.CopyMarkers;
import io.nifidq.augment.CopyPlan;
import io.nifidq.augment.RecordAugmentation;
import io.nifidq.augment.WordNetSynonyms;
import io.nifidq.ml.train.AssignedSplit;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.LabelNoiseHandling;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.quality.clean.BatchCleaner;
import io.nifidq.quality.clean.CleaningRules;
import io.nifidq.quality.clean.RecordCleaner;
import io.nifidq.quality.clean.TextNormalization;
import io.nifidq.quality.profile.BaselineSummary;
import io.nifidq.quality.profile.ProfileSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * nifi-dq's recommended repair of a labelled text batch, as a flow would run it: ProfileQuality against the baseline of
 * data known to be good, CleanRecords with the settings its usage page recommends for labelled text, AugmentText's
 * class rebalancing when the profile names class_imbalance, and TrainClassifier with Label Noise Handling Prune when
 * it names label_noise (Relabel with --label-noise-handling relabel). It runs the plain-Java classes the processors run per
 * FlowFile: BatchCleaner's two passes (CleanRecords), RecordAugmentation's counting and copying passes (AugmentText) and
 * CopyMarkers (TrainClassifier's reading of AugmentText's marker fields).
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
    private final ProfileSettings profileSettings;

    /** A pipeline whose ProfileQuality has its defaults (the naive Bayes label-noise check). */
    RepairPipeline(final BaselineSummary baseline, final LabelNoiseHandling labelNoiseHandling,
                   final RebalanceTarget rebalanceTarget, final long seed) {
        this(baseline, labelNoiseHandling, rebalanceTarget, seed, ProfileSettings.defaults(LabelledRows.TEXT, LabelledRows.LABEL));
    }

    /**
     * @param baseline           the clean training file's profile's baseline section (ProfileQuality's Baseline File), made
     *                           with the same profile settings
     * @param labelNoiseHandling TrainClassifier's Label Noise Handling when the profile names label_noise
     * @param rebalanceTarget    AugmentText's Target Class Share when the profile names class_imbalance
     * @param seed               AugmentText's seed
     * @param profileSettings    ProfileQuality's settings (its label-noise model)
     */
    RepairPipeline(final BaselineSummary baseline, final LabelNoiseHandling labelNoiseHandling,
                   final RebalanceTarget rebalanceTarget, final long seed, final ProfileSettings profileSettings) {
        this.baseline = baseline;
        this.labelNoiseHandling = labelNoiseHandling;
        this.rebalanceTarget = rebalanceTarget;
        this.augmenter = new Augmenter(AugmentSettings.eda(seed), WordNetSynonyms.shared(), ChineseSynonyms.shared(),
                ChineseSplitter.shared());
        this.profileSettings = profileSettings;
    }

    /** The findings ProfileQuality names for the rows when its baseline is the clean file's profile. */
    List<String> findings(final LabelledRows rows) {
        return rows.profile(profileSettings).withFindingsAgainst(baseline).findingNames();
    }

    Repair repair(final LabelledRows degraded, final LabelledRows test) {
        final List<String> findings = findings(degraded);
        final List<String> remedies = new ArrayList<>(List.of("CleanRecords"));
        final LabelledRows cleaned = clean(degraded);
        // AugmentText's passes: counting when Augmentation Mode is Rebalance Classes, then each record and its copies,
        // read into the training data as TrainClassifier reads AugmentText's markers (a copy trains with its source).
        final RecordAugmentation augmentation = new RecordAugmentation(augmenter, LabelledRows.TEXT, LabelledRows.LABEL,
                CopyMarkers.DEFAULTS);
        CopyPlan plan = CopyPlan.fixed(0);
        if (findings.contains("class_imbalance")) {
            records(cleaned).forEach(augmentation::count);
            final double share = targetShare();
            plan = augmentation.rebalancingPlan(share, MAX_COPIES_PER_RECORD);
            remedies.add(String.format(java.util.Locale.ROOT, "AugmentText rebalance %.2f", share));
        }
        final TrainingData data = new TrainingData();
        for (final Map<String, Object> record : records(cleaned)) {
            augmentation.augment(record, plan, out -> data.add(string(out.get(LabelledRows.TEXT)), string(out.get(LabelledRows.LABEL)),
                    CopyMarkers.DEFAULTS.isCopy(out), CopyMarkers.DEFAULTS.sourceIndex(out), AssignedSplit.TRAIN));
        }
        final int copiesAdded = Math.toIntExact(augmentation.counts().generated());
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
        final List<RecordCleaner.Outcome> outcomes = new BatchCleaner(rules).cleanAll(records(rows));
        final List<String> texts = new ArrayList<>();
        final List<String> labels = new ArrayList<>();
        for (final RecordCleaner.Outcome outcome : outcomes) {
            if (!outcome.rejected()) {
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
        final List<RecordCleaner.Outcome> outcomes = new BatchCleaner(labelsOnly).cleanAll(records(test));
        final List<String> labels = new ArrayList<>(test.size());
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).rejected()) {
                throw new IllegalStateException("The label step alone rejected test record " + i + ": " + outcomes.get(i).rejection());
            }
            labels.add(string(outcomes.get(i).values().get(LabelledRows.LABEL)));
        }
        return new LabelledRows(test.texts(), labels);
    }

    private static List<Map<String, Object>> records(final LabelledRows rows) {
        final List<Map<String, Object>> records = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            records.add(values(rows, i));
        }
        return records;
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
