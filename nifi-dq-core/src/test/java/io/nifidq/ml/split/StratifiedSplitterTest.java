package io.nifidq.ml.split;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StratifiedSplitterTest {

    private static int[] identity(final int n) {
        final int[] keys = new int[n];
        Arrays.setAll(keys, i -> i);
        return keys;
    }

    @Test
    void eachClassIsSplitByTheShares() {
        // 80 records of class 0, 20 of class 1.
        final int[] labels = new int[100];
        Arrays.fill(labels, 80, 100, 1);
        final SplitPlan plan = StratifiedSplitter.split(labels, identity(100), new boolean[100], 0.7, 0.1, 42);
        assertEquals(56 + 14, plan.train().length);
        assertEquals(8 + 2, plan.validation().length);
        assertEquals(16 + 4, plan.test().length);
        assertEquals(2, Arrays.stream(plan.validation()).filter(i -> labels[i] == 1).count());
        assertEquals(4, Arrays.stream(plan.test()).filter(i -> labels[i] == 1).count());
        final Set<Integer> all = new HashSet<>();
        Arrays.stream(plan.train()).forEach(all::add);
        Arrays.stream(plan.validation()).forEach(all::add);
        Arrays.stream(plan.test()).forEach(all::add);
        assertEquals(100, all.size(), "every record lands on exactly one side");
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        final int[] labels = new int[50];
        Arrays.fill(labels, 25, 50, 1);
        final SplitPlan a = StratifiedSplitter.split(labels, identity(50), new boolean[50], 0.6, 0.2, 7);
        final SplitPlan b = StratifiedSplitter.split(labels, identity(50), new boolean[50], 0.6, 0.2, 7);
        final SplitPlan c = StratifiedSplitter.split(labels, identity(50), new boolean[50], 0.6, 0.2, 8);
        assertArrayEquals(a.test(), b.test());
        assertTrue(!Arrays.equals(a.test(), c.test()));
    }

    @Test
    void aSmallClassStillGetsOneRecordOnEverySide() {
        final int[] labels = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1};
        final SplitPlan plan = StratifiedSplitter.split(labels, identity(13), new boolean[13], 0.8, 0.1, 1);
        assertEquals(1, Arrays.stream(plan.train()).filter(i -> labels[i] == 1).count());
        assertEquals(1, Arrays.stream(plan.validation()).filter(i -> labels[i] == 1).count());
        assertEquals(1, Arrays.stream(plan.test()).filter(i -> labels[i] == 1).count());
    }

    @Test
    void augmentedCopiesFollowTheirSourceToTrainingAndAreNeverEvaluated() {
        // Records 0-19 are originals (keys 0-19); 20-39 are copies of 0-19 (same keys).
        final int[] labels = new int[40];
        final int[] keys = new int[40];
        final boolean[] augmented = new boolean[40];
        for (int i = 0; i < 40; i++) {
            labels[i] = (i % 20) < 10 ? 0 : 1;
            keys[i] = i % 20;
            augmented[i] = i >= 20;
        }
        final SplitPlan plan = StratifiedSplitter.split(labels, keys, augmented, 0.5, 0.25, 3);
        final Set<Integer> trainKeys = new HashSet<>();
        for (final int i : plan.train()) {
            if (!augmented[i]) {
                trainKeys.add(keys[i]);
            }
        }
        for (final int i : plan.train()) {
            assertTrue(!augmented[i] || trainKeys.contains(keys[i]), "copy " + i + " is with its source");
        }
        assertTrue(Arrays.stream(plan.validation()).noneMatch(i -> augmented[i]));
        assertTrue(Arrays.stream(plan.test()).noneMatch(i -> augmented[i]));
        assertEquals(10, Arrays.stream(plan.train()).filter(i -> augmented[i]).count());
        assertEquals(10, plan.excludedAugmented(), "copies of validation and test sources are left out");
    }

    @Test
    void foldsAreStratified() {
        final int[] labels = new int[30];
        Arrays.fill(labels, 20, 30, 1);
        final int[] folds = StratifiedSplitter.stratifiedFolds(labels, 5, 11);
        for (int fold = 0; fold < 5; fold++) {
            final int f = fold;
            assertEquals(4, java.util.stream.IntStream.range(0, 20).filter(i -> folds[i] == f).count());
            assertEquals(2, java.util.stream.IntStream.range(20, 30).filter(i -> folds[i] == f).count());
        }
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplitter.stratifiedFolds(labels, 1, 1));
    }
}
