package io.nifidq.ml.encoder;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * A BERT-family sentence encoder (BERT, RoBERTa, MiniLM, BGE) exported to ONNX, run by DJL's ONNX Runtime engine with its
 * Hugging Face tokenizer: texts in, one {@code float[]} sentence vector per text out, in the texts' order.
 *
 * <p>A call's texts go through the graph in runs of {@link EncoderOptions#batchSize()} texts, at most
 * {@link EncoderOptions#parallelRuns()} runs at once on the encoder's own threads. A run of several texts is padded to
 * its longest (texts are grouped by length first, so little padding is run); texts longer than the descriptor's maximum
 * length are cut to it and counted. The vector is the CLS token's hidden state or the mean of the real tokens'
 * ({@link Pooling}), L2-normalised when the descriptor says so.
 *
 * <p>Why one text per run is the default: the bundled int8 graphs quantise activations dynamically, with one scale per
 * tensor, so in a batch every text (and the padding) moves every other text's vector (400 SST-2 texts at batch 64: mean
 * cosine 0.995, lowest 0.990, against the text alone); one text per run gives each text the same vector whatever it is
 * embedded with. The fp32 bge-small-en-v1.5 graph gives the same vectors batched or not (cosine 1.000000 on the same
 * texts), which shows the padding and masking are right. On a CPU it costs little: on 2 cores, single-text runs two at a
 * time (one intra-op thread each) did SST-2's test split at 173-185 texts/s against 161-164 in batches of 64 with 2
 * intra-op threads, and ChnSentiCorp's longer reviews at 55 against 61 texts/s in batches of 32. Batches are for a GPU,
 * or for an fp32 graph.
 *
 * <p>One instance is shared by every thread (see {@link EncoderGraph}); concurrent callers share its run threads, each call
 * keeping at most {@code parallelRuns} runs queued, so a long training call does not starve a short one. Close it only
 * when no call is running.
 */
public final class BertEncoder implements AutoCloseable {

    private final Path directory;
    private final EncoderDescriptor descriptor;
    private final EncoderOptions options;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession.SessionOptions sessionOptions;
    private final Model model;
    private final EncoderGraph graph;
    private final String engine;
    /** The run threads; null when runs happen on the calling thread (one run at a time). */
    private final ExecutorService runThreads;
    private final AtomicLong textsEmbedded = new AtomicLong();
    private final AtomicLong textsTruncated = new AtomicLong();
    /** How long {@link #close} waits for runs in flight before giving up on freeing the graph. */
    private static final int CLOSE_WAIT_SECONDS = 60;

    private BertEncoder(final Path directory, final EncoderDescriptor descriptor, final EncoderOptions options,
                        final HuggingFaceTokenizer tokenizer, final OrtSession.SessionOptions sessionOptions, final Model model,
                        final EncoderGraph graph, final String engine) {
        this.directory = directory;
        this.descriptor = descriptor;
        this.options = options;
        this.tokenizer = tokenizer;
        this.sessionOptions = sessionOptions;
        this.model = model;
        this.graph = graph;
        this.engine = engine;
        this.runThreads = options.parallelRuns() > 1 ? Executors.newFixedThreadPool(options.parallelRuns(), runThreadFactory(descriptor.name())) : null;
    }

    /** Loads an admin's encoder directory (model.onnx, tokenizer.json, encoder.json), verified against its checksums. */
    public static BertEncoder load(final Path directory, final EncoderOptions options) throws EncoderException {
        return open(directory, EncoderFiles.verify(directory), options);
    }

    /** Loads a bundled encoder by name ({@link BundledEncoders#NAMES}), unpacked into the options' cache folder once. */
    public static BertEncoder loadBundled(final String name, final EncoderOptions options) throws EncoderException {
        final Path directory = BundledEncoders.unpack(name, options.cacheDirectory());
        return open(directory, BundledEncoders.descriptor(name), options);
    }

    private static BertEncoder open(final Path directory, final EncoderDescriptor descriptor, final EncoderOptions options)
            throws EncoderException {
        final Engine onnx;
        try {
            onnx = OnnxEngine.get(options.cacheDirectory());
        } catch (final IOException | RuntimeException e) {
            throw new EncoderException("ONNX Runtime cannot be started for the encoder " + descriptor.name() + ": " + e.getMessage(), e);
        }
        final HuggingFaceTokenizer tokenizer = openTokenizer(directory, descriptor);
        OrtSession.SessionOptions sessionOptions = null;
        Model model = null;
        try {
            sessionOptions = sessionOptions(options);
            model = onnx.newModel(descriptor.name(), options.device());
            model.load(directory, "model", Map.of("sessionOptions", sessionOptions));
            final EncoderGraph graph = new EncoderGraph(directory, descriptor, tokenizer, model);
            return new BertEncoder(directory, descriptor, options, tokenizer, sessionOptions, model, graph,
                    onnx.getEngineName() + " " + onnx.getVersion() + " (DJL " + Engine.getDjlVersion() + ")");
        } catch (final EncoderException e) {
            release(tokenizer, model, sessionOptions);
            throw e;
        } catch (final IOException | MalformedModelException | OrtException | RuntimeException e) {
            release(tokenizer, model, sessionOptions);
            throw new EncoderException("The encoder directory " + directory + " has a " + EncoderDescriptor.MODEL_FILE
                    + " that ONNX Runtime cannot load on " + options.executionProvider() + ": " + messages(e), e);
        }
    }

    private static HuggingFaceTokenizer openTokenizer(final Path directory, final EncoderDescriptor descriptor) throws EncoderException {
        return openTokenizer(directory, descriptor.maxLength());
    }

    /** The tokenizer of an encoder directory: special tokens added, truncated at maxTokens, not padded. */
    public static HuggingFaceTokenizer openTokenizer(final Path directory, final int maxTokens) throws EncoderException {
        final String maxLength = Integer.toString(maxTokens);
        try {
            // Truncation here, padding in EncoderGraph (to the run's longest text, with the mask the pooling needs).
            return HuggingFaceTokenizer.newInstance(directory.resolve(EncoderDescriptor.TOKENIZER_FILE), Map.of(
                    "addSpecialTokens", "true",
                    "truncation", "true",
                    "padding", "false",
                    "maxLength", maxLength,
                    "modelMaxLength", maxLength));
        } catch (final IOException | RuntimeException e) {
            throw new EncoderException("The encoder directory " + directory + " has a " + EncoderDescriptor.TOKENIZER_FILE
                    + " that the Hugging Face tokenizer cannot load: " + messages(e), e);
        }
    }

    private static OrtSession.SessionOptions sessionOptions(final EncoderOptions options) throws OrtException {
        final OrtSession.SessionOptions session = new OrtSession.SessionOptions();
        session.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session.setIntraOpNumThreads(options.intraOpThreads());
        session.setInterOpNumThreads(1);
        session.addConfigEntry("session.intra_op.allow_spinning", options.allowSpinning() ? "1" : "0");
        return session;
    }

    /** The sentence vector of one text. */
    public float[] embed(final CharSequence text) {
        return embed(List.of(text), EmbeddingListener.NONE).vectors()[0];
    }

    /** The sentence vectors of the texts, in their order. */
    public Embeddings embed(final List<? extends CharSequence> texts) {
        return embed(texts, EmbeddingListener.NONE);
    }

    /**
     * The sentence vectors of the texts, in their order. The listener hears each run finish, on the calling thread; an
     * exception it throws stops the call (the runs not started are dropped) and comes out of this method. With a
     * {@link VectorMemo} in the options, texts it holds are not run (nor counted in the truncated texts and tokens).
     */
    public Embeddings embed(final List<? extends CharSequence> texts, final EmbeddingListener listener) {
        final String[] strings = new String[texts.size()];
        for (int i = 0; i < strings.length; i++) {
            final CharSequence text = texts.get(i);
            if (text == null) {
                throw new IllegalArgumentException("Text " + i + " of " + strings.length + " is null");
            }
            strings[i] = text.toString();
        }
        return options.vectorMemo() == VectorMemo.NONE ? embedAll(strings, listener) : embedNew(strings, listener);
    }

    /** The memo's vectors where it has them; the graph runs for the other texts, which the memo then keeps. */
    private Embeddings embedNew(final String[] strings, final EmbeddingListener listener) {
        final VectorMemo memo = options.vectorMemo();
        final float[][] vectors = new float[strings.length][];
        final List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < strings.length; i++) {
            vectors[i] = memo.get(strings[i]);
            if (vectors[i] == null) {
                missing.add(i);
            }
        }
        final String[] fresh = missing.stream().map(i -> strings[i]).toArray(String[]::new);
        final Embeddings computed = embedAll(fresh, listener);
        for (int j = 0; j < fresh.length; j++) {
            vectors[missing.get(j)] = computed.vectors()[j];
            memo.put(fresh[j], computed.vectors()[j]);
        }
        return new Embeddings(vectors, computed.truncatedTexts(), computed.tokens());
    }

    private Embeddings embedAll(final String[] strings, final EmbeddingListener listener) {
        final int[] order = runOrder(strings);
        final int batchSize = options.batchSize();
        final int runs = (order.length + batchSize - 1) / batchSize;
        final float[][] vectors = new float[strings.length][];
        final Deque<Future<EncoderGraph.Batch>> queued = new ArrayDeque<>();
        int truncated = 0;
        long tokens = 0;
        int nextRun = 0;
        try {
            for (int run = 0; run < runs; run++) {
                final EncoderGraph.Batch batch;
                if (runThreads == null) {
                    batch = graph.embed(runTexts(strings, order, run));
                } else {
                    for (; nextRun < runs && queued.size() < options.parallelRuns(); nextRun++) {
                        final String[] runTexts = runTexts(strings, order, nextRun);
                        queued.add(runThreads.submit(() -> graph.embed(runTexts)));
                    }
                    batch = await(queued.poll());
                }
                final int start = run * batchSize;
                for (int i = 0; i < batch.vectors().length; i++) {
                    vectors[order[start + i]] = batch.vectors()[i];
                }
                truncated += batch.truncated();
                tokens += batch.tokens();
                listener.batchEmbedded(Math.min(order.length, start + batchSize), order.length);
            }
        } finally {
            // A stopped call leaves no run of its own behind: runs not started are dropped, started ones finish here, so
            // that closing the encoder right after (a failed training job releases its lease) never frees a graph in use.
            queued.forEach(future -> future.cancel(false));
            queued.forEach(BertEncoder::awaitQuietly);
        }
        textsEmbedded.addAndGet(strings.length);
        textsTruncated.addAndGet(truncated);
        return new Embeddings(vectors, truncated, tokens);
    }

    /** The texts' indices in run order: as given for one text per run, by length for batches (similar lengths pad little). */
    private int[] runOrder(final String[] texts) {
        final IntStream indices = IntStream.range(0, texts.length);
        if (options.batchSize() == 1) {
            return indices.toArray();
        }
        return indices.boxed().sorted(Comparator.comparingInt(i -> texts[i].length())).mapToInt(Integer::intValue).toArray();
    }

    private String[] runTexts(final String[] texts, final int[] order, final int run) {
        final int start = run * options.batchSize();
        final int end = Math.min(order.length, start + options.batchSize());
        final String[] batch = new String[end - start];
        for (int i = start; i < end; i++) {
            batch[i - start] = texts[order[i]];
        }
        return batch;
    }

    private static void awaitQuietly(final Future<EncoderGraph.Batch> run) {
        try {
            run.get();
        } catch (final java.util.concurrent.CancellationException | ExecutionException e) {
            // Dropped or failed: either way no longer running.
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static EncoderGraph.Batch await(final Future<EncoderGraph.Batch> run) {
        try {
            return run.get();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while embedding texts", e);
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Embedding failed: " + e.getCause(), e.getCause());
        }
    }

    public String name() {
        return descriptor.name();
    }

    public EncoderDescriptor descriptor() {
        return descriptor;
    }

    /** See {@link EncoderDescriptor#fingerprint()}: what a model trained on this encoder records. */
    public String fingerprint() {
        return descriptor.fingerprint();
    }

    /** The length of every sentence vector. */
    public int dimension() {
        return descriptor.hiddenSize();
    }

    public Path directory() {
        return directory;
    }

    public EncoderOptions options() {
        return options;
    }

    /** "CPUExecutionProvider" or "CUDAExecutionProvider". */
    public String executionProvider() {
        return options.executionProvider();
    }

    /** "OnnxRuntime 1.21.1 (DJL 0.36.0)". */
    public String engine() {
        return engine;
    }

    /** Texts embedded by this instance since it was loaded (the load's own check not counted). */
    public long textsEmbedded() {
        return textsEmbedded.get();
    }

    /** Texts that were longer than the maximum length and were truncated, since load. */
    public long textsTruncated() {
        return textsTruncated.get();
    }

    /** Waits for runs still on the encoder's threads (another caller's, say) before the native graph is freed. */
    @Override
    public void close() {
        if (runThreads != null) {
            runThreads.shutdown();
            try {
                if (!runThreads.awaitTermination(CLOSE_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The encoder " + name() + " still runs its graph after " + CLOSE_WAIT_SECONDS
                            + " s; it is left open rather than freed under a running graph");
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the encoder " + name() + " finished its runs", e);
            }
        }
        release(tokenizer, model, sessionOptions);
    }

    private static void release(final HuggingFaceTokenizer tokenizer, final Model model, final OrtSession.SessionOptions session) {
        if (model != null) {
            model.close();
        }
        if (session != null) {
            session.close();
        }
        tokenizer.close();
    }

    private static java.util.concurrent.ThreadFactory runThreadFactory(final String encoderName) {
        final AtomicInteger count = new AtomicInteger();
        return runnable -> {
            final Thread thread = new Thread(runnable, "nifi-dq-encoder-" + encoderName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String messages(final Throwable e) {
        final StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" (").append(cause.getMessage()).append(')');
        }
        return text.toString();
    }
}
