package io.nifidq.ml.serving;

import ai.djl.Device;
import io.nifidq.ml.encoder.EncoderOptions;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a model service's models run, from its settings: one device choice for both families, resolved by each family's
 * engine the first time a version of that family is loaded and then kept (a service that serves only encoder models never
 * starts PyTorch, and the reverse).
 *
 * <p>An encoder runs {@code parallelRuns} runs of its graph at once with one intra-op thread each; one text per run on a
 * CPU (see {@code BertEncoder}: the int8 graphs give each text the same vector whatever it is embedded with, at no cost on
 * a CPU), batches of up to {@value #GPU_BATCH_SIZE} texts on a GPU, where batching is what makes it fast.
 */
public final class ServingPlacement implements ServedModels.Placement {

    /** The most texts in one run of an encoder's graph on a GPU. */
    public static final int GPU_BATCH_SIZE = 64;

    private final DeviceChoice choice;
    private final Path cacheDirectory;
    private final int parallelRuns;
    private final int maxBatchSize;
    private Device pyTorchDevice;
    private EncoderOptions encoderOptions;

    /**
     * @param cacheDirectory where ONNX Runtime's natives and the bundled encoders are unpacked, once
     * @param parallelRuns   runs of an encoder's graph at once (the service's inference threads)
     * @param maxBatchSize   the most texts in one forward pass (caps an encoder's batches on a GPU)
     */
    public ServingPlacement(final DeviceChoice choice, final Path cacheDirectory, final int parallelRuns, final int maxBatchSize) {
        this.choice = choice;
        this.cacheDirectory = cacheDirectory;
        this.parallelRuns = parallelRuns;
        this.maxBatchSize = maxBatchSize;
    }

    @Override
    public synchronized Device pyTorchDevice() {
        if (pyTorchDevice == null) {
            pyTorchDevice = choice.forPyTorch();
        }
        return pyTorchDevice;
    }

    @Override
    public synchronized EncoderOptions encoderOptions() throws IOException {
        if (encoderOptions == null) {
            final Device device = choice.forOnnxRuntime(cacheDirectory);
            encoderOptions = EncoderOptions.builder().optCacheDirectory(cacheDirectory).optDevice(device).optIntraOpThreads(1)
                    .optParallelRuns(parallelRuns).optBatchSize(device.isGpu() ? Math.min(maxBatchSize, GPU_BATCH_SIZE) : 1).build();
        }
        return encoderOptions;
    }
}
