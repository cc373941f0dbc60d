package io.nifidq.ml.noise;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfidentLearningTest {

    @Test
    void thresholdsAreTheMeanSelfConfidencePerClass() {
        final int[] given = {0, 0, 1, 1};
        final double[][] p = {{0.9, 0.1}, {0.7, 0.3}, {0.4, 0.6}, {0.2, 0.8}};
        assertArrayEquals(new double[] {0.8, 0.7}, ConfidentLearning.thresholds(given, p, 2), 1e-12);
    }

    @Test
    void theConfidentJointCountsEachRecordUnderItsMostProbableClassAmongThoseReachingTheirThreshold() {
        // Thresholds: class 0 (0.9 + 0.7 + 0.2) / 3 = 0.6, class 1 (0.6 + 0.5) / 2 = 0.55.
        final int[] given = {0, 0, 0, 1, 1};
        final double[][] p = {{0.9, 0.1}, {0.7, 0.3}, {0.2, 0.8}, {0.4, 0.6}, {0.5, 0.5}};
        // Record 2 (labelled 0) is confidently 1; record 4 reaches neither threshold and is not counted.
        assertArrayEquals(new long[][] {{2, 1}, {0, 1}}, ConfidentLearning.confidentJoint(given, p));
        assertEquals(1, ConfidentLearning.countConfidentlyMislabelled(given, p));
    }

    @Test
    void aRecordReachingTwoThresholdsCountsUnderTheMoreProbableClass() {
        // Thresholds: class 0 (0.3 + 0.3 + 0.4) / 3 = 1/3, class 1 (0.5 + 0.6) / 2 = 0.55, class 2 0.9. Record 2 (labelled 0)
        // reaches its own threshold (0.4) and class 1's (0.56): it counts as confidently 1.
        final int[] given = {0, 0, 0, 1, 1, 2};
        final double[][] p = {{0.3, 0.1, 0.6}, {0.3, 0.1, 0.6}, {0.4, 0.56, 0.04}, {0.1, 0.5, 0.4}, {0.1, 0.6, 0.3}, {0.0, 0.1, 0.9}};
        assertArrayEquals(new long[][] {{0, 1, 0}, {0, 1, 0}, {0, 0, 1}}, ConfidentLearning.confidentJoint(given, p));
        assertEquals(1, ConfidentLearning.countConfidentlyMislabelled(given, p));
        assertEquals(0, ConfidentLearning.countConfidentlyMislabelled(new int[0], new double[0][]));
    }

    @Test
    void aConfidentlyContradictedLabelIsFound() {
        // Record 3 is labelled 0 but the model is sure it is 1.
        final int[] given = {0, 0, 0, 0, 1, 1, 1};
        final float[][] p = {{0.9f, 0.1f}, {0.8f, 0.2f}, {0.85f, 0.15f}, {0.05f, 0.95f}, {0.1f, 0.9f}, {0.2f, 0.8f}, {0.15f, 0.85f}};
        final List<ConfidentLearning.Suspect> suspects = ConfidentLearning.findSuspects(given, p);
        assertEquals(1, suspects.size());
        final ConfidentLearning.Suspect s = suspects.getFirst();
        assertEquals(3, s.index());
        assertEquals(0, s.givenLabel());
        assertEquals(1, s.predictedLabel());
        assertEquals(0.95, s.predictedProbability(), 1e-6);
    }

    @Test
    void cleanConfidentPredictionsYieldNoSuspects() {
        final int[] given = {0, 0, 1, 1, 2, 2};
        final float[][] p = {{0.9f, 0.05f, 0.05f}, {0.8f, 0.1f, 0.1f}, {0.1f, 0.8f, 0.1f}, {0.05f, 0.9f, 0.05f},
                {0.1f, 0.1f, 0.8f}, {0.05f, 0.05f, 0.9f}};
        assertEquals(List.of(), ConfidentLearning.findSuspects(given, p));
    }

    @Test
    void flippedLabelsInANoisySyntheticSetAreFoundWithHighPrecision() {
        final Random random = new Random(5);
        final int n = 2_000;
        final int[] truth = new int[n];
        final int[] given = new int[n];
        final float[][] p = new float[n][3];
        final Set<Integer> flipped = new HashSet<>();
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextInt(3);
            given[i] = truth[i];
            if (random.nextDouble() < 0.1) {
                given[i] = (truth[i] + 1 + random.nextInt(2)) % 3;
                flipped.add(i);
            }
            // A decent model: the true class gets 0.5-0.95, the rest is split between the others.
            final float top = 0.5f + 0.45f * random.nextFloat();
            final float share = random.nextFloat();
            for (int c = 0; c < 3; c++) {
                p[i][c] = c == truth[i] ? top : (c == (truth[i] + 1) % 3 ? (1 - top) * share : (1 - top) * (1 - share));
            }
        }
        final List<ConfidentLearning.Suspect> suspects = ConfidentLearning.findSuspects(given, p);
        final long hits = suspects.stream().filter(s -> flipped.contains(s.index())).count();
        final double precision = (double) hits / suspects.size();
        final double recall = (double) hits / flipped.size();
        assertTrue(precision >= 0.9, "precision " + precision);
        assertTrue(recall >= 0.7, "recall " + recall);
        assertTrue(suspects.stream().filter(s -> flipped.contains(s.index())).allMatch(s -> s.predictedLabel() == truth[s.index()]),
                "a found flip is predicted as its true class");
    }

    @Test
    void noClassIsFlaggedAway() {
        final int[] given = {0, 1, 1};
        final float[][] p = {{0.1f, 0.9f}, {0.1f, 0.9f}, {0.2f, 0.8f}};
        assertTrue(ConfidentLearning.findSuspects(given, p).stream().noneMatch(s -> s.index() == 0),
                "the only record of class 0 stays, whatever the model says");
    }

    @Test
    void aRecordTheModelStillAssignsToItsLabelIsNotFlaggedWhateverTheCountSays() {
        // Records 4-7 (label 1) reach class 0's low threshold (0.4) and miss their own (0.725), so the confident joint
        // counts four label errors in class 1; but the model gives each of them 0.55 for its own label.
        final int[] given = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};
        final float[][] p = {{0.4f, 0.6f}, {0.4f, 0.6f}, {0.4f, 0.6f}, {0.4f, 0.6f},
            {0.45f, 0.55f}, {0.45f, 0.55f}, {0.45f, 0.55f}, {0.45f, 0.55f},
            {0.1f, 0.9f}, {0.1f, 0.9f}, {0.1f, 0.9f}, {0.1f, 0.9f}};
        assertEquals(List.of(), ConfidentLearning.findSuspects(given, p));
    }
}
