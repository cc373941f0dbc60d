package io.nifidq.ml.encoder;

import ai.djl.Device;
import ai.djl.util.Utils;

import java.nio.file.Path;

/**
 * How an encoder runs: where natives and bundled encoders are unpacked, threads, batch size, device.
 *
 * @param cacheDirectory where ONNX Runtime's natives and the bundled encoders are unpacked once (default DJL's engine
 *                       cache, {@code ENGINE_CACHE_DIR}, where libtorch and the tokenizer library go too)
 * @param intraOpThreads ONNX Runtime's threads inside one run of the graph (default 1: runs side by side use the cores better)
 * @param parallelRuns   runs of the graph at once, on the encoder's own threads, for all callers together (default: the
 *                       available processors; 1 runs on the calling thread)
 * @param batchSize      texts per run of the graph (default 1: each text's vector independent of the others, see
 *                       {@link BertEncoder}); a run of several is padded to its longest text. 32 to 64 on a GPU
 * @param device         CPU, or a GPU through ONNX Runtime's CUDA execution provider (needs onnxruntime_gpu and CUDA)
 * @param allowSpinning  whether ONNX Runtime's idle threads spin; off by default so a shared NiFi node's cores are not
 *                       burnt between batches
 * @param vectorMemo     vectors already computed, by text ({@link VectorMemo#NONE} by default: NiFi's jobs use none)
 */
public record EncoderOptions(Path cacheDirectory, int intraOpThreads, int parallelRuns, int batchSize, Device device,
                             boolean allowSpinning, VectorMemo vectorMemo) {


    /**
     * The cache folder nifi-dq's components use inside NiFi unless told otherwise, relative to NiFi's working directory: one
     * fixed folder per node, so TrainClassifier and the model service unpack ONNX Runtime's natives and the bundled encoders
     * once and share them.
     */
    public static final String NIFI_CACHE_DIRECTORY = "./work/nifi-dq";

    public EncoderOptions {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be positive, not " + intraOpThreads);
        }
        if (parallelRuns < 1) {
            throw new IllegalArgumentException("parallelRuns must be positive, not " + parallelRuns);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, not " + batchSize);
        }
    }

    public static EncoderOptions defaults() {
        return builder().build();
    }

    /**
     * What a processor embeds with inside NiFi: the defaults (CPU, the node's cores), unpacking into {@link #NIFI_CACHE_DIRECTORY}
     * resolved against NiFi's working directory, the model service's default folder too.
     */
    public static EncoderOptions inNiFi() {
        return builder().optCacheDirectory(Path.of(NIFI_CACHE_DIRECTORY).toAbsolutePath().normalize()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name ONNX Runtime gives the execution provider this device uses. */
    public String executionProvider() {
        return device.isGpu() ? "CUDAExecutionProvider" : "CPUExecutionProvider";
    }

    public static final class Builder {
        private Path cacheDirectory;
        private int intraOpThreads = 1;
        private int parallelRuns = Runtime.getRuntime().availableProcessors();
        private int batchSize = 1;
        private Device device = Device.cpu();
        private boolean allowSpinning;
        private VectorMemo vectorMemo = VectorMemo.NONE;

        private Builder() {
        }

        public Builder optCacheDirectory(final Path directory) {
            this.cacheDirectory = directory;
            return this;
        }

        public Builder optIntraOpThreads(final int threads) {
            this.intraOpThreads = threads;
            return this;
        }

        public Builder optParallelRuns(final int runs) {
            this.parallelRuns = runs;
            return this;
        }

        public Builder optBatchSize(final int size) {
            this.batchSize = size;
            return this;
        }

        public Builder optDevice(final Device onDevice) {
            this.device = onDevice;
            return this;
        }

        public Builder optAllowSpinning(final boolean allow) {
            this.allowSpinning = allow;
            return this;
        }

        public Builder optVectorMemo(final VectorMemo memo) {
            this.vectorMemo = memo;
            return this;
        }

        public EncoderOptions build() {
            return new EncoderOptions(cacheDirectory == null ? Utils.getEngineCacheDir() : cacheDirectory, intraOpThreads, parallelRuns, batchSize,
                    device == null ? Device.cpu() : device, allowSpinning, vectorMemo == null ? VectorMemo.NONE : vectorMemo);
        }
    }
}
