package io.nifidq.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real two-node NiFi cluster for one end-to-end test class (see {@link NiFiCluster}): assembled from what Maven
 * gathered, started from fresh homes under target/e2e-nifi/{@code name}, with the nifi-dq NAR on both nodes, and stopped
 * by {@link #close()}, or by a JVM shutdown hook if the test JVM ends early. Node 1 unpacks its NARs where the single-node
 * tests did (they never run at the same time), node 2 into a folder of its own: the nodes start together.
 */
final class LocalCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final NiFiCluster cluster;
    private final StopAtExit stopAtExit;

    private LocalCluster(final NiFiCluster cluster) {
        this.cluster = cluster;
        this.stopAtExit = new StopAtExit("the NiFi cluster", cluster::stop);
    }

    static LocalCluster start(final String name) throws Exception {
        final Path inputs = Path.of(System.getProperty("nifi.inputs.dir", "target/nifi-inputs"));
        final Path e2eRoot = Path.of(System.getProperty("nifi.e2e.home", "target/e2e-nifi"));
        final int port = Integer.parseInt(System.getProperty("nifi.e2e.cluster.port", "18191"));
        final String heap = System.getProperty("nifi.e2e.heap", "1g");

        final NiFiAssembly.Prepared assembly = new NiFiAssembly(NiFiAssembly.defaultCacheRoot()).prepare(inputs.resolve("lib"));
        final Path home = e2eRoot.resolve(name);
        NiFiAssembly.deleteRecursively(home);
        final NiFiCluster cluster = NiFiCluster.onLoopback(home, assembly.libDirectory(), port, heap, 2,
                List.of(e2eRoot.resolve("nar-work"), e2eRoot.resolve("nar-work-node-2")));
        cluster.installExtensions(StopAtExit.nars(inputs.resolve("extensions")));

        final LocalCluster local = new LocalCluster(cluster);
        try {
            cluster.start(START_TIMEOUT);
            for (int n = 1; n <= cluster.size(); n++) {
                final NiFiRestClient client = cluster.client(n);
                ImportedFlow.await(Duration.ofSeconds(90), "the nifi-dq NAR to load on node " + n,
                        () -> client.processorTypeAvailable(QualityGateFlow.PROFILE_QUALITY_TYPE));
            }
        } catch (final Exception | Error e) {
            local.close();
            throw e;
        }
        return local;
    }

    NiFiCluster cluster() {
        return cluster;
    }

    /** A client of node 1, which runs ZooKeeper and is never the node the tests kill. */
    NiFiRestClient client() {
        return cluster.client(1);
    }

    @Override
    public void close() throws IOException {
        stopAtExit.close();
    }
}
