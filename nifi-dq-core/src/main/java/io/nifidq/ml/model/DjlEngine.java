package io.nifidq.ml.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one door to DJL's PyTorch engine. The first call switches the thread's context class loader to the
 * loader of this class (inside NiFi: the nifi-dq NAR's), because DJL finds its engine through the
 * context class loader and libtorch can be loaded by only one class loader per JVM. It also turns on
 * {@code ai.djl.offline} unless the JVM set it: the native library comes from the bundled
 * pytorch-native-cpu jar and is unpacked into {@code ENGINE_CACHE_DIR}; nothing is downloaded.
 *
 * <p>PyTorch's intra-op and inter-op thread pools default to one thread each here (unless the JVM sets
 * {@code ai.djl.pytorch.num_threads} / {@code ai.djl.pytorch.num_interop_threads}): the operations of
 * these small networks gain nothing from more, and on a busy node OpenMP's spinning threads made the
 * same training run 8x slower (4.5 s with one thread, 35.7 s with two, measured side by side on two
 * shared cores).
 */
public final class DjlEngine {

    public static final String ENGINE_NAME = "PyTorch";

    /**
     * DJL's PyTorch engine allows one gradient collector at a time in a JVM: trainings running at once (two TrainClassifier
     * tasks, or a TrainClassifier and a benchmark) take turns step by step instead of failing.
     */
    public static final ReentrantLock GRADIENT_COLLECTION = new ReentrantLock(true);

    private static volatile Engine engine;

    private DjlEngine() {
    }

    /** The PyTorch engine, started on first use. */
    public static Engine get() {
        Engine e = engine;
        if (e == null) {
            synchronized (DjlEngine.class) {
                e = engine;
                if (e == null) {
                    e = EngineStart.start(ENGINE_NAME, Map.of("ai.djl.offline", "true", "ai.djl.pytorch.num_threads", "1",
                            "ai.djl.pytorch.num_interop_threads", "1"));
                    engine = e;
                }
            }
        }
        return e;
    }

    /** The first GPU when the engine reports one (a CUDA libtorch supplied by the admin), the CPU otherwise. */
    public static Device preferredDevice() {
        return get().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /**
     * A number as an array of the pass's manager, for arithmetic that a backward pass differentiates. DJL's {@code div(2f)}
     * turns the number into a tensor over a Java buffer and frees that buffer as soon as the operation returns, but PyTorch's
     * autograd keeps the tensor for the backward pass: after a garbage collection the backward read freed memory and the
     * gradients came out NaN or about 1e31 (a fine-tuning diverged in one step). An array of the pass's manager lives until
     * the pass is closed, after its backward.
     */
    public static NDArray constant(final NDManager pass, final float value) {
        return pass.create(value);
    }

    /** "PyTorch 2.7.1", for metadata and reports. */
    public static String describe() {
        return get().getEngineName() + " " + get().getVersion();
    }
}
