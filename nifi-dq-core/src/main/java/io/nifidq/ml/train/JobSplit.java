package io.nifidq.ml.train;

import io.nifidq.ml.split.SplitPlan;
import io.nifidq.ml.split.StratifiedSplitter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The split step of a training job: stratified by the configured shares, or, when the input assigns records to sides (a
 * data set's fixed splits), those sides kept. Augmented copies follow their source into training, as always.
 */
final class JobSplit {

    private JobSplit() {
    }

    static SplitPlan plan(final JobSettings settings, final TrainingData data, final LabelledInputs<?> records) {
        if (data.hasAssignedSplits()) {
            return assigned(settings, data, records);
        }
        return StratifiedSplitter.split(records.labels(), records.groups(), records.augmented(), settings.trainShare(),
                settings.validationShare(), settings.training().seed());
    }

    /**
     * Assigned test and validation records stay there; the other originals are split stratified into training and, when
     * no record was assigned to validation, validation (by the configured shares, rescaled to exclude test).
     */
    private static SplitPlan assigned(final JobSettings settings, final TrainingData data, final LabelledInputs<?> records) {
        final boolean[] augmented = records.augmented();
        final int[] groups = records.groups();
        final List<Integer> fixedTest = new ArrayList<>();
        final List<Integer> fixedValidation = new ArrayList<>();
        final List<Integer> pool = new ArrayList<>();
        for (int k = 0; k < records.size(); k++) {
            final AssignedSplit side = data.assignedSplit(records.dataIndex(k));
            if (!augmented[k] && side == AssignedSplit.TEST) {
                fixedTest.add(k);
            } else if (!augmented[k] && side == AssignedSplit.VALIDATION) {
                fixedValidation.add(k);
            } else {
                pool.add(k);
            }
        }
        final boolean[] poolAugmented = new boolean[pool.size()];
        for (int j = 0; j < pool.size(); j++) {
            poolAugmented[j] = augmented[pool.get(j)];
        }
        final double trainShare = fixedValidation.isEmpty()
                ? settings.trainShare() / (settings.trainShare() + settings.validationShare()) : 1.0;
        final int[] poolLabels = pool.stream().mapToInt(k -> records.labels()[k]).toArray();
        final int[] poolGroups = pool.stream().mapToInt(k -> groups[k]).toArray();
        final SplitPlan poolPlan = StratifiedSplitter.split(poolLabels, poolGroups, poolAugmented, trainShare, 1.0 - trainShare,
                settings.training().seed());
        final Set<Integer> evaluatedGroups = new HashSet<>();
        fixedTest.forEach(k -> evaluatedGroups.add(groups[k]));
        fixedValidation.forEach(k -> evaluatedGroups.add(groups[k]));
        // A copy of an evaluated record never trains.
        final int[] train = IntStream.of(poolPlan.train()).map(pool::get)
                .filter(k -> !(augmented[k] && evaluatedGroups.contains(groups[k]))).toArray();
        final int[] validation = fixedValidation.isEmpty() ? IntStream.of(poolPlan.validation()).map(pool::get).toArray()
                : fixedValidation.stream().mapToInt(Integer::intValue).toArray();
        final int excluded = poolPlan.excludedAugmented() + (poolPlan.train().length - train.length);
        return new SplitPlan(train, validation, fixedTest.stream().mapToInt(Integer::intValue).toArray(), excluded);
    }
}
