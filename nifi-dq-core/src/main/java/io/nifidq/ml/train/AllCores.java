package io.nifidq.ml.train;

import ai.djl.pytorch.jni.JniUtils;
import io.nifidq.ml.model.DjlEngine;

/**
 * PyTorch's intra-op threads set to the machine's cores while open, then back to what they were: a BERT's matrices gain from
 * every core, where the engine's default of one thread suits the small n-gram networks (see {@link DjlEngine}).
 */
final class AllCores implements AutoCloseable {

    private final int previous;

    AllCores() {
        DjlEngine.get();
        previous = JniUtils.getNumThreads();
        JniUtils.setNumThreads(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void close() {
        JniUtils.setNumThreads(previous);
    }
}
