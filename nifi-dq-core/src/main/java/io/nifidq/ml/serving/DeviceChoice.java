package io.nifidq.ml.serving;

import ai.djl.Device;
import io.nifidq.ml.encoder.EncoderException;
import io.nifidq.ml.encoder.OnnxEngine;
import io.nifidq.ml.model.DjlEngine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an admin asks a model to run: "auto", "cpu", "gpu" or "gpu:N". Each family's engine resolves it on its own: the
 * n-gram models' PyTorch engine ({@link #forPyTorch}) and the encoders' ONNX Runtime engine ({@link #forOnnxRuntime}).
 */
public record DeviceChoice(Kind kind, int gpuIndex) {

    public enum Kind { AUTO, CPU, GPU }

    public static final Pattern SYNTAX = Pattern.compile("(?i)\\s*(auto|cpu|gpu)(?::(\\d+))?\\s*");

    /** What an admin must do for an encoder on a GPU; nifi-dq bundles ONNX Runtime's CPU build. */
    public static final String ONNX_GPU_SETUP = "replace the onnxruntime jar in the nifi-dq NAR's lib folder with "
            + "com.microsoft.onnxruntime:onnxruntime_gpu of the same version and install the CUDA 12 and cuDNN 9 libraries where "
            + "the dynamic linker finds them (LD_LIBRARY_PATH), then restart NiFi; or set Device to auto or cpu";

    public static DeviceChoice parse(final String text) {
        final Matcher matcher = SYNTAX.matcher(text == null ? "auto" : text);
        if (!matcher.matches() || (matcher.group(2) != null && !matcher.group(1).equalsIgnoreCase("gpu"))) {
            throw new IllegalArgumentException("'" + text + "' is not a device: use auto, cpu, gpu or gpu:<index>");
        }
        final Kind kind = Kind.valueOf(matcher.group(1).toUpperCase(Locale.ROOT));
        return new DeviceChoice(kind, matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2)));
    }

    /** The PyTorch engine's device (starting the engine): auto is the first GPU when the engine reports one. */
    public Device forPyTorch() {
        final int gpus = DjlEngine.get().getGpuCount();
        return switch (kind) {
            case AUTO -> DjlEngine.preferredDevice();
            case CPU -> Device.cpu();
            case GPU -> {
                if (gpuIndex >= gpus) {
                    throw new IllegalArgumentException("GPU " + gpuIndex + " was asked for, but the PyTorch engine reports " + gpus
                            + " GPU(s); nifi-dq bundles the CPU build of libtorch, a CUDA build must be supplied by the admin");
                }
                yield Device.gpu(gpuIndex);
            }
        };
    }

    /**
     * ONNX Runtime's device for an encoder (starting the engine with its natives under the cache folder): auto is the GPU
     * only when ONNX Runtime's CUDA execution provider is there and starts, else the CPU; gpu without it fails and says what
     * the admin must supply.
     */
    public Device forOnnxRuntime(final Path cacheDirectory) throws IOException {
        return switch (kind) {
            case CPU -> Device.cpu();
            case AUTO -> OnnxEngine.cudaProblem(cacheDirectory, gpuIndex) == null ? Device.gpu(gpuIndex) : Device.cpu();
            case GPU -> {
                final String problem = OnnxEngine.cudaProblem(cacheDirectory, gpuIndex);
                if (problem != null) {
                    throw new EncoderException("GPU " + gpuIndex + " was asked for, but " + problem + ". To run encoder models "
                            + "on a GPU, " + ONNX_GPU_SETUP);
                }
                yield Device.gpu(gpuIndex);
            }
        };
    }
}
