package io.nifidq.ml.bert;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's gradient recording off on this thread while open, then back as it was. The recording is per thread and DJL
 * turns it on for a gradient collector's life, so an update in place of a parameter that needs gradients, or a forward
 * pass that should not keep its graph, must not depend on what other code on the thread left behind (a NiFi task thread
 * runs every processor).
 */
final class NoGradient implements AutoCloseable {

    private final boolean previous;

    NoGradient() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
