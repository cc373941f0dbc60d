package io.nifidq.benchmarks;

import io.nifidq.augment.AugmentSettings;
import io.nifidq.augment.Augmenter;
import io.nifidq.augment.ChineseSplitter;
import io.nifidq.augment.ChineseSynonyms;
import io.nifidq.augment.CopyPlan;
import io.nifidq.augment.WordNetSynonyms;
import io.nifidq.ml.train.AssignedSplit;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.ml.train.TrainingJob;

import io.nifidq.testing.SharedDatasets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Does AugmentText help TrainClassifier? Macro-F1 on each split's fixed test split, TrainClassifier's default
 * settings, trained (a) on the training records alone and (b) on them plus AugmentText's copies: EDA copies per
 * record for small samples (500 and 2,000 records) of the SMS and Chinese hotel-review splits, and class
 * rebalancing to 1.0 for the imbalanced Reuters splits. Copies are marked as augmented with their source, so
 * TrainClassifier keeps them in training only.
 */
final class AugmentBenefitBenchmark {

    static final Set<String> OPTIONS = Set.of("sizes", "copies", "seed");

    private final BenchmarkOptions options;
    private final Augmenter augmenter;

    AugmentBenefitBenchmark(final BenchmarkOptions options) {
        this.options = options;
        this.augmenter = new Augmenter(AugmentSettings.eda(options.intValue("seed", 1)), WordNetSynonyms.shared(), ChineseSynonyms.shared(),
                ChineseSplitter.shared());
    }

    String run() throws Exception {
        final int copies = options.intValue("copies", 4);
        final List<Integer> sizes = options.intList("sizes", List.of(500, 2_000));
        final StringBuilder out = new StringBuilder();
        out.append("| split | training records | augmentation | records trained on (with copies) | macro-F1 without | macro-F1 with | change |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (final String split : List.of("sms_spam_collection/split", "chnsenticorp_htl_all/split")) {
            final CsvRows.LabelledTexts train = read(split, "train.csv");
            final CsvRows.LabelledTexts test = read(split, "test.csv");
            for (final int size : sizes) {
                final CsvRows.LabelledTexts small = sample(train, size, options.intValue("seed", 1));
                final double without = macroF1(small, test, CopyPlan.fixed(0));
                final CopyPlan plan = CopyPlan.fixed(copies);
                final double with = macroF1(small, test, plan);
                out.append(row(split, size, copies + " EDA copies per record", size * (1 + copies), without, with));
            }
        }
        for (final String split : List.of("weka_reuters/split_corn", "weka_reuters/split_grain")) {
            final CsvRows.LabelledTexts train = read(split, "train.csv");
            final CsvRows.LabelledTexts test = read(split, "test.csv");
            final Map<String, Long> perClass = new LinkedHashMap<>();
            train.labels().forEach(l -> perClass.merge(l, 1L, Long::sum));
            final CopyPlan plan = CopyPlan.rebalance(perClass, perClass, 1.0, 50);
            final double without = macroF1(train, test, CopyPlan.fixed(0));
            final double with = macroF1(train, test, plan);
            final long trained = plan.plannedCounts().values().stream().mapToLong(Long::longValue).sum();
            out.append(row(split, train.texts().size(), "rebalance to 1.0 " + perClass, trained, without, with));
        }
        return out.toString();
    }

    private static String row(final String split, final int records, final String augmentation, final long trained, final double without,
                              final double with) {
        return String.format(Locale.ROOT, "| %s | %,d | %s | %,d | %.4f | %.4f | %+.4f |%n", split, records, augmentation, trained, without,
                with, with - without);
    }

    /** Trains with the job's defaults on the sample (plus its copies) and returns macro-F1 on the test records. */
    private double macroF1(final CsvRows.LabelledTexts train, final CsvRows.LabelledTexts test, final CopyPlan plan) throws Exception {
        final TrainingData data = new TrainingData();
        final Map<String, Long> ordinalInClass = new LinkedHashMap<>();
        for (int i = 0; i < train.texts().size(); i++) {
            final String text = train.texts().get(i);
            final String label = train.labels().get(i);
            data.add(text, label, false, (long) i, AssignedSplit.TRAIN);
            final long ordinal = ordinalInClass.merge(label, 1L, Long::sum) - 1;
            final int copies = plan.copiesFor(label, ordinal);
            if (copies > 0) {
                for (final Augmenter.Copy copy : augmenter.augment(text, i, copies).copies()) {
                    data.add(copy.text(), label, true, (long) i, AssignedSplit.TRAIN);
                }
            }
        }
        for (int i = 0; i < test.texts().size(); i++) {
            data.add(test.texts().get(i), test.labels().get(i), false, null, AssignedSplit.TEST);
        }
        return new TrainingJob(JobSettings.defaults()).run(data, EpochListener.NONE).evaluation().macroF1();
    }

    private static CsvRows.LabelledTexts sample(final CsvRows.LabelledTexts all, final int size, final long seed) {
        final List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.texts().size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        final List<String> texts = new ArrayList<>();
        final List<String> labels = new ArrayList<>();
        for (final int i : order.subList(0, Math.min(size, order.size()))) {
            texts.add(all.texts().get(i));
            labels.add(all.labels().get(i));
        }
        return new CsvRows.LabelledTexts(texts, labels);
    }

    private static CsvRows.LabelledTexts read(final String split, final String file) throws Exception {
        return CsvRows.readLabelledTexts(SharedDatasets.file("README.md").getParent().resolve(split).resolve(file));
    }
}
