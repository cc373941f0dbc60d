package io.nifidq.ml.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled int8 BGE encoders, run for real on a few short texts. */
class BertEncoderTest {

    private static final double SAME_VECTOR = 0.9999;
    /**
     * A padded batch of the int8 encoders: their activations are quantised with one scale per tensor, so the other texts
     * and the padding move each vector a little (SST-2: cosine 0.990 to 0.995 against the text alone).
     */
    private static final double SAME_VECTOR_IN_A_QUANTISED_BATCH = 0.985;
    private static final EncoderOptions OPTIONS = EncoderOptions.builder().optIntraOpThreads(1).optParallelRuns(2).build();

    private static BertEncoder english;
    private static BertEncoder chinese;

    @BeforeAll
    static void loadBundledEncoders() throws Exception {
        english = BertEncoder.loadBundled(BundledEncoders.ENGLISH, OPTIONS);
        chinese = BertEncoder.loadBundled(BundledEncoders.CHINESE, OPTIONS);
    }

    @AfterAll
    static void close() {
        english.close();
        chinese.close();
    }

    @Test
    void sentenceVectorIsTheOnnxSessionsOwnClsRowNormalised() throws Exception {
        for (final BertEncoder encoder : List.of(english, chinese)) {
            final String text = encoder == english ? "The film is a quiet, moving portrait of a family." : "酒店的服务很好，房间也很干净。";
            final float[][] tokenStates = sessionHiddenStates(encoder.directory(), text);
            final float[] expected = tokenStates[0].clone();
            Pooling.normalize(expected);

            final float[] actual = encoder.embed(text);

            assertEquals(encoder.dimension(), actual.length);
            assertTrue(cosine(expected, actual) >= SAME_VECTOR, encoder.name() + ": cosine " + cosine(expected, actual));
            assertEquals(1.0, norm(actual), 1e-5);
        }
    }

    @Test
    void meanPoolingOfAnAdminsDirectoryIsTheMeanOfTheSessionsTokenStates(@TempDir final Path directory) throws Exception {
        final EncoderDescriptor bundled = BundledEncoders.descriptor(BundledEncoders.ENGLISH);
        copyFiles(english.directory(), directory);
        new EncoderDescriptor("my-mean-bge", null, Pooling.MEAN, false, 128, 384, null, bundled.files()).write(directory);
        final String text = "A paraphrase is the same meaning in other words.";
        final float[][] tokenStates = sessionHiddenStates(directory, text);
        final float[] expected = new float[384];
        for (final float[] token : tokenStates) {
            for (int d = 0; d < expected.length; d++) {
                expected[d] += token[d] / tokenStates.length;
            }
        }

        try (BertEncoder mean = BertEncoder.load(directory, OPTIONS)) {
            final float[] actual = mean.embed(text);
            assertTrue(cosine(expected, actual) >= SAME_VECTOR, "cosine " + cosine(expected, actual));
            assertEquals(norm(expected), norm(actual), 1e-3 * norm(expected), "not normalised, as its descriptor says");
            assertNotEquals(english.fingerprint(), mean.fingerprint());
            assertEquals("my-mean-bge", mean.name());
        }
    }

    @Test
    void aParaphraseLiesCloserThanAnUnrelatedText() {
        final float[] film = english.embed("The movie was wonderful and I enjoyed every minute of it.");
        final float[] paraphrase = english.embed("I loved this film; it was great from start to finish.");
        final float[] unrelated = english.embed("The invoice must be paid by bank transfer before March.");
        assertTrue(cosine(film, paraphrase) > cosine(film, unrelated),
                "paraphrase " + cosine(film, paraphrase) + ", unrelated " + cosine(film, unrelated));

        final float[] hotel = chinese.embed("这家酒店的房间很干净，服务也很周到。");
        final float[] hotelParaphrase = chinese.embed("酒店客房整洁，服务员态度非常好。");
        final float[] hotelUnrelated = chinese.embed("明天的股票市场可能会下跌。");
        assertTrue(cosine(hotel, hotelParaphrase) > cosine(hotel, hotelUnrelated),
                "paraphrase " + cosine(hotel, hotelParaphrase) + ", unrelated " + cosine(hotel, hotelUnrelated));
    }

    private static final List<String> MIXED_LENGTHS = List.of("short", "a somewhat longer sentence about the weather today",
            "", "the third one", "An entirely different, much longer text that pads every other text of its batch a lot.",
            "fine", "short");

    @Test
    void aListGivesExactlyTheVectorsOfOneTextAtATime() {
        final Embeddings listed = english.embed(MIXED_LENGTHS);
        assertEquals(MIXED_LENGTHS.size(), listed.vectors().length);
        for (int i = 0; i < MIXED_LENGTHS.size(); i++) {
            assertArrayEquals(english.embed(MIXED_LENGTHS.get(i)), listed.vectors()[i], "text " + i);
        }
        assertEquals(0, listed.truncatedTexts());
    }

    @Test
    void anEncoderWithAVectorMemoRunsEachDistinctTextOnceAndGivesTheSameVectors() throws Exception {
        final EncoderOptions remembering = EncoderOptions.builder().optIntraOpThreads(1).optParallelRuns(2)
                .optVectorMemo(VectorMemo.unbounded()).build();
        try (BertEncoder memoised = BertEncoder.loadBundled(BundledEncoders.ENGLISH, remembering)) {
            final Embeddings first = memoised.embed(List.of("a cat", "a dog", "a cat"));
            final Embeddings again = memoised.embed(List.of("a dog", "a bird", "a cat"));

            assertEquals(4, memoised.textsEmbedded(), "3 texts, then only the new one");
            assertArrayEquals(english.embed("a cat"), first.vectors()[0]);
            assertArrayEquals(english.embed("a cat"), first.vectors()[2]);
            assertArrayEquals(english.embed("a bird"), again.vectors()[1]);
            assertSame(first.vectors()[1], again.vectors()[0], "the remembered vector itself");
        }
    }

    @Test
    void paddedBatchesStayCloseToOneTextAtATime() throws Exception {
        try (BertEncoder batched = BertEncoder.loadBundled(BundledEncoders.ENGLISH, EncoderOptions.builder().optBatchSize(4)
                .optIntraOpThreads(1).optParallelRuns(2).build())) {
            final List<int[]> progress = new ArrayList<>();
            final Embeddings embeddings = batched.embed(MIXED_LENGTHS, (done, total) -> progress.add(new int[] {done, total}));
            for (int i = 0; i < MIXED_LENGTHS.size(); i++) {
                final float[] alone = english.embed(MIXED_LENGTHS.get(i));
                assertTrue(cosine(alone, embeddings.vectors()[i]) >= SAME_VECTOR_IN_A_QUANTISED_BATCH,
                        "text " + i + ": cosine " + cosine(alone, embeddings.vectors()[i]));
            }
            assertArrayEquals(embeddings.vectors()[0], embeddings.vectors()[6], "the same text in the same batch");
            assertEquals(List.of(4, 7), progress.stream().map(p -> p[0]).toList(), "two runs of at most 4 texts");
            assertEquals(Set.of(7), progress.stream().map(p -> p[1]).collect(Collectors.toSet()));
        }
    }

    @Test
    void aListenerThatThrowsStopsTheCallAndTheEncoderStaysUsable() {
        final List<Integer> heard = new ArrayList<>();
        final IllegalStateException stop = assertThrows(IllegalStateException.class, () -> english.embed(MIXED_LENGTHS, (done, total) -> {
            heard.add(done);
            throw new IllegalStateException("time budget spent");
        }));

        assertEquals("time budget spent", stop.getMessage());
        assertEquals(List.of(1), heard, "stopped after the first run");
        assertEquals(0, english.embed(List.of()).vectors().length);
        assertEquals(english.dimension(), english.embed("still works").length);
    }

    @Test
    void closingRightAfterAStoppedCallFreesTheGraphOnlyOnceItsRunsHaveFinished() throws Exception {
        // Before the fix, started runs went on after the call threw and close() freed the graph under them: a native crash.
        final List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            texts.add("text number " + i + " of a call that is stopped after its first run, then closed at once");
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            final BertEncoder encoder = BertEncoder.loadBundled(BundledEncoders.ENGLISH, OPTIONS);
            assertThrows(IllegalStateException.class, () -> encoder.embed(texts, (done, total) -> {
                throw new IllegalStateException("stop");
            }));
            encoder.close();
        }
        assertEquals(1.0, norm(english.embed("still alive")), 1e-5);
    }

    @Test
    void aTextLongerThanTheMaximumIsTruncatedAndCounted() {
        final String longText = String.join(" ", Collections.nCopies(600, "word"));
        final long truncatedBefore = english.textsTruncated();

        final Embeddings embeddings = english.embed(List.of("a short text", longText));

        assertEquals(1, embeddings.truncatedTexts(), "the 600-word text only");
        assertEquals(english.textsTruncated(), truncatedBefore + 1);
        assertEquals(512 + "a short text".split(" ").length + 2, embeddings.tokens(), "512 tokens of the long text, 5 of the short");
        assertEquals(1.0, norm(embeddings.vectors()[1]), 1e-5);
    }

    @Test
    void aCorruptedModelFileFailsNamingTheFileAndTheCheck(@TempDir final Path directory) throws Exception {
        copyBundledDescriptorAndTokenizer(directory);
        Files.write(directory.resolve(EncoderDescriptor.MODEL_FILE), new byte[] {8, 1, 18, 4});

        final EncoderException failure = assertThrows(EncoderException.class, () -> BertEncoder.load(directory, OPTIONS));

        assertTrue(failure.getMessage().contains("corrupt: model.onnx has SHA-256"), failure.getMessage());
        assertTrue(failure.getMessage().contains(directory.toString()), failure.getMessage());
    }

    @Test
    void aMissingFileFailsNamingIt(@TempDir final Path directory) throws Exception {
        copyBundledDescriptorAndTokenizer(directory);

        final EncoderException failure = assertThrows(EncoderException.class, () -> BertEncoder.load(directory, OPTIONS));

        assertTrue(failure.getMessage().contains("incomplete: model.onnx is missing"), failure.getMessage());
    }

    @Test
    void aMissingDescriptorFailsNamingIt(@TempDir final Path directory) throws Exception {
        copyFiles(english.directory(), directory);
        Files.delete(directory.resolve(EncoderDescriptor.FILE_NAME));

        final EncoderException failure = assertThrows(EncoderException.class, () -> BertEncoder.load(directory, OPTIONS));

        assertTrue(failure.getMessage().contains("incomplete: encoder.json is missing"), failure.getMessage());
    }

    @Test
    void aDescriptorWithTheWrongHiddenSizeFailsAtLoad(@TempDir final Path directory) throws Exception {
        copyFiles(english.directory(), directory);
        Files.delete(directory.resolve(EncoderDescriptor.FILE_NAME));
        new EncoderDescriptor("wrong", null, Pooling.CLS, true, 512, 512, null,
                BundledEncoders.descriptor(BundledEncoders.ENGLISH).files()).write(directory);

        final EncoderException failure = assertThrows(EncoderException.class, () -> BertEncoder.load(directory, OPTIONS));

        assertTrue(failure.getMessage().contains("does not match its encoder.json"), failure.getMessage());
        assertTrue(failure.getMessage().contains("hiddenSize 512"), failure.getMessage());
    }

    @Test
    void aDescriptorWithoutChecksumsOrPoolingIsRejected(@TempDir final Path directory) throws Exception {
        Files.writeString(directory.resolve(EncoderDescriptor.FILE_NAME), "{\"maxLength\": 128, \"hiddenSize\": 384, \"pooling\": \"cls\"}");
        final EncoderException noFiles = assertThrows(EncoderException.class, () -> EncoderFiles.verify(directory));
        assertTrue(noFiles.getMessage().contains("does not list model.onnx"), noFiles.getMessage());

        Files.writeString(directory.resolve(EncoderDescriptor.FILE_NAME), "{\"maxLength\": 128, \"hiddenSize\": 384, \"poolng\": \"CLS\"}");
        final EncoderException typo = assertThrows(EncoderException.class, () -> EncoderFiles.verify(directory));
        assertTrue(typo.getMessage().contains("poolng"), typo.getMessage());
    }

    @Test
    void theFingerprintIsPinnedAndIndependentOfTheFilesOrder() throws Exception {
        // Trained models record it: a change of its canonical form would orphan every one of them.
        assertEquals("0f76df6ea2dbcc15b5a6b50d1a85eebfd4ea0924062832a1ea11c1cf14ec4539", english.fingerprint());
        assertEquals("2f462a1cf74a762c3152163e6fb5e822ca80f8cdebcd53b18203abb41507dd1f", chinese.fingerprint());
        final EncoderDescriptor bundled = BundledEncoders.descriptor(BundledEncoders.ENGLISH);
        final Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put(EncoderDescriptor.TOKENIZER_FILE, bundled.files().get(EncoderDescriptor.TOKENIZER_FILE));
        reversed.put(EncoderDescriptor.MODEL_FILE, bundled.files().get(EncoderDescriptor.MODEL_FILE));
        assertEquals(bundled.fingerprint(), new EncoderDescriptor("renamed", "other words", Pooling.CLS, true, 512, 384, null, reversed)
                .fingerprint(), "name and description do not count");
        assertTrue(english.directory().getFileName().toString().endsWith("-0f76df6ea2db"), english.directory().toString());
    }

    @Test
    void severalThreadsShareOneEncoderAndGetTheSameVectors() throws Exception {
        final List<String> texts = List.of("the first text", "a second, somewhat longer text", "third", "and a fourth one here",
                "five", "the sixth text of the list");
        final float[][] expected = english.embed(texts).vectors();
        final ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            final List<Future<float[][]>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                results.add(threads.submit(() -> english.embed(texts).vectors()));
            }
            for (final Future<float[][]> result : results) {
                final float[][] actual = result.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(expected[i], actual[i], "text " + i);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void onnxRuntimesNativesComeFromAFixedFolderInTheCache() {
        final Path folder = Path.of(System.getProperty(OnnxRuntimeNatives.NATIVE_PATH_PROPERTY));
        assertTrue(folder.startsWith(OPTIONS.cacheDirectory()), folder + " under " + OPTIONS.cacheDirectory());
        assertTrue(Files.isRegularFile(folder.resolve(System.mapLibraryName("onnxruntime"))), folder.toString());
        assertTrue(Files.isRegularFile(folder.resolve(System.mapLibraryName("onnxruntime4j_jni"))), folder.toString());
        assertTrue(english.directory().startsWith(OPTIONS.cacheDirectory().resolve("encoders")), english.directory().toString());
        assertEquals("CPUExecutionProvider", english.executionProvider());
        assertTrue(english.engine().startsWith("OnnxRuntime 1.21.1"), english.engine());
    }

    @Test
    void theFeaturizerEmbedsEachDistinctTextOnceAndSkipsBlankOnes() {
        final EncoderFeaturizer featurizer = new EncoderFeaturizer(english);
        final long before = english.textsEmbedded();

        final List<float[]> inputs = featurizer.featurizeAll(List.of("good film", "  ", "bad film", "good film"), EmbeddingListener.NONE);

        assertEquals(2, english.textsEmbedded() - before, "two distinct non-blank texts");
        assertTrue(featurizer.usable(inputs.get(0)));
        assertTrue(!featurizer.usable(inputs.get(1)));
        assertArrayEquals(inputs.get(0), inputs.get(3));
        assertArrayEquals(featurizer.featurize("bad film"), inputs.get(2));
        assertTrue(!featurizer.usable(featurizer.featurize("")));
    }

    /** The graph's own output for one text: ids from the tokenizer, the session run directly, last_hidden_state[0]. */
    private static float[][] sessionHiddenStates(final Path directory, final String text) throws Exception {
        final OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(directory.resolve(EncoderDescriptor.TOKENIZER_FILE));
             OrtSession session = environment.createSession(directory.resolve(EncoderDescriptor.MODEL_FILE).toString())) {
            final Encoding encoding = tokenizer.encode(text);
            final Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                inputs.put(EncoderGraph.INPUT_IDS, OnnxTensor.createTensor(environment, new long[][] {encoding.getIds()}));
                inputs.put(EncoderGraph.ATTENTION_MASK, OnnxTensor.createTensor(environment, new long[][] {encoding.getAttentionMask()}));
                if (session.getInputNames().contains(EncoderGraph.TOKEN_TYPE_IDS)) {
                    inputs.put(EncoderGraph.TOKEN_TYPE_IDS, OnnxTensor.createTensor(environment, new long[][] {encoding.getTypeIds()}));
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    return ((float[][][]) result.get("last_hidden_state").orElseThrow().getValue())[0];
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    private static void copyBundledDescriptorAndTokenizer(final Path directory) throws Exception {
        for (final String file : List.of(EncoderDescriptor.FILE_NAME, EncoderDescriptor.TOKENIZER_FILE)) {
            Files.copy(english.directory().resolve(file), directory.resolve(file));
        }
    }

    private static void copyFiles(final Path from, final Path to) throws Exception {
        try (var files = Files.list(from)) {
            for (final Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    static double cosine(final float[] a, final float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }

    static double norm(final float[] vector) {
        double sum = 0;
        for (final float v : vector) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }
}
