package io.nifidq.bench.degrade;

import io.nifidq.ml.train.AssignedSplit;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.LabelNoiseHandling;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.ml.train.TrainingJob;
import io.nifidq.quality.clean.CleaningCounts;
import io.nifidq.quality.clean.CleaningRules;
import io.nifidq.quality.clean.RecordCleaner;
import io.nifidq.quality.clean.TextNormalization;
import io.nifidq.quality.profile.DatasetProfile;
import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.profile.ProfileSettings;
import io.nifidq.quality.profile.RecordView;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * BENCHMARKS.md section 3, first cut: for one split and each corruption at one strength, macro-F1 on the untouched
 * test split of TrainClassifier's defaults trained on the clean training file, on the degraded one, and on the
 * degraded one repaired by nifi-dq (CleanRecords' text and label repairs, empty texts, exact and near duplicates,
 * conflicts by majority; then TrainClassifier with label-noise pruning); recovery = (repaired - degraded) / (clean -
 * degraded). Also whether ProfileQuality's report of the degraded file shows the injected problem (its counter above
 * the clean file's). Plain Java over the processors' own classes (what the processors run), not a NiFi flow.
 */
public final class ThesisBenchmark {

    public static final Set<String> OPTIONS = Set.of("split", "strength", "seed", "corruptions");

    /** The report counter that should rise when a corruption is injected; null where ProfileQuality cannot see it. */
    private static final Map<Corruption, ToDoubleFunction<ProfileReport>> SIGNAL = new LinkedHashMap<>();

    static {
        SIGNAL.put(Corruption.EMPTY_TEXT, r -> r.text().empty());
        SIGNAL.put(Corruption.EXACT_DUPLICATES, r -> r.duplicates().exactDuplicates());
        SIGNAL.put(Corruption.NEAR_DUPLICATES, r -> r.duplicates().nearDuplicates().records());
        SIGNAL.put(Corruption.CLASS_IMBALANCE, r -> r.labels().imbalanceRatio());
        SIGNAL.put(Corruption.MOJIBAKE, r -> r.text().mojibake());
        SIGNAL.put(Corruption.CONTROL_CHARS, r -> r.text().controlCharacters());
        SIGNAL.put(Corruption.HTML_ENTITIES, r -> r.text().htmlEntities());
        SIGNAL.put(Corruption.LABEL_SPELLINGS, r -> r.labels().variantRecords());
    }

    private ThesisBenchmark() {
    }

    public static String run(final Path datasets, final String split, final double strength, final long seed,
                             final List<Corruption> corruptions) throws Exception {
        final LabelledTable train = LabelledTable.read(datasets.resolve(split).resolve("train.csv"));
        final LabelledTable test = LabelledTable.read(datasets.resolve(split).resolve("test.csv"));
        final double clean = macroF1(rows(train), rows(test), false);
        final ProfileReport cleanReport = profile(rows(train));
        final StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%s, strength %.2f, seed %d; clean train: macro-F1 %.4f%n%n", split, strength, seed, clean));
        out.append("| corruption | injected | degraded F1 | repaired F1 | recovery | records kept by CleanRecords | ProfileQuality shows it |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (final Corruption corruption : corruptions) {
            final Degradation degraded = new Degrader("text", "label", null).apply(train, corruption, strength, seed);
            final List<String[]> degradedRows = rows(degraded.table());
            final double degradedF1 = macroF1(degradedRows, rows(test), false);
            final List<String[]> repairedRows = clean(degradedRows);
            final double repairedF1 = macroF1(repairedRows, rows(test), true);
            final double gap = clean - degradedF1;
            final String recovery = Math.abs(gap) < 0.005 ? "n/a (no loss)" : String.format(Locale.ROOT, "%.2f", (repairedF1 - degradedF1) / gap);
            final ToDoubleFunction<ProfileReport> signal = SIGNAL.get(corruption);
            final String shown = signal == null ? "not visible to a profile (TrainClassifier flags it)"
                    : signal.applyAsDouble(profile(degradedRows)) > signal.applyAsDouble(cleanReport) ? "yes" : "NO";
            out.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.4f | %s | %,d of %,d | %s |%n", corruption.cliName(),
                    degraded.counts(), degradedF1, repairedF1, recovery, repairedRows.size(), degradedRows.size(), shown));
        }
        return out.toString();
    }

    /** nifi-dq's recommended cleaning for labelled text: the repairs, empty texts, exact and near duplicates, conflicts by majority. */
    private static List<String[]> clean(final List<String[]> rows) {
        final CleaningRules rules = new CleaningRules(Set.of("n/a", "null", "none", "-", "?"),
                new TextNormalization(true, true, true, true, true, true, false), List.of("text", "label"), "text", "label",
                new CleaningRules.LabelRule(true, Map.of(), Set.of(), CleaningRules.ConflictResolution.MAJORITY),
                CleaningRules.CoercionRule.NONE, new CleaningRules.TextLengthRule(1, 100_000, false), CleaningRules.MissingValueRule.NONE,
                CleaningRules.OutlierRule.NONE, CleaningRules.StandardizationRule.NONE,
                new CleaningRules.DuplicateRule(true, List.of("text", "label"), true, 0.9, 50_000));
        final RecordCleaner cleaner = new RecordCleaner(rules, new CleaningCounts());
        rows.forEach(row -> cleaner.learn(map(row)));
        final List<String[]> kept = new ArrayList<>();
        for (final String[] row : rows) {
            final RecordCleaner.Outcome outcome = cleaner.clean(map(row));
            if (!outcome.rejected()) {
                kept.add(new String[] {string(outcome.values().get("text")), string(outcome.values().get("label"))});
            }
        }
        return kept;
    }

    private static double macroF1(final List<String[]> train, final List<String[]> test, final boolean pruneLabelNoise) throws Exception {
        final TrainingData data = new TrainingData();
        train.forEach(r -> data.add(r[0], r[1], false, null, AssignedSplit.TRAIN));
        test.forEach(r -> data.add(r[0], r[1], false, null, AssignedSplit.TEST));
        final JobSettings settings = pruneLabelNoise ? JobSettings.defaults().withLabelNoise(LabelNoiseHandling.PRUNE) : JobSettings.defaults();
        return new TrainingJob(settings).run(data, EpochListener.NONE).evaluation().macroF1();
    }

    private static ProfileReport profile(final List<String[]> rows) {
        final DatasetProfile profile = new DatasetProfile(ProfileSettings.defaults("text", "label"));
        for (final String[] row : rows) {
            profile.add(new RecordView() {
                @Override
                public List<String> fieldNames() {
                    return List.of("text", "label");
                }

                @Override
                public Object value(final String field) {
                    return field.equals("text") ? row[0] : row[1];
                }
            });
        }
        return profile.report();
    }

    private static List<String[]> rows(final LabelledTable table) {
        final int text = table.column("text");
        final int label = table.column("label");
        return table.rows().stream().map(r -> new String[] {r.get(text), r.get(label)}).toList();
    }

    private static Map<String, Object> map(final String[] row) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("text", row[0]);
        values.put("label", row[1]);
        return values;
    }

    private static String string(final Object value) {
        return value == null ? null : value.toString();
    }
}
