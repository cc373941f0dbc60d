package io.nifidq.ml.train;

import ai.djl.Device;
import io.nifidq.ml.bert.BertWeights;
import io.nifidq.ml.bert.FineTunedFiles;
import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.EncoderException;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.encoder.EncoderSource;
import io.nifidq.ml.head.HeadFiles;
import io.nifidq.ml.model.ModelStore;
import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.serving.ServedModel;
import io.nifidq.ml.serving.ServedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled English encoder fine-tuned for real on a few clearly worded reviews, published and served. */
class FineTunedModelFamilyTest {

    private static final EncoderOptions OPTIONS = EncoderOptions.builder().optIntraOpThreads(1).build();
    /** Small data needs more steps than the defaults give it: 4 epochs of batches of 4. */
    private static final TrainingSettings SETTINGS = TrainingSettings.builder().optModelType(ModelType.FINE_TUNED_ENCODER)
            .optMaxEpochs(4).optBatchSize(4).optLearningRate(5e-5f).optPatience(4).build();

    @Test
    void aFineTunedModelIsPublishedSelfContainedAndServedWithTheTrainersProbabilities(@TempDir final Path root) throws Exception {
        final TrainingData data = EncoderModelFamilyTest.reviews();
        final List<Integer> steps = new ArrayList<>();
        final List<Integer> totals = new ArrayList<>();
        final EpochListener listener = new EpochListener() {
            @Override
            public void epochEnded(final int epoch, final double loss, final double f1, final long elapsed) {
            }

            @Override
            public void stepEnded(final int step, final int totalSteps, final double loss) {
                steps.add(step);
                totals.add(totalSteps);
            }
        };
        try (OpenModelFamily open = open(SETTINGS)) {
            final TrainingJobResult result = new TrainingJob(JobSettings.builder().optTraining(SETTINGS).build(), open.family())
                    .run(data, listener);
            final Path version = ModelPublisher.publish(root, result, data);

            assertEquals(ModelType.FINE_TUNED_ENCODER.name(), ModelStore.verify(version).modelType());
            assertEquals(BundledEncoders.ENGLISH_FP32, result.trainingReport().training().encoder().name());
            assertEquals(32, result.trainingReport().splits().train(), "the default shares: 80% of 40 records");
            assertEquals(32, steps.size(), "4 epochs of 8 batches of 4");
            assertEquals(32, steps.getLast());
            assertEquals(List.of(32), totals.stream().distinct().toList());
            assertEquals(4, result.trainingReport().splits().test());
            assertTrue(result.evaluation().macroF1() >= 0.7, "at most one of the 4 test reviews wrong: " + result.evaluation().macroF1());
            assertTrue(Files.size(version.resolve(FineTunedFiles.NETWORK)) > 130_000_000L, "the whole network is in the version");
            final List<String> texts = List.of("a wonderful story, I loved it", "boring and awful, avoid it");
            @SuppressWarnings("unchecked")
            final ModelFamily<long[], BertWeights> family = (ModelFamily<long[], BertWeights>) open.family();
            final float[][] expected = family.trainer(ClassWeighting.NONE).probabilities(FineTunedFiles.read(version).weights(),
                    family.featurizer().featurizeAll(texts), new int[] {0, 1});
            try (ServedModel served = ServedModels.load(version, Device.cpu(), OPTIONS)) {
                final ServedModel.Scores scores = served.score(texts, 16);
                assertArrayEquals(expected[0], scores.probabilities()[0], 1e-5f);
                assertArrayEquals(expected[1], scores.probabilities()[1], 1e-5f);
                assertEquals(List.of("negative", "positive"), served.labels());
                assertTrue(scores.probabilities()[0][1] > 0.5 && scores.probabilities()[1][0] > 0.5);
                assertTrue(served.runsOn().startsWith("cpu() (PyTorch "), served.runsOn());
            }
        }
    }

    @Test
    void theTimeBudgetEndsFineTuningAfterTheStepThatRanPastIt() throws Exception {
        final TrainingSettings budget = SETTINGS.toBuilder().optTimeBudget(Duration.ofMillis(1)).build();
        try (OpenModelFamily open = open(budget)) {
            final TrainingJobResult result = new TrainingJob(JobSettings.builder().optTraining(budget).build(), open.family())
                    .run(EncoderModelFamilyTest.reviews(), EpochListener.NONE);

            assertEquals("time budget", result.outcome().stopReason());
            assertEquals(1, result.outcome().epochsRun());
        }
    }

    @Test
    void aFineTuningWhoseLossIsNoLongerANumberFailsWithTheStepAndTheRemedy() throws Exception {
        final TrainingSettings absurd = SETTINGS.toBuilder().optLearningRate(1e30f).build();
        try (OpenModelFamily open = open(absurd)) {
            final IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new TrainingJob(JobSettings.builder().optTraining(absurd).build(), open.family())
                            .run(EncoderModelFamilyTest.reviews(), EpochListener.NONE));

            assertTrue(e.getMessage().matches("Fine-tuning diverged at step \\d+ \\(loss NaN\\) with a peak learning rate of 1\\.0E30 "
                    + "and batches of 4: lower the Learning Rate \\(BERT's usual range is 2e-5 to 5e-5\\)"), e.getMessage());
        }
    }

    @Test
    void labelNoiseFoldsTrainHeadsOnTheFrozenEncodersVectorsAndFindAFlippedReview() throws Exception {
        // Validation assigned, so that every other record trains, the flipped one (index 40) included.
        final TrainingData data = new TrainingData();
        for (int i = 0; i < EncoderModelFamilyTest.POSITIVE.length; i++) {
            final AssignedSplit side = i < 4 ? AssignedSplit.VALIDATION : AssignedSplit.TRAIN;
            data.add(EncoderModelFamilyTest.POSITIVE[i], "positive", false, null, side);
            data.add(EncoderModelFamilyTest.NEGATIVE[i], "negative", false, null, side);
        }
        data.add("a wonderful, joyful film, I loved it", "negative", false, null, AssignedSplit.TRAIN);
        final List<TrainingStage> stages = new ArrayList<>();
        final JobSettings flag = JobSettings.builder().optTraining(SETTINGS).optLabelNoise(LabelNoiseHandling.FLAG).optFolds(3).build();
        try (OpenModelFamily open = open(SETTINGS)) {
            final TrainingJobResult result = new TrainingJob(flag, open.family()).run(data, new EpochListener() {
                @Override
                public void stageStarted(final TrainingStage stage) {
                    stages.add(stage);
                }

                @Override
                public void epochEnded(final int epoch, final double loss, final double f1, final long elapsed) {
                }
            });

            assertEquals(4, stages.size(), "3 fold models, then the final one");
            assertTrue(result.suspects().stream().anyMatch(s -> s.recordIndex() == 40 && s.predictedLabel().equals("positive")),
                    "the flipped review is suspected: " + result.suspects());
        }
    }

    @Test
    void anEncoderDirectoryWhoseModelIsNotABertIsRefusedNamingTheEncoder(@TempDir final Path directory) throws Exception {
        final Path bundled = BundledEncoders.unpack(BundledEncoders.ENGLISH_FP32, OPTIONS.cacheDirectory());
        Files.copy(bundled.resolve("tokenizer.json"), directory.resolve("tokenizer.json"));
        Files.write(directory.resolve("model.onnx"), new byte[] {0x08, 0x07, 0x12, 0x03, 'a', 'b', 'c'});
        final HeadFiles.EncoderReference reference = new HeadFiles.EncoderReference("not-a-bert", "0".repeat(64), null,
                directory.toString());

        final EncoderException e = assertThrows(EncoderException.class,
                () -> new FineTunedModelFamily(directory, reference, SETTINGS, 64));

        assertTrue(e.getMessage().startsWith("The encoder not-a-bert cannot be fine-tuned: "), e.getMessage());
        assertTrue(e.getMessage().contains("model.onnx is not a readable ONNX model"), e.getMessage());
    }

    private static OpenModelFamily open(final TrainingSettings settings) throws Exception {
        return OpenModelFamily.open(settings, EncoderSource.bundled(BundledEncoders.ENGLISH), false, OPTIONS, (done, total) -> { },
                64);
    }
}
