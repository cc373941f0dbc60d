package io.nifidq.runtime;

import java.nio.file.Path;
import java.util.Deque;

/**
 * Settings of the launcher, from command-line flags, else environment variables, else defaults.
 *
 * @param port   NiFi's HTTP port on 127.0.0.1 (--port, NIFI_DQ_PORT; 18080)
 * @param heap   NiFi's maximum heap (--heap, NIFI_DQ_HEAP; 3g, enough for training)
 * @param home   the NiFi home of ./dq run (--home, NIFI_DQ_HOME; ~/.cache/nifi-dq/instance)
 * @param inputs what Maven gathered: lib/ and extensions/ (--inputs; nifi-dq-runtime/launcher/target/nifi-inputs)
 * @param flows  the example flows and their sample data (--flows; docs/flows)
 * @param reset  whether ./dq run starts from an empty instance, forgetting its flow, queued FlowFiles, models and
 *               reports (--reset; by default a run keeps what an earlier run or the user left there)
 */
public record Options(int port, String heap, Path home, Path inputs, Path flows, boolean reset) {

    public static final int DEFAULT_PORT = 18080;
    public static final String DEFAULT_HEAP = "3g";

    /** The cluster's first node listens here; the others on the next ports (see {@link NiFiCluster}). */
    public static final int DEFAULT_CLUSTER_PORT = 18091;
    /** Per node: enough for TrainClassifier's n-gram model beside the model service; two nodes share the machine. */
    public static final String DEFAULT_CLUSTER_HEAP = "2g";

    static Options parse(final Deque<String> args) {
        return parse(args, Integer.parseInt(env("NIFI_DQ_PORT", Integer.toString(DEFAULT_PORT))), env("NIFI_DQ_HEAP", DEFAULT_HEAP),
                Path.of(env("NIFI_DQ_HOME", NiFiAssembly.defaultCacheRoot().resolve("instance").toString())));
    }

    /** The options of ./dq cluster: --port is the first node's HTTP port (18091), --heap each node's (1g), --home the cluster's. */
    static Options parseCluster(final Deque<String> args) {
        return parse(args, Integer.parseInt(env("NIFI_DQ_CLUSTER_PORT", Integer.toString(DEFAULT_CLUSTER_PORT))),
                env("NIFI_DQ_CLUSTER_HEAP", DEFAULT_CLUSTER_HEAP),
                Path.of(env("NIFI_DQ_CLUSTER_HOME", NiFiAssembly.defaultCacheRoot().resolve("cluster").toString())));
    }

    private static Options parse(final Deque<String> args, final int defaultPort, final String defaultHeap, final Path defaultHome) {
        int port = defaultPort;
        String heap = defaultHeap;
        Path home = defaultHome;
        Path inputs = Path.of("nifi-dq-runtime", "launcher", "target", "nifi-inputs");
        Path flows = Path.of("docs", "flows");
        boolean reset = false;
        while (!args.isEmpty()) {
            final String flag = args.pop();
            if (flag.equals("--reset")) {
                reset = true;
                continue;
            }
            if (args.isEmpty()) {
                throw new IllegalStateException("Flag " + flag + " needs a value");
            }
            final String value = args.pop();
            switch (flag) {
                case "--port" -> port = Integer.parseInt(value);
                case "--heap" -> heap = value;
                case "--home" -> home = Path.of(value);
                case "--inputs" -> inputs = Path.of(value);
                case "--flows" -> flows = Path.of(value);
                default -> throw new IllegalStateException("Unknown flag " + flag + " (known: --reset --port --heap --home --inputs --flows)");
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalStateException("Port " + port + " is not a TCP port");
        }
        return new Options(port, heap, home.toAbsolutePath(), inputs.toAbsolutePath(), flows.toAbsolutePath(), reset);
    }

    private static String env(final String name, final String fallback) {
        final String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
