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
        final float[][] p = {{0.9f, 0.1f}, {0.7f, 0.3f}, {0.4f, 0.6f}, {0.2f, 0.8f}};
        assertArrayEquals(new double[] {0.8, 0.7}, ConfidentLearning.thresholds(given, p, 2), 1e-6);
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
