package io.nifidq.ml.split;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded, stratified train / validation / test splits that keep augmented copies with their source:
 * the original records of each class are shuffled and cut by the shares (every side with a nonzero
 * share gets at least one record of a class with three or more), and an augmented record follows its
 * source group to training, or is left out when that group landed in validation or test, so that no
 * evaluation record has a near copy in training and no augmented text is ever evaluated.
 */
public final class StratifiedSplitter {

    private static final int TRAIN = 0;
    private static final int VALIDATION = 1;
    private static final int TEST = 2;

    private StratifiedSplitter() {
    }

    /**
     * Splits the records.
     *
     * @param labels          class id per record
     * @param groupKeys       source group per record: an augmented record carries its source's key;
     *                        originals with the same key (duplicates of one source) stay together
     * @param augmented       true for augmented copies
     * @param trainShare      share of original records for training
     * @param validationShare share for validation; test gets the rest
     */
    public static SplitPlan split(final int[] labels, final int[] groupKeys, final boolean[] augmented, final double trainShare,
                                  final double validationShare, final long seed) {
        if (labels.length != groupKeys.length || labels.length != augmented.length) {
            throw new IllegalArgumentException("labels, groupKeys and augmented must have one entry per record");
        }
        if (trainShare <= 0 || validationShare < 0 || trainShare + validationShare > 1) {
            throw new IllegalArgumentException("Shares must satisfy 0 < train, 0 <= validation, train + validation <= 1");
        }
        // One group per source key: the group's class is that of its first original record.
        final Map<Integer, List<Integer>> groupsByClass = new HashMap<>();
        final Map<Integer, Boolean> seenGroup = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (!augmented[i] && seenGroup.putIfAbsent(groupKeys[i], Boolean.TRUE) == null) {
                groupsByClass.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(groupKeys[i]);
            }
        }
        final Random random = new Random(seed);
        final Map<Integer, Integer> sideOfGroup = new HashMap<>();
        groupsByClass.keySet().stream().sorted().forEach(label -> {
            final List<Integer> groups = groupsByClass.get(label);
            java.util.Collections.shuffle(groups, random);
            final int[] counts = sideCounts(groups.size(), trainShare, validationShare);
            for (int g = 0; g < groups.size(); g++) {
                sideOfGroup.put(groups.get(g), g < counts[TRAIN] ? TRAIN : g < counts[TRAIN] + counts[VALIDATION] ? VALIDATION : TEST);
            }
        });
        final List<Integer> train = new ArrayList<>();
        final List<Integer> validation = new ArrayList<>();
        final List<Integer> test = new ArrayList<>();
        int excluded = 0;
        for (int i = 0; i < labels.length; i++) {
            final Integer side = sideOfGroup.get(groupKeys[i]);
            if (augmented[i]) {
                if (side != null && side == TRAIN) {
                    train.add(i);
                } else {
                    excluded++;
                }
            } else {
                (side == TRAIN ? train : side == VALIDATION ? validation : test).add(i);
            }
        }
        return new SplitPlan(toArray(train), toArray(validation), toArray(test), excluded);
    }

    /**
     * Groups of one class per side: training gets its rounded share first, validation its rounded
     * share, test the rest; once a class has three groups, every side with a nonzero share gets at
     * least one, taken from training.
     */
    static int[] sideCounts(final int groups, final double trainShare, final double validationShare) {
        final boolean wantsTest = trainShare + validationShare < 1 - 1e-9;
        int train = (int) Math.min(groups, Math.round(groups * trainShare));
        int validation = (int) Math.min(groups - train, Math.round(groups * validationShare));
        int test = wantsTest ? groups - train - validation : 0;
        train = groups - validation - test;
        if (groups >= 3) {
            if (validationShare > 0 && validation == 0) {
                validation = 1;
                train--;
            }
            if (wantsTest && test == 0) {
                test = 1;
                train--;
            }
        }
        if (train <= 0 && groups > 0) {
            // Training needs every class: take one back from the larger evaluation side.
            return test >= validation ? new int[] {1, validation, test - 1 + train} : new int[] {1, validation - 1 + train, test};
        }
        return new int[] {train, validation, test};
    }

    /**
     * Stratified fold number (0 to k - 1) per record: each class's records are shuffled and dealt round
     * robin, so every fold holds about the same share of every class.
     */
    public static int[] stratifiedFolds(final int[] labelIds, final int k, final long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("At least two folds are needed: " + k);
        }
        final Map<Integer, List<Integer>> byClass = new HashMap<>();
        for (int i = 0; i < labelIds.length; i++) {
            byClass.computeIfAbsent(labelIds[i], c -> new ArrayList<>()).add(i);
        }
        final Random random = new Random(seed);
        final int[] folds = new int[labelIds.length];
        int offset = 0;
        for (final int label : byClass.keySet().stream().sorted().toList()) {
            final List<Integer> members = byClass.get(label);
            java.util.Collections.shuffle(members, random);
            for (int m = 0; m < members.size(); m++) {
                folds[members.get(m)] = (offset + m) % k;
            }
            // Start the next class where this one stopped, so small classes do not all pile into fold 0.
            offset = (offset + members.size()) % k;
        }
        return folds;
    }

    private static int[] toArray(final List<Integer> indexes) {
        return indexes.stream().mapToInt(Integer::intValue).toArray();
    }
}
