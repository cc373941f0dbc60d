package io.nifidq.ml.train;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingJobTest {

    private static final JobSettings SETTINGS = JobSettings.builder().optTraining(TextClassifierTrainerTest.SMALL).build();

    private static JobSettings pruning(final int passes) {
        return SETTINGS.toBuilder().optLabelNoise(LabelNoiseHandling.PRUNE).optLabelNoisePasses(passes).build();
    }

    @Test
    void augmentedRecordsOnlyEverTrainAndGoWithTheirSource() throws Exception {
        final SyntheticTexts corpus = new SyntheticTexts(40, 3, 2L);
        final TrainingData data = new TrainingData();
        final int originals = corpus.texts.size();
        for (int i = 0; i < originals; i++) {
            // AugmentText's layout: the original with its own position as source index, then its copy.
            data.add(corpus.texts.get(i), corpus.labels.get(i), false, (long) i);
            data.add(corpus.texts.get(i) + " indeed", corpus.labels.get(i), true, (long) i);
        }
        final TrainingJobResult result = new TrainingJob(SETTINGS).run(data, EpochListener.NONE);
        @SuppressWarnings("unchecked") final Map<String, Object> splits = (Map<String, Object>) result.report().get("splits");
        final long train = ((Number) splits.get("train")).longValue();
        final long trainAugmented = ((Number) splits.get("trainAugmented")).longValue();
        final long validation = ((Number) splits.get("validation")).longValue();
        final long test = ((Number) splits.get("test")).longValue();
        final long leftOut = ((Number) splits.get("augmentedLeftOut")).longValue();
        assertEquals(originals, train - trainAugmented + validation + test, "every original lands in exactly one split");
        assertEquals(originals, trainAugmented + leftOut, "an augmented copy trains with its source or is left out");
        assertEquals(train - trainAugmented, trainAugmented, "each training original brings its one copy");
        assertTrue(result.evaluation().macroF1() > 0.85, "macro-F1 " + result.evaluation().macroF1());
    }

    @Test
    void recordsAssignedToTheTestSplitAreExactlyTheEvaluatedOnes() throws Exception {
        final SyntheticTexts corpus = new SyntheticTexts(40, 2, 4L);
        final TrainingData data = new TrainingData();
        int assignedTest = 0;
        for (int i = 0; i < corpus.texts.size(); i++) {
            final AssignedSplit side = i % 4 == 0 ? AssignedSplit.TEST : AssignedSplit.parse(i % 2 == 0 ? "Train" : "other");
            assignedTest += side == AssignedSplit.TEST ? 1 : 0;
            data.add(corpus.texts.get(i), corpus.labels.get(i), false, null, side);
        }
        final TrainingJobResult result = new TrainingJob(SETTINGS).run(data, EpochListener.NONE);
        @SuppressWarnings("unchecked") final Map<String, Object> splits = (Map<String, Object>) result.report().get("splits");
        assertEquals(assignedTest, ((Number) splits.get("test")).intValue());
        assertEquals(assignedTest, result.evaluation().support(), "the report evaluates exactly the assigned test records");
        assertEquals(corpus.texts.size() - assignedTest, ((Number) splits.get("train")).intValue()
                + ((Number) splits.get("validation")).intValue(), "the others are split into training and validation");
        assertTrue(((Number) splits.get("validation")).intValue() > 0);
    }

    @Test
    void pruningFlagsFlippedLabelsAndTrainsWithoutThem() throws Exception {
        final SyntheticTexts corpus = new SyntheticTexts(60, 2, 3L);
        final TrainingData data = new TrainingData();
        int flipped = 0;
        for (int i = 0; i < corpus.texts.size(); i++) {
            final boolean flip = i % 10 == 0;
            flipped += flip ? 1 : 0;
            final String label = corpus.labels.get(i);
            data.add(corpus.texts.get(i), flip ? (label.equals("class0") ? "class1" : "class0") : label, false, null);
        }
        final TrainingJobResult result = new TrainingJob(pruning(JobSettings.DEFAULT_LABEL_NOISE_PASSES)).run(data, EpochListener.NONE);
        final long hits = result.suspects().stream().filter(s -> s.recordIndex() % 10 == 0).count();
        assertTrue(hits >= flipped / 2, hits + " of " + flipped + " flipped labels flagged (training records are 80% of them)");
        assertTrue(hits >= result.suspects().size() / 2, hits + " of " + result.suspects().size() + " flags are flipped labels");
        @SuppressWarnings("unchecked") final Map<String, Object> splits = (Map<String, Object>) result.report().get("splits");
        assertEquals(result.suspects().size(), ((Number) splits.get("prunedFromTrain")).intValue());
    }

    /** 120 synthetic records, every tenth label flipped. */
    private static TrainingData noisyCorpus() {
        final SyntheticTexts corpus = new SyntheticTexts(60, 2, 3L);
        final TrainingData data = new TrainingData();
        for (int i = 0; i < corpus.texts.size(); i++) {
            final String label = corpus.labels.get(i);
            data.add(corpus.texts.get(i), i % 10 == 0 ? (label.equals("class0") ? "class1" : "class0") : label, false, null);
        }
        return data;
    }

    @Test
    void aSecondPassOnlyAddsToWhatTheFirstPruned() throws Exception {
        final TrainingJobResult one = new TrainingJob(pruning(1)).run(noisyCorpus(), EpochListener.NONE);
        final TrainingJobResult two = new TrainingJob(pruning(2)).run(noisyCorpus(), EpochListener.NONE);
        final java.util.Set<Long> firstPass = new java.util.HashSet<>(one.suspects().stream().map(Suspect::recordIndex).toList());
        final java.util.Set<Long> bothPasses = new java.util.HashSet<>(two.suspects().stream().map(Suspect::recordIndex).toList());
        assertTrue(bothPasses.containsAll(firstPass), "the first pass is the same in both runs");
        @SuppressWarnings("unchecked") final Map<String, Object> splits = (Map<String, Object>) two.report().get("splits");
        assertEquals(two.suspects().size(), ((Number) splits.get("prunedFromTrain")).intValue());
        assertEquals(two.suspects().stream().map(Suspect::recordIndex).sorted().toList(),
                two.suspects().stream().map(Suspect::recordIndex).toList(), "suspects in input order");
        @SuppressWarnings("unchecked") final Map<String, Object> training = (Map<String, Object>) two.report().get("training");
        @SuppressWarnings("unchecked") final Map<String, Object> reported = (Map<String, Object>) training.get("settings");
        assertEquals(2, reported.get("labelNoisePasses"));
    }

    @Test
    void relabellingTrainsTheSuspectsWithThePredictedLabel() throws Exception {
        final TrainingJobResult result = new TrainingJob(SETTINGS.toBuilder().optLabelNoise(LabelNoiseHandling.RELABEL).optLabelNoisePasses(1).build())
                .run(noisyCorpus(), EpochListener.NONE);
        assertTrue(!result.suspects().isEmpty(), "flipped labels are found");
        result.suspects().forEach(s -> assertTrue(!s.givenLabel().equals(s.predictedLabel()), s.toString()));
        @SuppressWarnings("unchecked") final Map<String, Object> splits = (Map<String, Object>) result.report().get("splits");
        assertEquals(result.suspects().size(), ((Number) splits.get("relabelledInTrain")).intValue());
        assertTrue(!splits.containsKey("prunedFromTrain"), "relabelling keeps every record");
    }

    @Test
    void automaticClassWeightsAreDecidedOnTheClassesAsGivenNotAsPruned() throws Exception {
        // 90 class0 and 10 class1 texts, 25 of the class0 labels flipped: 65 to 35 as given (no weights), 65 to about 10
        // once the flips are pruned, which alone would turn inverse weights on and weigh up the flips pruning missed.
        final SyntheticTexts corpus = new SyntheticTexts(90, 2, 5L);
        final TrainingData data = new TrainingData();
        int class0 = 0;
        int class1 = 0;
        for (int i = 0; i < corpus.texts.size(); i++) {
            final boolean first = corpus.labels.get(i).equals("class0");
            if (first && class0++ < 90) {
                data.add(corpus.texts.get(i), class0 <= 25 ? "class1" : "class0", false, null);
            } else if (!first && class1++ < 10) {
                data.add(corpus.texts.get(i), "class1", false, null);
            }
        }
        final TrainingJobResult result = new TrainingJob(pruning(JobSettings.DEFAULT_LABEL_NOISE_PASSES)).run(data, EpochListener.NONE);
        @SuppressWarnings("unchecked") final Map<String, Object> splits = (Map<String, Object>) result.report().get("splits");
        assertTrue(((Number) splits.get("prunedFromTrain")).intValue() >= 10, "pruning took the flips away: " + splits);
        @SuppressWarnings("unchecked") final Map<String, Object> training = (Map<String, Object>) result.report().get("training");
        final Object weights = training.get("classWeights");
        assertEquals(java.util.List.of(1.0, 1.0), toDoubles(weights), "no weights: the classes as given are 65 to 35");
    }

    private static java.util.List<Double> toDoubles(final Object weights) {
        if (weights instanceof float[] array) {
            final java.util.List<Double> list = new java.util.ArrayList<>();
            for (final float w : array) {
                list.add((double) w);
            }
            return list;
        }
        return ((java.util.List<?>) weights).stream().map(w -> ((Number) w).doubleValue()).toList();
    }

    @Test
    void untrainableInputsSayWhy() {
        final TrainingData oneClass = new TrainingData();
        for (int i = 0; i < 10; i++) {
            oneClass.add("text number " + i, "only", false, null);
        }
        assertEquals("only one class (only): a classifier needs at least two labels",
                assertThrows(UntrainableInputException.class, () -> new TrainingJob(SETTINGS).run(oneClass, EpochListener.NONE)).getMessage());
        final TrainingData noText = new TrainingData();
        noText.add("", "a", false, null);
        noText.add(null, "b", false, null);
        noText.add("?!", "b", false, null);
        assertTrue(assertThrows(UntrainableInputException.class, () -> new TrainingJob(SETTINGS).run(noText, EpochListener.NONE))
                .getMessage().startsWith("no usable text"));
    }
}
