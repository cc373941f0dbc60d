package io.nifidq.ml.encoder;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.nifidq.ml.model.EngineStart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one door to DJL's ONNX Runtime engine, which runs the encoders. The first call:
 * <ul>
 *   <li>turns on {@code ai.djl.offline} unless the JVM set it: nothing is downloaded, and DJL's tokenizer library takes its
 *       CPU build from the tokenizers jar (online, on a machine with CUDA, it would try to download a CUDA build);</li>
 *   <li>turns on {@code ai.djl.onnx.disable_alternative} unless the JVM set it: otherwise every NDManager of the engine
 *       starts PyTorch (libtorch, 430 MB) as an "alternative engine" for operations ONNX Runtime lacks; the encoder only
 *       creates tensors and reads them back;</li>
 *   <li>unpacks ONNX Runtime's natives into a fixed folder ({@link OnnxRuntimeNatives}); the first call's cache folder
 *       wins for the JVM;</li>
 *   <li>switches the thread's context class loader to this class's loader (inside NiFi the NAR's) while DJL looks the
 *       engine up, as {@link io.nifidq.ml.model.DjlEngine} does for PyTorch.</li>
 * </ul>
 */
public final class OnnxEngine {

    public static final String ENGINE_NAME = "OnnxRuntime";

    private static volatile Engine engine;

    private OnnxEngine() {
    }

    /** The ONNX Runtime engine, started on first use with its natives under {@code cacheDirectory}. */
    public static Engine get(final Path cacheDirectory) throws IOException {
        Engine e = engine;
        if (e == null) {
            synchronized (OnnxEngine.class) {
                e = engine;
                if (e == null) {
                    OnnxRuntimeNatives.prepare(cacheDirectory);
                    e = EngineStart.start(ENGINE_NAME, Map.of("ai.djl.offline", "true", "ai.djl.onnx.disable_alternative", "true"));
                    engine = e;
                }
            }
        }
        return e;
    }

    /**
     * Whether ONNX Runtime on the class path has the CUDA execution provider: true only when an admin put
     * com.microsoft.onnxruntime:onnxruntime_gpu (and CUDA 12 with cuDNN 9) in place of the bundled CPU build.
     */
    public static boolean cudaAvailable(final Path cacheDirectory) throws IOException {
        get(cacheDirectory);
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    /**
     * Why ONNX Runtime cannot run on the given GPU here, or null when it can: its CUDA execution provider is on the class
     * path (onnxruntime_gpu, not the bundled CPU build) and starts, which needs the CUDA 12 and cuDNN 9 libraries. A missing
     * GPU of that index shows only when a session is created.
     */
    public static String cudaProblem(final Path cacheDirectory, final int gpuIndex) throws IOException {
        if (!cudaAvailable(cacheDirectory)) {
            return "ONNX Runtime on this node has no CUDA execution provider (it is the CPU build, "
                    + OrtEnvironment.getAvailableProviders() + ")";
        }
        try (OrtSession.SessionOptions probe = new OrtSession.SessionOptions()) {
            probe.addCUDA(gpuIndex);
            return null;
        } catch (final OrtException | RuntimeException | LinkageError e) {
            return "ONNX Runtime's CUDA execution provider cannot start on GPU " + gpuIndex + ": " + e.getMessage();
        }
    }

    /** "OnnxRuntime 1.21.1 (DJL 0.36.0)", for metadata and reports. */
    public static String describe(final Path cacheDirectory) throws IOException {
        final Engine e = get(cacheDirectory);
        return e.getEngineName() + " " + e.getVersion() + " (DJL " + Engine.getDjlVersion() + ")";
    }
}
