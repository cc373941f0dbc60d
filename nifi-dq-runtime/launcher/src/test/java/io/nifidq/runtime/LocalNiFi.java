package io.nifidq.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real NiFi for one end-to-end test class: assembled from what Maven gathered (system property nifi.inputs.dir),
 * started from a fresh home under target/, with the nifi-dq NAR in extensions/, and stopped by {@link #close()}, by
 * a JVM shutdown hook if the test JVM ends early.
 */
final class LocalNiFi implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final NiFiInstance instance;
    private final StopAtExit stopAtExit;
    private NiFiRestClient client;

    private LocalNiFi(final NiFiInstance instance) {
        this.instance = instance;
        this.stopAtExit = new StopAtExit("NiFi of " + instance.home(), instance::stop);
    }

    /** Starts a NiFi whose home is target/e2e-nifi/{@code name}, emptied first. */
    static LocalNiFi start(final String name) throws Exception {
        final Path inputs = Path.of(System.getProperty("nifi.inputs.dir", "target/nifi-inputs"));
        final Path e2eRoot = Path.of(System.getProperty("nifi.e2e.home", "target/e2e-nifi"));
        final int port = Integer.parseInt(System.getProperty("nifi.e2e.port", "18181"));
        final String heap = System.getProperty("nifi.e2e.heap", "1g");

        final NiFiAssembly.Prepared assembly = new NiFiAssembly(NiFiAssembly.defaultCacheRoot()).prepare(inputs.resolve("lib"));
        final Path home = e2eRoot.resolve(name);
        NiFiAssembly.deleteRecursively(home);
        final NiFiInstance instance = new NiFiInstance(home, assembly.libDirectory(), port, heap, e2eRoot.resolve("nar-work"));
        instance.installExtensions(StopAtExit.nars(inputs.resolve("extensions")));

        final LocalNiFi nifi = new LocalNiFi(instance);
        try {
            nifi.startAndConnect();
        } catch (final Exception | Error e) {
            nifi.close();
            throw e;
        }
        return nifi;
    }

    NiFiRestClient client() {
        return client;
    }

    NiFiInstance instance() {
        return instance;
    }

    /** The example flows and sample data: docs/flows. */
    static Path flowsDirectory() {
        return Path.of(System.getProperty("dq.flows.dir", "../../docs/flows"));
    }

    /** The shared labelled data sets (DQ_DATASETS, else ../shared/datasets beside the checkout). */
    static Path datasets() {
        final List<Path> candidates = new ArrayList<>();
        if (System.getenv("DQ_DATASETS") != null) {
            candidates.add(Path.of(System.getenv("DQ_DATASETS")));
        }
        candidates.add(LocalNiFi.flowsDirectory().resolve("../../../shared/datasets").normalize());
        // Where the workplace keeps them when the checkout is cloned elsewhere (CI's clean clone).
        candidates.add(Path.of("/work/shared/datasets"));
        return candidates.stream().filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new IllegalStateException("The shared data sets are not in " + candidates + "; set DQ_DATASETS"));
    }

    /** Stops NiFi (SIGTERM, NiFi's orderly shutdown) and starts it again from the same home. */
    Duration restart() throws Exception {
        instance.stop(Duration.ofSeconds(60));
        return startAndConnect();
    }

    /** Kills NiFi with SIGKILL (no orderly shutdown) and starts it again from the same home. */
    Duration killAndStart() throws Exception {
        if (!instance.kill()) {
            throw new IllegalStateException("No NiFi was running from " + instance.home() + " to kill");
        }
        return startAndConnect();
    }

    /** Stops NiFi and waits until its process has ended. */
    void stop() throws IOException, InterruptedException {
        instance.stop(Duration.ofSeconds(60));
    }

    Duration startAndConnect() throws Exception {
        final Duration took = instance.start(START_TIMEOUT);
        client = new NiFiRestClient(instance.apiUri());
        QualityGateFlow.await(Duration.ofSeconds(90), "the nifi-dq NAR to load",
                () -> client.processorTypeAvailable(QualityGateFlow.PROFILE_QUALITY_TYPE));
        return took;
    }

    @Override
    public void close() throws IOException {
        stopAtExit.close();
    }
}
