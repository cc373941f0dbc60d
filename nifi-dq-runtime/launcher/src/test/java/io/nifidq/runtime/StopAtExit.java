package io.nifidq.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an end-to-end test started (a NiFi, a cluster), stopped by {@link #close()} when the test is done, or by a JVM
 * shutdown hook if the test JVM ends early, so that no NiFi outlives the build.
 */
final class StopAtExit implements AutoCloseable {

    /** Stops what runs, waiting up to {@code grace}; NiFiInstance::stop and NiFiCluster::stop. */
    @FunctionalInterface
    interface Stopper {
        boolean stop(Duration grace) throws IOException, InterruptedException;
    }

    private final String what;
    private final Stopper stopper;
    private final Thread hook;

    StopAtExit(final String what, final Stopper stopper) {
        this.what = what;
        this.stopper = stopper;
        this.hook = new Thread(this::stopQuietly, "stop " + what);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() throws IOException {
        try {
            stopper.stop(Duration.ofSeconds(60));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping " + what, e);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (final IllegalStateException shuttingDown) {
            // The hook is running or about to; it stops nothing that is not running.
        }
    }

    private void stopQuietly() {
        try {
            stopper.stop(Duration.ofSeconds(20));
        } catch (final Exception e) {
            System.err.println("Could not stop " + what + ": " + e);
        }
    }

    /** The NARs Maven gathered into {@code extensions} for the tests' NiFi. */
    static List<Path> nars(final Path extensions) throws IOException {
        try (Stream<Path> files = Files.list(extensions)) {
            final List<Path> nars = files.filter(p -> p.getFileName().toString().endsWith(".nar")).toList();
            if (nars.isEmpty()) {
                throw new IllegalStateException("No nifi-dq NAR in " + extensions);
            }
            return nars;
        }
    }
}
