package io.nifidq.ml.model;

/** Test help: a garbage collection with time for the JDK's cleaner to free the direct buffers it found unreachable. */
public final class GarbageCollection {

    private GarbageCollection() {
    }

    public static void runAndFreeDirectBuffers() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
    }
}
