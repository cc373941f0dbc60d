package io.nifidq.benchmarks;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.train.EncoderModelFamily;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.HeadTrainer;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.ModelPublisher;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.ml.train.TrainingJob;
import io.nifidq.ml.train.TrainingSettings;
import io.nifidq.ml.encoder.EncoderSource;
import io.nifidq.ml.encoder.SharedEncoders;
import io.nifidq.processors.classify.ClassifyText;
import io.nifidq.testing.SharedDatasets;
import io.nifidq.service.DjlTextClassifierService;
import org.apache.nifi.util.TestRunner;

import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * BENCHMARKS.md section 4's inference limit: ClassifyText through the model service with a PRETRAINED_ENCODER model (trained
 * here on --train-records of the split) against a bare ONNX Runtime loop over the same texts (tokenise a batch, run the
 * session, take the CLS row: no head, no records), same machine, same run, alternating rounds. The bare loop runs as
 * ENCODERS.md measured it (batch 64, intra-op threads = cores); ClassifyText runs at the service's defaults (one text per
 * graph run, Inference Threads 2 runs side by side). Target: ClassifyText >= 0.8 of the bare loop's texts/s.
 */
final class EncoderInferenceBenchmark {

    static final Set<String> OPTIONS = Set.of("split", "train-records", "rounds", "bare-batch", "threads");

    private final BenchmarkOptions options;

    EncoderInferenceBenchmark(final BenchmarkOptions options) {
        this.options = options;
    }

    String run(final Path outputDir) throws Exception {
        final String split = options.string("split", "sst2/split");
        final int rounds = options.intValue("rounds", 3);
        final int bareBatch = options.intValue("bare-batch", 64);
        final int threads = options.intValue("threads", Runtime.getRuntime().availableProcessors());
        final Path dir = SharedDatasets.file(split + "/train.csv").getParent();
        final TrainBenchmark.Data train = EncoderBenchmark.sample(TrainBenchmark.read(dir.resolve("train.csv"), null),
                options.intValue("train-records", 3000), 7);
        final TrainBenchmark.Data test = TrainBenchmark.read(dir.resolve("test.csv"), train.names());
        final List<String> texts = test.texts().stream().filter(t -> t != null && !t.isBlank()).toList();
        final String encoderName = BundledEncoders.forTexts(train.texts());
        final Path cache = Files.createDirectories(outputDir.resolve("encoder-cache"));
        final Path models = trainModel(train, encoderName, cache, outputDir.resolve("encoder-model"));
        final Path csv = outputDir.resolve("encoder-inference-input.csv");
        writeCsv(csv, texts);
        final byte[] content = Files.readAllBytes(csv);

        final TestRunner classify = ProcessorRunners.classifyText(BenchmarkDataGenerator.Format.CSV, "text", models);
        final DjlTextClassifierService service = (DjlTextClassifierService) classify.getControllerService("classifier");
        classify.disableControllerService(service);
        classify.setProperty(service, DjlTextClassifierService.ENCODER_CACHE_DIRECTORY, cache.toString());
        classify.setProperty(service, DjlTextClassifierService.INFERENCE_THREADS, String.valueOf(threads));
        classify.enableControllerService(service);
        final Path modelFile = BundledEncoders.unpack(encoderName, cache).resolve("model.onnx");
        final double[] bare = new double[rounds];
        final double[] ours = new double[rounds];
        try (BareLoop loop = new BareLoop(modelFile.getParent(), threads, bareBatch)) {
            loop.embed(texts.subList(0, Math.min(200, texts.size())));
            classifyOnce(classify, content, texts.size());
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                loop.embed(texts);
                bare[r] = texts.size() / ((System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                classifyOnce(classify, content, texts.size());
                ours[r] = texts.size() / ((System.nanoTime() - start) / 1e9);
                System.out.printf(Locale.ROOT, "round %d: bare loop %.1f texts/s, ClassifyText %.1f texts/s%n", r + 1, bare[r], ours[r]);
            }
        }
        final double bareBest = max(bare);
        final double oursBest = max(ours);
        final Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, """
                        %s test split, %,d non-blank texts, encoder %s, %d threads; best of %d alternating rounds
                        
                        | contender | texts/s (best) | every round |
                        |---|---|---|
                        | bare ONNX Runtime loop (batch %d, %d intra-op threads, CLS row only) | %.1f | %s |
                        | ClassifyText + DjlTextClassifierService (defaults, Inference Threads %d) | %.1f | %s |
                        
                        Ratio ClassifyText / bare loop: %.2f (target >= 0.8): %s. JVM heap in use after the runs: %,d MB \
                        (the encoder's graph and tokenizer are native memory, outside the heap).
                        """, split, texts.size(), encoderName, threads, rounds, bareBatch, threads, bareBest, list(bare), threads,
                oursBest, list(ours), oursBest / bareBest, oursBest / bareBest >= 0.8 ? "MET" : "NOT MET",
                (runtime.totalMemory() - runtime.freeMemory()) >> 20);
    }

    private static Path trainModel(final TrainBenchmark.Data train, final String encoderName, final Path cache, final Path root)
            throws Exception {
        final TrainingData data = new TrainingData();
        for (int i = 0; i < train.texts().size(); i++) {
            data.add(train.texts().get(i), train.names().get(train.labels()[i]), false, null);
        }
        final EncoderOptions encoderOptions = EncoderOptions.builder().optCacheDirectory(cache).build();
        final EncoderSource source = EncoderSource.bundled(encoderName);
        try (SharedEncoders.Lease lease = SharedEncoders.acquire(source, encoderOptions)) {
            final TrainingSettings settings = TrainingSettings.builder().optLearningRate(HeadTrainer.DEFAULT_LEARNING_RATE).build();
            final var result = new TrainingJob(JobSettings.builder().optTraining(settings).build(),
                    new EncoderModelFamily(lease.encoder(), source, settings, (d, t) -> { })).run(data, EpochListener.NONE);
            ModelPublisher.publish(root, result, data);
            System.out.printf(Locale.ROOT, "trained the encoder model: test macro-F1 %.4f%n", result.evaluation().macroF1());
        }
        return root;
    }

    private static void classifyOnce(final TestRunner runner, final byte[] content, final int expected) {
        runner.clearTransferState();
        runner.enqueue(content);
        runner.run();
        runner.assertTransferCount(ClassifyText.REL_SUCCESS, 1);
        final String count = runner.getFlowFilesForRelationship(ClassifyText.REL_SUCCESS).getFirst().getAttribute("record.count");
        if (Integer.parseInt(count) != expected) {
            throw new IllegalStateException("ClassifyText wrote " + count + " records of " + expected);
        }
    }

    private static void writeCsv(final Path file, final List<String> texts) throws Exception {
        final StringBuilder out = new StringBuilder("text\n");
        for (final String text : texts) {
            out.append('"').append(text.replace("\"", "\"\"")).append("\"\n");
        }
        Files.writeString(file, out);
    }

    private static double max(final double[] values) {
        double m = 0;
        for (final double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static String list(final double[] values) {
        final List<String> out = new ArrayList<>();
        for (final double v : values) {
            out.add(String.format(Locale.ROOT, "%.1f", v));
        }
        return String.join(", ", out);
    }

    /** The bare loop: ONNX Runtime's Java API and the Hugging Face tokenizer, nothing of nifi-dq's. */
    private static final class BareLoop implements AutoCloseable {
        private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final HuggingFaceTokenizer tokenizer;
        private final int batch;

        BareLoop(final Path encoderDirectory, final int threads, final int batch) throws Exception {
            final OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
            sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            sessionOptions.setIntraOpNumThreads(threads);
            this.session = environment.createSession(encoderDirectory.resolve("model.onnx").toString(), sessionOptions);
            this.tokenizer = HuggingFaceTokenizer.newInstance(encoderDirectory.resolve("tokenizer.json"),
                    Map.of("truncation", "true", "padding", "true", "maxLength", "512", "modelMaxLength", "512"));
            this.batch = batch;
        }

        float[][] embed(final List<String> texts) throws Exception {
            final float[][] out = new float[texts.size()][];
            for (int from = 0; from < texts.size(); from += batch) {
                final int to = Math.min(texts.size(), from + batch);
                final Encoding[] encodings = tokenizer.batchEncode(texts.subList(from, to));
                final int length = encodings[0].getIds().length;
                final long[] ids = new long[(to - from) * length];
                final long[] mask = new long[ids.length];
                final long[] types = new long[ids.length];
                for (int i = 0; i < encodings.length; i++) {
                    System.arraycopy(encodings[i].getIds(), 0, ids, i * length, length);
                    System.arraycopy(encodings[i].getAttentionMask(), 0, mask, i * length, length);
                    System.arraycopy(encodings[i].getTypeIds(), 0, types, i * length, length);
                }
                final long[] shape = {to - from, length};
                try (OnnxTensor a = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                     OnnxTensor b = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                     OnnxTensor c = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape);
                     OrtSession.Result result = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
                    final float[][][] hidden = (float[][][]) result.get(0).getValue();
                    for (int i = 0; i < hidden.length; i++) {
                        out[from + i] = hidden[i][0];
                    }
                }
            }
            return out;
        }

        @Override
        public void close() throws Exception {
            session.close();
            tokenizer.close();
        }
    }
}
