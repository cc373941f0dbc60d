package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A NiFi cluster of {@link NiFiInstance}s on one machine, all on 127.0.0.1 over plain HTTP: each node has its own home,
 * HTTP port, cluster protocol port and load-balancing port; the first node runs NiFi's embedded ZooKeeper (standalone),
 * which elects the cluster coordinator and the primary node and holds cluster-scoped state (ZooKeeperStateProvider).
 * Fresh nodes elect their flow as soon as every node has voted (max candidates = the number of nodes).
 *
 * <p>Ports, from the first node's HTTP port B: node n (1-based) listens on B + n - 1 (HTTP), B + 10 + n - 1 (cluster
 * protocol) and B + 20 + n - 1 (load balancing); ZooKeeper on B + 30.
 */
public final class NiFiCluster {

    /** Each node's listening ports. */
    public record NodePorts(int http, int protocol, int loadBalance) {
    }

    private static final String ZOOKEEPER_ROOT = "/nifi-dq";
    private static final int STEADY_POLLS = 3;

    private final List<NiFiInstance> nodes;
    private final int zooKeeperPort;

    private NiFiCluster(final List<NiFiInstance> nodes, final int zooKeeperPort) {
        this.nodes = List.copyOf(nodes);
        this.zooKeeperPort = zooKeeperPort;
    }

    /**
     * A cluster of {@code size} nodes whose homes are {@code home}/node-1, node-2, ...; nothing is started.
     *
     * @param narWorkingDirectories where each node unpacks its NARs (one folder per node: nodes start together); null
     *                              keeps each node's own under its home
     */
    public static NiFiCluster onLoopback(final Path home, final Path libDirectory, final int firstHttpPort, final String heap,
                                         final int size, final List<Path> narWorkingDirectories) {
        if (size < 2 || size > 10) {
            throw new IllegalArgumentException("A local cluster has 2 to 10 nodes, not " + size);
        }
        final int zooKeeperPort = firstHttpPort + 30;
        final String sensitivePropertiesKey;
        try {
            sensitivePropertiesKey = NiFiInstance.sensitivePropertiesKey(home);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot keep the cluster's sensitive properties key in " + home, e);
        }
        final List<NiFiInstance> nodes = new ArrayList<>();
        for (int n = 1; n <= size; n++) {
            final Path nodeHome = home.resolve("node-" + n);
            final NodePorts ports = ports(firstHttpPort, n);
            final Path narWork = narWorkingDirectories == null ? nodeHome.resolve("work").resolve("nar") : narWorkingDirectories.get(n - 1);
            nodes.add(new NiFiInstance(nodeHome, libDirectory, ports.http(), heap, narWork, nodeConfiguration(n, size, ports, zooKeeperPort, sensitivePropertiesKey)));
        }
        return new NiFiCluster(nodes, zooKeeperPort);
    }

    /** The ports of node {@code n} (1-based) of a cluster whose first node's HTTP port is {@code firstHttpPort}. */
    public static NodePorts ports(final int firstHttpPort, final int n) {
        return new NodePorts(firstHttpPort + n - 1, firstHttpPort + 10 + n - 1, firstHttpPort + 20 + n - 1);
    }

    /** What a node changes in the single-node configuration: cluster settings, ZooKeeper, state providers. */
    static ConfOverrides nodeConfiguration(final int n, final int size, final NodePorts ports, final int zooKeeperPort,
                                           final String sensitivePropertiesKey) {
        final boolean runsZooKeeper = n == 1;
        final String connect = "127.0.0.1:" + zooKeeperPort;
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("nifi.ui.banner.text", "nifi-dq cluster node " + n);
        // Every node decrypts the same flow: one key for the whole cluster.
        properties.put("nifi.sensitive.props.key", sensitivePropertiesKey);
        properties.put("nifi.cluster.is.node", "true");
        properties.put("nifi.cluster.protocol.is.secure", "false");
        properties.put("nifi.cluster.node.address", "127.0.0.1");
        properties.put("nifi.cluster.node.protocol.port", Integer.toString(ports.protocol()));
        properties.put("nifi.cluster.node.protocol.max.threads", "20");
        properties.put("nifi.cluster.protocol.heartbeat.interval", "2 sec");
        properties.put("nifi.cluster.protocol.heartbeat.missable.max", "8");
        // Two busy cores: a replicated request may wait for a node in a long garbage collection or a training step.
        properties.put("nifi.cluster.node.connection.timeout", "10 sec");
        properties.put("nifi.cluster.node.read.timeout", "30 sec");
        properties.put("nifi.cluster.flow.election.max.candidates", Integer.toString(size));
        properties.put("nifi.cluster.flow.election.max.wait.time", "1 min");
        properties.put("nifi.cluster.leader.election.implementation", "CuratorLeaderElectionManager");
        properties.put("nifi.cluster.load.balance.host", "127.0.0.1");
        properties.put("nifi.cluster.load.balance.port", Integer.toString(ports.loadBalance()));
        properties.put("nifi.cluster.load.balance.connections.per.node", "2");
        properties.put("nifi.cluster.load.balance.max.thread.count", "4");
        properties.put("nifi.cluster.load.balance.comms.timeout", "30 sec");
        properties.put("nifi.zookeeper.connect.string", connect);
        properties.put("nifi.zookeeper.connect.timeout", "10 secs");
        properties.put("nifi.zookeeper.session.timeout", "10 secs");
        properties.put("nifi.zookeeper.root.node", ZOOKEEPER_ROOT);
        properties.put("nifi.zookeeper.client.secure", "false");
        properties.put("nifi.state.management.provider.cluster", "zk-provider");
        properties.put("nifi.state.management.embedded.zookeeper.start", Boolean.toString(runsZooKeeper));
        properties.put("nifi.state.management.embedded.zookeeper.properties", "./conf/zookeeper.properties");

        final Map<String, String> files = new LinkedHashMap<>();
        files.put("state-management.xml", NiFiInstance.fill(template("cluster-state-management.xml"),
                Map.of("zookeeper.connect", connect, "zookeeper.root", ZOOKEEPER_ROOT + "/components")));
        final Map<String, Integer> extraPorts = new LinkedHashMap<>();
        extraPorts.put("node " + n + "'s cluster protocol port", ports.protocol());
        extraPorts.put("node " + n + "'s load-balancing port", ports.loadBalance());
        if (runsZooKeeper) {
            files.put("zookeeper.properties", NiFiInstance.fill(template("zookeeper.properties"),
                    Map.of("zookeeper.port", Integer.toString(zooKeeperPort))));
            extraPorts.put("the embedded ZooKeeper", zooKeeperPort);
        }
        return new ConfOverrides(properties, files, extraPorts);
    }

    public List<NiFiInstance> nodes() {
        return nodes;
    }

    /** Node {@code n}, 1-based (node 1 runs ZooKeeper). */
    public NiFiInstance node(final int n) {
        return nodes.get(n - 1);
    }

    public int size() {
        return nodes.size();
    }

    public int zooKeeperPort() {
        return zooKeeperPort;
    }

    /** A REST client of node {@code n}; every node answers for the whole cluster (it replicates the request). */
    public NiFiRestClient client(final int n) {
        return new NiFiRestClient(node(n).apiUri());
    }

    /** Puts {@code nars} into every node's extensions/. */
    public void installExtensions(final List<Path> nars) throws IOException {
        for (final NiFiInstance node : nodes) {
            node.installExtensions(nars);
        }
    }

    /** Forgets every node's flow, FlowFiles, provenance and state, the cluster state in ZooKeeper included. */
    public void resetState() throws IOException {
        for (final NiFiInstance node : nodes) {
            node.resetState();
        }
    }

    /**
     * Launches every node, waits until each answers over HTTP and then until every node is CONNECTED; returns how long it
     * took. A node that fails to start stops the others.
     */
    public Duration start(final Duration timeout) throws IOException, InterruptedException {
        final long started = System.nanoTime();
        try {
            for (final NiFiInstance node : nodes) {
                node.launch();
            }
            for (final NiFiInstance node : nodes) {
                node.awaitApi(remaining(started, timeout));
            }
            awaitConnected(size(), remaining(started, timeout));
        } catch (final IOException | InterruptedException | RuntimeException e) {
            stop(Duration.ofSeconds(30));
            throw e;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Starts node {@code n} again (after {@link #kill} or a stop) and waits until every node is CONNECTED. */
    public Duration startNode(final int n, final Duration timeout) throws IOException, InterruptedException {
        final long started = System.nanoTime();
        node(n).launch();
        node(n).awaitApi(timeout);
        awaitConnected(size(), remaining(started, timeout));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Kills node {@code n} with SIGKILL, as a lost machine would go; the others carry on. */
    public boolean kill(final int n) throws IOException, InterruptedException {
        return node(n).kill();
    }

    /** Stops every node that runs, the ZooKeeper node last; true if any ran. */
    public boolean stop(final Duration grace) throws IOException, InterruptedException {
        boolean any = false;
        for (int n = size(); n >= 1; n--) {
            any |= node(n).stop(grace);
        }
        return any;
    }

    /** The nodes as GET controller/cluster lists them, asked of the first node that runs; empty when none answers. */
    public List<JsonNode> clusterNodes() {
        for (final NiFiInstance node : nodes) {
            try {
                if (node.isRunning()) {
                    return new NiFiRestClient(node.apiUri()).clusterNodes();
                }
            } catch (final IOException | UncheckedIOException | NiFiApiException notNow) {
                // Not connected yet, or gone: ask the next one.
            }
        }
        return List.of();
    }

    /** How many nodes the cluster reports CONNECTED. */
    public long connectedCount() {
        return clusterNodes().stream().filter(node -> "CONNECTED".equals(node.path("status").asText())).count();
    }

    /** The node (1-based) that holds a role, "Primary Node" or "Cluster Coordinator", as the cluster reports it. */
    public Optional<Integer> nodeWithRole(final String role) {
        for (final JsonNode reported : clusterNodes()) {
            for (final JsonNode held : reported.path("roles")) {
                if (role.equals(held.asText())) {
                    return nodeOnPort(reported.path("apiPort").asInt());
                }
            }
        }
        return Optional.empty();
    }

    /** The node (1-based) whose HTTP port this is. */
    public Optional<Integer> nodeOnPort(final int httpPort) {
        for (int n = 1; n <= size(); n++) {
            if (node(n).port() == httpPort) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until the coordinator reports {@code expected} nodes CONNECTED and every node sees itself connected to
     * that many, in {@link #STEADY_POLLS} polls a second apart. One look is not enough: right after a kill the coordinator
     * still lists the lost node as CONNECTED until its heartbeats are missed, and a restarted node passes through
     * CONNECTING again after the coordinator first lists it.
     */
    public void awaitConnected(final int expected, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        long connected = 0;
        int steady = 0;
        while (System.nanoTime() < deadline) {
            connected = connectedCount();
            steady = connected == expected && everyNodeSeesConnected(expected) ? steady + 1 : 0;
            if (steady == STEADY_POLLS) {
                return;
            }
            for (final NiFiInstance node : nodes) {
                requireAlive(node);
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("The cluster reports " + connected + " of " + expected + " nodes CONNECTED after "
                + timeout.toSeconds() + " s: " + clusterNodes() + "\nLast lines of " + node(1).appLog() + ":\n" + NiFiInstance.tail(node(1).appLog(), 30));
    }

    private boolean everyNodeSeesConnected(final int expected) {
        for (final NiFiInstance node : nodes) {
            try {
                final JsonNode summary = new NiFiRestClient(node.apiUri()).clusterSummary();
                if (!summary.path("connectedToCluster").asBoolean() || summary.path("connectedNodeCount").asInt() != expected) {
                    return false;
                }
            } catch (final UncheckedIOException | NiFiApiException notYet) {
                return false;
            }
        }
        return true;
    }

    /** Fails if the node died by itself: its pid file is left, its process gone (kill and stop remove the pid file). */
    private static void requireAlive(final NiFiInstance node) {
        try {
            if (Files.exists(node.pidFile()) && !node.isRunning()) {
                throw new IllegalStateException("Node " + node.home() + " died. Last lines of its log:\n" + NiFiInstance.tail(node.appLog(), 40));
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration remaining(final long startedNanos, final Duration timeout) {
        final long left = startedNanos + timeout.toNanos() - System.nanoTime();
        return Duration.ofNanos(Math.max(left, Duration.ofSeconds(1).toNanos()));
    }

    private static String template(final String name) {
        try {
            return NiFiInstance.resource(name);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
