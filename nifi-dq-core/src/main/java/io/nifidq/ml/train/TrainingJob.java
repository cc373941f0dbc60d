package io.nifidq.ml.train;

import io.nifidq.ml.eval.ClassificationReport;
import io.nifidq.ml.features.HashingFeaturizer;
import io.nifidq.ml.model.DjlEngine;
import io.nifidq.ml.noise.ConfidentLearning;
import io.nifidq.ml.split.SplitPlan;
import io.nifidq.ml.split.StratifiedSplitter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * One whole TrainClassifier run without NiFi: checks that the records can be trained on, featurizes,
 * splits (stratified, augmented records stay with their source and only in training), optionally finds
 * suspected label errors from k-fold out-of-fold probabilities (confident learning) and flags or prunes
 * them, trains the final model and evaluates it on the test split.
 */
public final class TrainingJob {

    private final JobSettings settings;

    public TrainingJob(final JobSettings settings) {
        this.settings = settings;
    }

    public TrainingJobResult run(final TrainingData data, final EpochListener listener) throws UntrainableInputException {
        final long start = System.nanoTime();
        final HashingFeaturizer featurizer = new HashingFeaturizer(settings.training().featurizer());
        final List<int[]> features = new ArrayList<>();
        final List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            final int[] ids = featurizer.featurize(data.texts().get(i));
            if (ids.length > 0) {
                features.add(ids);
                kept.add(i);
            }
        }
        final long noUsableText = data.size() - kept.size();
        if (kept.isEmpty()) {
            throw new UntrainableInputException("no usable text: none of the " + data.added()
                    + " records has both a label and a text with at least one word or character token ("
                    + data.missingLabel() + " without a label, " + data.missingText() + " without a text, "
                    + (data.size() - kept.size()) + " without a token)");
        }
        final List<String> labelNames = new ArrayList<>(new TreeSet<>(kept.stream().map(i -> data.labels().get(i)).toList()));
        final Map<String, Integer> labelIds = new HashMap<>();
        for (int c = 0; c < labelNames.size(); c++) {
            labelIds.put(labelNames.get(c), c);
        }
        final int n = kept.size();
        final int[] labels = new int[n];
        final boolean[] augmented = new boolean[n];
        final int[] groups = new int[n];
        final long[] recordIndex = new long[n];
        final Map<Long, Integer> groupIds = new HashMap<>();
        final int[] originalsPerClass = new int[labelNames.size()];
        for (int k = 0; k < n; k++) {
            final int i = kept.get(k);
            labels[k] = labelIds.get(data.labels().get(i));
            augmented[k] = data.augmented(i);
            groups[k] = groupIds.computeIfAbsent(data.group(i), g -> groupIds.size());
            recordIndex[k] = data.recordIndex(i);
            if (!augmented[k]) {
                originalsPerClass[labels[k]]++;
            }
        }
        checkClasses(labelNames, originalsPerClass);

        final SplitPlan plan = data.hasAssignedSplits() ? assignedPlan(data, kept, labels, groups, augmented)
                : StratifiedSplitter.split(labels, groups, augmented, settings.trainShare(), settings.validationShare(),
                settings.training().seed());
        final TextClassifierTrainer trainer = new TextClassifierTrainer(settings.training());
        final int classes = labelNames.size();

        List<Suspect> suspects = List.of();
        int[] train = plan.train();
        int relabelled = 0;
        // Automatic class weights are decided on the classes as given: pruning or relabelling the noisy part of a class can
        // make it look small, and weighting up what is left of it would weigh up the noise that remains there too.
        final TextClassifierTrainer finalTrainer = weightsDecidedBeforeNoiseHandling(labels, train, classes);
        if (settings.labelNoise() != LabelNoiseHandling.OFF) {
            final int passes = settings.labelNoise() == LabelNoiseHandling.FLAG ? 1 : settings.labelNoisePasses();
            final List<Suspect> named = new ArrayList<>();
            final Set<Integer> flagged = new HashSet<>();
            for (int pass = 0; pass < passes; pass++) {
                final List<ConfidentLearning.Suspect> found = OutOfFold.suspects(settings.training(), features, labels, augmented,
                        groups, train, plan.validation(), classes, settings.folds(), settings.training().seed() + pass);
                final Set<Integer> suspectGroups = new HashSet<>();
                for (final ConfidentLearning.Suspect s : found) {
                    if (flagged.add(s.index())) {
                        named.add(new Suspect(recordIndex[s.index()], labelNames.get(s.givenLabel()), labelNames.get(s.predictedLabel()),
                                s.givenProbability(), s.predictedProbability()));
                    }
                    suspectGroups.add(groups[s.index()]);
                }
                if (settings.labelNoise() == LabelNoiseHandling.PRUNE) {
                    train = IntStream.of(train).filter(i -> !suspectGroups.contains(groups[i])).toArray();
                } else if (settings.labelNoise() == LabelNoiseHandling.RELABEL) {
                    relabelled += relabel(found, labels, groups, train);
                }
                if (found.isEmpty()) {
                    break;
                }
            }
            named.sort(java.util.Comparator.comparingLong(Suspect::recordIndex));
            suspects = List.copyOf(named);
        }

        final TrainingOutcome outcome = finalTrainer.train(features, labels, classes, train, plan.validation(), listener);
        final boolean testEmpty = plan.test().length == 0;
        final int[] evaluated = testEmpty ? plan.validation() : plan.test();
        final int[] truth = IntStream.of(evaluated).map(i -> labels[i]).toArray();
        final int[] predicted = TextClassifierTrainer.argmax(trainer.probabilities(outcome.weights(), features, evaluated));
        final ClassificationReport evaluation = ClassificationReport.of(labelNames, truth, predicted);

        final Map<String, Object> report = new LinkedHashMap<>(evaluation.toMap());
        report.put("evaluatedOn", testEmpty ? "validation" : "test");
        final Map<String, Object> records = new LinkedHashMap<>();
        records.put("input", data.added());
        records.put("missingLabel", data.missingLabel());
        records.put("missingText", data.missingText());
        records.put("noUsableText", noUsableText);
        records.put("used", n);
        records.put("augmented", IntStream.range(0, n).filter(i -> augmented[i]).count());
        report.put("records", records);
        final Map<String, Object> splits = new LinkedHashMap<>();
        splits.put("train", train.length);
        splits.put("trainAugmented", IntStream.of(train).filter(i -> augmented[i]).count());
        splits.put("validation", plan.validation().length);
        splits.put("test", plan.test().length);
        splits.put("augmentedLeftOut", plan.excludedAugmented());
        if (train.length != plan.train().length) {
            splits.put("prunedFromTrain", plan.train().length - train.length);
        }
        if (relabelled > 0) {
            splits.put("relabelledInTrain", relabelled);
        }
        report.put("splits", splits);
        final Map<String, Object> training = new LinkedHashMap<>();
        training.put("modelType", settings.training().modelType().name());
        training.put("epochs", outcome.epochsRun());
        training.put("bestEpoch", outcome.bestEpoch());
        training.put("bestValidationMacroF1", Double.isNaN(outcome.bestValidationMacroF1()) ? null : outcome.bestValidationMacroF1());
        training.put("stopReason", outcome.stopReason());
        training.put("trainSeconds", outcome.trainMillis() / 1000.0);
        training.put("totalSeconds", (System.nanoTime() - start) / 1e9);
        training.put("device", outcome.device());
        training.put("engine", DjlEngine.describe());
        training.put("classWeights", outcome.classWeights());
        training.put("settings", describe(settings));
        report.put("training", training);
        final Map<String, Object> noise = new LinkedHashMap<>();
        noise.put("handling", settings.labelNoise().name());
        noise.put("suspects", suspects.size());
        report.put("labelNoise", noise);
        return new TrainingJobResult(labelNames, settings.training().featurizer(), outcome, evaluation,
                testEmpty ? "validation" : "test", suspects, report);
    }

    private TextClassifierTrainer weightsDecidedBeforeNoiseHandling(final int[] labels, final int[] train, final int classes) {
        final boolean changesClasses = settings.labelNoise() == LabelNoiseHandling.PRUNE || settings.labelNoise() == LabelNoiseHandling.RELABEL;
        if (!changesClasses || settings.training().classWeighting() != ClassWeighting.AUTO) {
            return new TextClassifierTrainer(settings.training());
        }
        final boolean imbalanced = ClassWeighting.imbalanced(TextClassifierTrainer.counts(labels, train, classes));
        return new TextClassifierTrainer(settings.training().toBuilder()
                .optClassWeighting(imbalanced ? ClassWeighting.INVERSE : ClassWeighting.NONE).build());
    }

    /** Gives each suspect's group (the record and its augmented copies) in training the predicted label; returns how many changed. */
    private static int relabel(final List<ConfidentLearning.Suspect> found, final int[] labels, final int[] groups, final int[] train) {
        final Map<Integer, Integer> predictedByGroup = new HashMap<>();
        for (final ConfidentLearning.Suspect s : found) {
            predictedByGroup.put(groups[s.index()], s.predictedLabel());
        }
        int changed = 0;
        for (final int i : train) {
            final Integer predicted = predictedByGroup.get(groups[i]);
            if (predicted != null && labels[i] != predicted) {
                labels[i] = predicted;
                changed++;
            }
        }
        return changed;
    }

    private static Map<String, Object> describe(final JobSettings job) {
        final TrainingSettings t = job.training();
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("featurizer", t.featurizer());
        m.put("embeddingSize", t.embeddingSize());
        m.put("maxEpochs", t.maxEpochs());
        m.put("batchSize", t.batchSize());
        m.put("learningRate", t.learningRate());
        m.put("classWeighting", t.classWeighting().name());
        m.put("patience", t.patience());
        m.put("timeBudgetSeconds", t.timeBudget().toMillis() / 1000.0);
        m.put("seed", t.seed());
        if (t.modelType() == io.nifidq.ml.model.ModelType.TEXTCNN) {
            m.put("cnnFilters", t.cnnFilters());
        }
        m.put("trainShare", job.trainShare());
        m.put("validationShare", job.validationShare());
        m.put("folds", job.folds());
        m.put("labelNoisePasses", job.labelNoisePasses());
        m.put("minRecordsPerClass", job.minRecordsPerClass());
        return m;
    }

    private void checkClasses(final List<String> labelNames, final int[] originalsPerClass) throws UntrainableInputException {
        if (labelNames.size() < 2) {
            throw new UntrainableInputException("only one class (" + labelNames.get(0) + "): a classifier needs at least two labels");
        }
        for (int c = 0; c < labelNames.size(); c++) {
            if (originalsPerClass[c] < settings.minRecordsPerClass()) {
                throw new UntrainableInputException("too few records for class '" + labelNames.get(c) + "': "
                        + originalsPerClass[c] + " original records, at least " + settings.minRecordsPerClass() + " needed");
            }
        }
    }


    /**
     * The split when the input assigns records to sides (a data set's fixed splits): assigned test and
     * validation records stay there; the other originals are split stratified into training and, when no
     * record was assigned to validation, validation (by the configured shares, rescaled to exclude test).
     * Augmented copies follow their source into training, as always.
     */
    private SplitPlan assignedPlan(final TrainingData data, final List<Integer> kept, final int[] labels, final int[] groups,
                                   final boolean[] augmented) {
        final List<Integer> fixedTest = new ArrayList<>();
        final List<Integer> fixedValidation = new ArrayList<>();
        final List<Integer> pool = new ArrayList<>();
        for (int k = 0; k < kept.size(); k++) {
            final AssignedSplit side = data.assignedSplit(kept.get(k));
            if (!augmented[k] && side == AssignedSplit.TEST) {
                fixedTest.add(k);
            } else if (!augmented[k] && side == AssignedSplit.VALIDATION) {
                fixedValidation.add(k);
            } else {
                pool.add(k);
            }
        }
        final int[] poolLabels = pool.stream().mapToInt(k -> labels[k]).toArray();
        final int[] poolGroups = pool.stream().mapToInt(k -> groups[k]).toArray();
        final boolean[] poolAugmented = new boolean[pool.size()];
        for (int j = 0; j < pool.size(); j++) {
            poolAugmented[j] = augmented[pool.get(j)];
        }
        final double trainShare = fixedValidation.isEmpty()
                ? settings.trainShare() / (settings.trainShare() + settings.validationShare()) : 1.0;
        final SplitPlan poolPlan = StratifiedSplitter.split(poolLabels, poolGroups, poolAugmented, trainShare, 1.0 - trainShare,
                settings.training().seed());
        final java.util.Set<Integer> evaluatedGroups = new HashSet<>();
        fixedTest.forEach(k -> evaluatedGroups.add(groups[k]));
        fixedValidation.forEach(k -> evaluatedGroups.add(groups[k]));
        // A copy of an evaluated record never trains.
        final int[] train = IntStream.of(poolPlan.train()).map(pool::get).filter(k -> !(augmented[k] && evaluatedGroups.contains(groups[k])))
                .toArray();
        final int[] validation = fixedValidation.isEmpty() ? IntStream.of(poolPlan.validation()).map(pool::get).toArray()
                : fixedValidation.stream().mapToInt(Integer::intValue).toArray();
        final int excluded = poolPlan.excludedAugmented() + (poolPlan.train().length - train.length);
        return new SplitPlan(train, validation, fixedTest.stream().mapToInt(Integer::intValue).toArray(), excluded);
    }
}
