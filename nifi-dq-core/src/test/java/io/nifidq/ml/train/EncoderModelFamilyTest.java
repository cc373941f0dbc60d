package io.nifidq.ml.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifidq.ml.encoder.BertEncoder;
import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.EncoderException;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.encoder.EncoderSource;
import io.nifidq.ml.encoder.SharedEncoders;
import io.nifidq.ml.head.HeadFiles;
import io.nifidq.ml.model.ModelStore;
import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.serving.EncoderClassifierModel;
import io.nifidq.ml.serving.ServedModel;
import io.nifidq.ml.serving.ServedModels;
import ai.djl.Device;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pretrained-encoder family with the real bundled English encoder, trained, published and served. */
class EncoderModelFamilyTest {

    private static final EncoderOptions OPTIONS = EncoderOptions.builder().optIntraOpThreads(1).optParallelRuns(2).build();
    static final String[] POSITIVE = {"a wonderful, moving film", "I loved every minute of it", "brilliant acting and a great story",
            "a delightful and charming comedy", "one of the best films this year", "beautifully shot and deeply touching",
            "funny, warm and full of heart", "an excellent, gripping thriller", "a joy from start to finish", "superb, I would watch it again",
            "the cast is fantastic", "a triumph of storytelling", "smart, fresh and entertaining", "truly inspiring and uplifting",
            "a masterpiece of its kind", "great fun for the whole family", "the music is lovely", "a clever and satisfying ending",
            "moving performances all round", "highly recommended"};
    static final String[] NEGATIVE = {"a dull, lifeless film", "I hated every minute of it", "terrible acting and a boring story",
            "a tedious and unfunny comedy", "one of the worst films this year", "ugly to look at and deeply annoying",
            "cold, flat and without heart", "a clumsy, predictable thriller", "a chore from start to finish", "awful, I walked out",
            "the cast is wasted", "a disaster of storytelling", "stale, lazy and boring", "truly depressing and pointless",
            "a mess of a movie", "no fun for anyone", "the music is grating", "a stupid and unsatisfying ending",
            "wooden performances all round", "avoid at all costs"};

    private static SharedEncoders.Lease english;

    @BeforeAll
    static void loadEncoder() throws Exception {
        english = SharedEncoders.acquire(EncoderSource.bundled(BundledEncoders.ENGLISH), OPTIONS);
    }

    @AfterAll
    static void release() {
        english.close();
    }

    @Test
    void aTrainedHeadIsPublishedAndServedWithTheSameProbabilities(@TempDir final Path root) throws Exception {
        final TrainingData data = reviews();
        final EncoderModelFamily family = family();

        final TrainingJobResult result = new TrainingJob(JobSettings.defaults(), family).run(data, EpochListener.NONE);
        final Path version = ModelPublisher.publish(root, result, data);

        assertEquals(ModelType.PRETRAINED_ENCODER.name(), ModelStore.verify(version).modelType());
        assertEquals(ModelType.PRETRAINED_ENCODER, result.trainingReport().training().modelType());
        assertEquals(BundledEncoders.ENGLISH, result.trainingReport().training().encoder().name());
        assertEquals(english.encoder().fingerprint(), result.trainingReport().training().encoder().fingerprint());
        assertTrue(result.evaluation().macroF1() >= 0.75, "clearly worded reviews: " + result.evaluation().macroF1());
        final List<String> texts = List.of("a wonderful story, I loved it", "boring and awful, avoid it");
        try (ServedModel served = ServedModels.load(version, Device.cpu(), OPTIONS)) {
            final float[][] expected = new float[texts.size()][];
            final HeadFiles.Loaded head = HeadFiles.read(version);
            for (int i = 0; i < texts.size(); i++) {
                expected[i] = head.weights().probabilities(english.encoder().embed(texts.get(i)));
            }
            final ServedModel.Scores scores = served.score(texts, 16);
            assertArrayEquals(expected[0], scores.probabilities()[0]);
            assertArrayEquals(expected[1], scores.probabilities()[1]);
            assertEquals(List.of("negative", "positive"), served.labels());
            assertTrue(scores.probabilities()[0][1] > 0.5 && scores.probabilities()[1][0] > 0.5);
            assertEquals("cpu() (CPUExecutionProvider)", served.runsOn());
        }
    }

    @Test
    void aBlendWithTheNgramModelIsServedAsTheBlendOfBothModels(@TempDir final Path root) throws Exception {
        final TrainingData data = reviews();
        final TrainingSettings ngramSettings = TrainingSettings.builder().optFeaturizer(
                io.nifidq.ml.features.FeaturizerSettings.builder().optBuckets(1 << 12).build()).build();
        final BlendedModelFamily<float[], int[], io.nifidq.ml.head.HeadWeights, io.nifidq.ml.model.NetworkWeights> blended =
                new BlendedModelFamily<>(family(), new NgramModelFamily(ngramSettings));

        final TrainingJobResult result = new TrainingJob(JobSettings.defaults(), blended).run(data, EpochListener.NONE);
        final Path version = ModelPublisher.publish(root, result, data);

        final float share = BlendedModelFamily.Blend.read(version).share();
        assertEquals(share, result.trainingReport().training().encoder().blendShare());
        assertEquals("FASTTEXT", result.trainingReport().training().encoder().blendedWith());
        final List<String> texts = List.of("a wonderful story, I loved it");
        try (ServedModel served = ServedModels.load(version, Device.cpu(), OPTIONS);
             io.nifidq.ml.model.TextClassifierModel ngrams = io.nifidq.ml.model.TextClassifierModel.load(version, Device.cpu())) {
            final float[] head = HeadFiles.read(version).weights().probabilities(english.encoder().embed(texts.getFirst()));
            final float[] words = ngrams.predictProbabilities(texts)[0];
            final float[] expected = BlendedModelFamily.blend(new float[][]{head}, new float[][]{words}, share)[0];
            assertArrayEquals(expected, served.score(texts, 16).probabilities()[0], 1e-6f);
        }
    }

    @Test
    void eachDistinctTextIsEmbeddedOnceWhateverTheFoldsAndPasses() throws Exception {
        final TrainingData data = reviews();
        data.add(POSITIVE[0], "positive", false, null);
        final EncoderModelFamily family = family();
        final JobSettings prune = JobSettings.builder().optLabelNoise(LabelNoiseHandling.PRUNE).optLabelNoisePasses(2).optFolds(3).build();

        final TrainingJobResult result = new TrainingJob(prune, family).run(data, EpochListener.NONE);

        assertEquals(40, result.trainingReport().training().encoder().embeddedTexts(), "41 records, 40 distinct texts");
    }

    @Test
    void aHeadIsNeverServedWithAnotherEncoder(@TempDir final Path root) throws Exception {
        final TrainingData data = reviews();
        final Path version = ModelPublisher.publish(root, new TrainingJob(JobSettings.defaults(), family()).run(data, EpochListener.NONE), data);
        final ObjectMapper json = new ObjectMapper();
        final ObjectNode head = (ObjectNode) json.readTree(version.resolve(HeadFiles.HEAD).toFile());
        ((ObjectNode) head.get("encoder")).put("fingerprint", "0".repeat(64));
        json.writeValue(version.resolve(HeadFiles.HEAD).toFile(), head);
        rewriteChecksums(version);

        final EncoderException e = assertThrows(EncoderException.class, () -> EncoderClassifierModel.load(version, OPTIONS));

        assertTrue(e.getMessage().contains("was trained on the encoder bge-small-en-v1.5-q with fingerprint " + "0".repeat(64)
                + ", but bundled bge-small-en-v1.5-q now has fingerprint " + english.encoder().fingerprint()), e.getMessage());
    }

    @Test
    void theNodeSharesOneEncoderPerSourceUntilTheLastLeaseCloses() throws Exception {
        final int before = SharedEncoders.loaded();
        try (SharedEncoders.Lease second = SharedEncoders.acquire(EncoderSource.bundled(BundledEncoders.ENGLISH), OPTIONS)) {
            assertSame(english.encoder(), second.encoder());
            assertEquals(before, SharedEncoders.loaded());
        }
        final SharedEncoders.Lease chinese = SharedEncoders.acquire(EncoderSource.bundled(BundledEncoders.CHINESE), OPTIONS);
        assertEquals(before + 1, SharedEncoders.loaded());
        final BertEncoder loaded = chinese.encoder();
        chinese.close();
        chinese.close();
        assertEquals(before, SharedEncoders.loaded(), "closed with its last lease, released once however often closed");
        try (SharedEncoders.Lease again = SharedEncoders.acquire(EncoderSource.bundled(BundledEncoders.CHINESE), OPTIONS)) {
            assertNotSame(loaded, again.encoder(), "loaded afresh after the last lease closed it");
        }
    }

    private static EncoderModelFamily family() {
        return new EncoderModelFamily(english.encoder(), EncoderSource.bundled(BundledEncoders.ENGLISH), TrainingSettings.defaults(),
                (done, total) -> { });
    }

    static TrainingData reviews() {
        final TrainingData data = new TrainingData();
        for (int i = 0; i < POSITIVE.length; i++) {
            data.add(POSITIVE[i], "positive", false, null);
            data.add(NEGATIVE[i], "negative", false, null);
        }
        return data;
    }

    /** Writes checksums.sha256 again for the version's files, as a careless hand edit would. */
    private static void rewriteChecksums(final Path version) throws Exception {
        final List<String> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(version.resolve(ModelStore.CHECKSUMS))) {
            final String file = line.substring(line.indexOf("  ") + 2);
            lines.add(io.nifidq.ml.encoder.EncoderFiles.sha256(version.resolve(file)) + "  " + file);
        }
        Files.write(version.resolve(ModelStore.CHECKSUMS), lines);
    }
}
