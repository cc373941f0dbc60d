package io.nifidq.ml.train;

import io.nifidq.ml.features.TextFeaturizer;
import io.nifidq.ml.model.NetworkWeights;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        final TrainingReport.Splits splits = result.trainingReport().splits();
        final long train = splits.train();
        final long trainAugmented = splits.trainAugmented();
        final long validation = splits.validation();
        final long test = splits.test();
        final long leftOut = splits.augmentedLeftOut();
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
        final TrainingReport.Splits splits = result.trainingReport().splits();
        assertEquals(assignedTest, splits.test());
        assertEquals(assignedTest, result.evaluation().support(), "the report evaluates exactly the assigned test records");
        assertEquals(corpus.texts.size() - assignedTest, splits.train() + splits.validation(),
                "the others are split into training and validation");
        assertTrue(splits.validation() > 0);
    }

    @Test
    void pruningFlagsFlippedLabelsAndTrainsWithoutThem() throws Exception {
        final int flipped = 12;
        final TrainingJobResult result = new TrainingJob(pruning(JobSettings.DEFAULT_LABEL_NOISE_PASSES))
                .run(SyntheticTexts.everyTenthLabelFlipped(), EpochListener.NONE);
        final long hits = result.suspects().stream().filter(s -> s.recordIndex() % 10 == 0).count();
        assertTrue(hits >= flipped / 2, hits + " of " + flipped + " flipped labels flagged (training records are 80% of them)");
        assertTrue(hits >= result.suspects().size() / 2, hits + " of " + result.suspects().size() + " flags are flipped labels");
        assertEquals(result.suspects().size(), result.trainingReport().splits().prunedFromTrain());
    }

    @Test
    void theListenerHearsEveryFoldModelOfEveryPassThenTheFinalModelEachFollowedByItsEpochs() throws Exception {
        final List<String> heard = new ArrayList<>();
        final EpochListener listener = new EpochListener() {
            @Override
            public void stageStarted(final TrainingStage stage) {
                heard.add(stage.describe() + " on " + stage.records());
            }

            @Override
            public void epochEnded(final int epoch, final double meanLoss, final double validationMacroF1, final long elapsedMillis) {
                heard.add("epoch " + epoch);
            }
        };
        final JobSettings flagWithThreeFolds = SETTINGS.toBuilder().optLabelNoise(LabelNoiseHandling.FLAG).optFolds(3).build();
        final TrainingJobResult result = new TrainingJob(flagWithThreeFolds).run(SyntheticTexts.everyTenthLabelFlipped(), listener);

        final List<String> stages = heard.stream().filter(line -> !line.startsWith("epoch")).toList();
        final long trainRecords = result.trainingReport().splits().train();
        assertEquals(4, stages.size(), String.valueOf(stages));
        for (int fold = 1; fold <= 3; fold++) {
            assertTrue(stages.get(fold - 1).startsWith("label-noise pass 1 of 1, fold " + fold + " of 3 on "), stages.get(fold - 1));
        }
        assertEquals("final model on " + trainRecords, stages.get(3));
        for (int i = 0; i < heard.size(); i++) {
            if (!heard.get(i).startsWith("epoch")) {
                assertEquals("epoch 1", heard.get(i + 1), "each model's epochs follow its stage: " + heard);
            }
        }
        assertEquals("epoch " + result.outcome().epochsRun(), heard.getLast(), "the final model's epochs come last");
    }

    @Test
    void aSecondPassOnlyAddsToWhatTheFirstPruned() throws Exception {
        final TrainingJobResult one = new TrainingJob(pruning(1)).run(SyntheticTexts.everyTenthLabelFlipped(), EpochListener.NONE);
        final TrainingJobResult two = new TrainingJob(pruning(2)).run(SyntheticTexts.everyTenthLabelFlipped(), EpochListener.NONE);
        final java.util.Set<Long> firstPass = new java.util.HashSet<>(one.suspects().stream().map(Suspect::recordIndex).toList());
        final java.util.Set<Long> bothPasses = new java.util.HashSet<>(two.suspects().stream().map(Suspect::recordIndex).toList());
        assertTrue(bothPasses.containsAll(firstPass), "the first pass is the same in both runs");
        assertEquals(two.suspects().size(), two.trainingReport().splits().prunedFromTrain());
        assertEquals(two.suspects().stream().map(Suspect::recordIndex).sorted().toList(),
                two.suspects().stream().map(Suspect::recordIndex).toList(), "suspects in input order");
        assertEquals(2, two.trainingReport().training().settings().labelNoisePasses());
    }

    @Test
    void relabellingTrainsTheSuspectsWithThePredictedLabel() throws Exception {
        final JobSettings relabel = SETTINGS.toBuilder().optLabelNoise(LabelNoiseHandling.RELABEL).optLabelNoisePasses(1).build();
        final TrainingJobResult result = new TrainingJob(relabel)
                .run(SyntheticTexts.everyTenthLabelFlipped(), EpochListener.NONE);
        assertTrue(!result.suspects().isEmpty(), "flipped labels are found");
        result.suspects().forEach(s -> assertTrue(!s.givenLabel().equals(s.predictedLabel()), s.toString()));
        final TrainingReport.Splits splits = result.trainingReport().splits();
        assertEquals(result.suspects().size(), splits.relabelledInTrain());
        assertNull(splits.prunedFromTrain(), "relabelling keeps every record");
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
        final TrainingJobResult result = new TrainingJob(pruning(JobSettings.DEFAULT_LABEL_NOISE_PASSES))
                .run(data, EpochListener.NONE);
        final TrainingReport.Splits splits = result.trainingReport().splits();
        assertTrue(splits.prunedFromTrain() >= 10, "pruning took the flips away: " + splits);
        assertArrayEquals(new float[] {1f, 1f}, result.trainingReport().training().classWeights(),
                "no weights: the classes as given are 65 to 35");
    }

    @Test
    void eachRecordIsFeaturizedOnceWhateverTheFoldsAndPasses() throws Exception {
        final TrainingData data = SyntheticTexts.everyTenthLabelFlipped();
        final AtomicInteger featurized = new AtomicInteger();
        final NgramModelFamily ngrams = new NgramModelFamily(SETTINGS.training());
        final ModelFamily<int[], NetworkWeights> counting = new ModelFamily<>() {
            @Override
            public TextFeaturizer<int[]> featurizer() {
                return new TextFeaturizer<>() {
                    @Override
                    public int[] featurize(final CharSequence text) {
                        featurized.incrementAndGet();
                        return ngrams.featurizer().featurize(text);
                    }

                    @Override
                    public boolean usable(final int[] input) {
                        return ngrams.featurizer().usable(input);
                    }
                };
            }

            @Override
            public ClassifierTrainer<int[], NetworkWeights> trainer(final ClassWeighting weighting) {
                return ngrams.trainer(weighting);
            }

            @Override
            public TrainedModel trainedModel(final NetworkWeights weights, final List<String> labels) {
                return ngrams.trainedModel(weights, labels);
            }
        };
        final TrainingJobResult result = new TrainingJob(pruning(2), counting).run(data, EpochListener.NONE);
        assertEquals(data.size(), featurized.get(), "an encoder's embedding is the expensive part: once per record and job");
        final TrainingJobResult described = new TrainingJob(pruning(2))
                .run(SyntheticTexts.everyTenthLabelFlipped(), EpochListener.NONE);
        assertEquals(described.suspects(), result.suspects(), "the family given is the one the settings describe");
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
