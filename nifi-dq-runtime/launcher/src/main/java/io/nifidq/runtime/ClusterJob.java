package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./dq cluster}: assembles (or reuses) NiFi 2.3.0 and starts a two-node cluster of it on 127.0.0.1 with the
 * freshly built nifi-dq NAR on both nodes (see {@link NiFiCluster}), keeping what an earlier start left in the nodes
 * unless {@code --reset}. On a new cluster, imports the example flow "quality gate" made fit for a cluster (GetFile on the
 * primary node only, its files spread over both nodes round robin) and the example "profile across nodes" (a file's
 * parts profiled on both nodes, merged by MergeProfiles), and runs the sample data through both; then prints
 * both nodes' addresses and roles. {@code ./dq cluster stop} stops it, {@code ./dq cluster status} says how it is.
 */
public final class ClusterJob {

    /** The nodes of the local cluster. */
    public static final int NODES = 2;

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration FLOW_TIMEOUT = Duration.ofMinutes(2);
    /** The sample's 200 records in parts of 50: four partial profiles, spread over both nodes. */
    private static final int SAMPLE_RECORDS_PER_PART = 50;

    private final Options options;
    private final PrintStream out;

    public ClusterJob(final Options options, final PrintStream out) {
        this.options = options;
        this.out = out;
    }

    static NiFiCluster cluster(final Options options, final Path lib) {
        return NiFiCluster.onLoopback(options.home(), lib, options.port(), options.heap(), NODES, null);
    }

    /** Starts the cluster (stopping one left running first), runs the example on a new one, prints where it is. */
    public void start() throws Exception {
        final NiFiCluster cluster = cluster(options, QualityGateJob.assemble(options, out).libDirectory());
        if (cluster.stop(Duration.ofSeconds(60))) {
            out.println("Stopped the cluster that an earlier ./dq cluster left running.");
        }
        final boolean kept = Files.exists(cluster.node(1).home().resolve("conf").resolve("flow.json.gz")) && !options.reset();
        if (!kept) {
            cluster.resetState();
            NiFiAssembly.deleteRecursively(dataFolder());
        }
        cluster.installExtensions(QualityGateJob.extensionNars(options));
        out.printf("Starting %d NiFi nodes (heap %s each) and waiting until they form the cluster...%n", NODES, options.heap());
        final Duration took = cluster.start(START_TIMEOUT);
        for (int n = 1; n <= NODES; n++) {
            final NiFiRestClient node = cluster.client(n);
            QualityGateFlow.await(Duration.ofSeconds(90), "the nifi-dq NAR to load on node " + n,
                    () -> node.processorTypeAvailable(QualityGateFlow.PROFILE_QUALITY_TYPE));
        }
        out.printf("Cluster of %d nodes connected in %.1f s (%s).%n", NODES, took.toMillis() / 1000.0,
                kept ? "kept the flow and state of the earlier start; --reset starts empty" : "a new, empty cluster");
        final NiFiRestClient client = cluster.client(1);
        if (!kept) {
            runQualityGate(cluster, client);
            runProfileAcrossNodes(cluster, client);
        }
        out.println();
        printNodes(cluster);
        out.println("Stop it with ./dq cluster stop; ./dq cluster status says how it is. What runs where: docs/cluster.md.");
    }

    /** The quality gate example on the cluster: the sample is read on the primary node and profiled wherever round robin sends it. */
    private void runQualityGate(final NiFiCluster cluster, final NiFiRestClient client) throws Exception {
        final QualityGateFlow flow = QualityGateFlow.importFlow(client, options.flows(),
                QualityGateFlow.Folders.under(dataFolder().resolve(EarlierWork.QUALITY_GATE)), null, ClusterJob::forCluster);
        flow.start(Duration.ofSeconds(60));
        final Path sample = options.flows().resolve(QualityGateJob.SAMPLE);
        final String name = sample.getFileName().toString();
        flow.drop(sample, name);
        out.println("Imported the example flow '" + QualityGateFlow.GROUP_NAME + "' for a cluster (GetFile on the primary node, round robin"
                + " to ProfileQuality on every node) and dropped " + name + " into " + flow.folders().input());
        final QualityGateFlow.Folders folders = flow.folders();
        QualityGateFlow.await(FLOW_TIMEOUT, "the sample to come out of the flow", () -> Files.exists(folders.profile().resolve(name + ".profile.json"))
                && (Files.exists(folders.passed().resolve(name)) || Files.exists(folders.belowThreshold().resolve(name))));
        final boolean passed = Files.exists(folders.passed().resolve(name));
        final ProvenanceSearch.Event sent = new ProvenanceSearch(client).awaitEventFor(
                flow.processorId(passed ? QualityGateFlow.WRITE_PASSED : QualityGateFlow.WRITE_BELOW_THRESHOLD), "SEND", name, Duration.ofSeconds(60));
        out.println("  " + name + ": " + sent.attribute("record.count") + " records, overall score " + sent.attribute("dq.score.overall")
                + " -> " + (passed ? "passed" : "below threshold") + ", profiled on node " + nodeName(cluster, sent.clusterNode()));
        out.println("  Open it: " + cluster.node(1).uiUri() + "#/process-groups/" + flow.groupId());
    }

    /** The example made for a cluster: the sample split in parts, the parts profiled on both nodes, their profiles merged. */
    private void runProfileAcrossNodes(final NiFiCluster cluster, final NiFiRestClient client) throws Exception {
        final ProfileAcrossNodesFlow flow = ProfileAcrossNodesFlow.importFlow(client, options.flows(),
                ProfileAcrossNodesFlow.Folders.under(dataFolder().resolve("profile-across-nodes")), SAMPLE_RECORDS_PER_PART);
        flow.start(Duration.ofSeconds(60));
        final Path sample = options.flows().resolve(QualityGateJob.SAMPLE);
        final String name = sample.getFileName().toString();
        flow.drop(sample, name);
        out.println("Imported the example flow '" + ProfileAcrossNodesFlow.GROUP_NAME + "' (parts of " + SAMPLE_RECORDS_PER_PART
                + " records profiled on every node, merged by MergeProfiles on one) and dropped " + name + " into " + flow.folders().input());
        final String report = name + ".profile.json";
        flow.awaitOutput(flow.folders().report(), report, FLOW_TIMEOUT);
        final ProvenanceSearch provenance = new ProvenanceSearch(client);
        final ProvenanceSearch.Event sent = provenance.awaitEventFor(flow.processorId(ProfileAcrossNodesFlow.WRITE_REPORTS), "SEND", report,
                Duration.ofSeconds(60));
        final List<String> profiledOn = provenance.events(flow.processorId(ProfileAcrossNodesFlow.PROFILE_PARTS), "FORK").stream()
                .map(event -> "node " + nodeName(cluster, event.clusterNode())).sorted().toList();
        out.println("  " + name + ": " + sent.attribute("dq.profile.partials") + " partial profiles (made on " + String.join(", ", profiledOn)
                + ") merged on node " + nodeName(cluster, sent.clusterNode()) + " into the report of " + sent.attribute("record.count")
                + " records, overall score " + sent.attribute("dq.score.overall") + ": " + flow.folders().report().resolve(report));
    }

    /** The quality gate made fit for a cluster: one node reads the input folder, the files are spread over every node. */
    static FlowDefinition forCluster(final FlowDefinition definition) {
        return definition.withExecutionNode(QualityGateFlow.READ_INPUT, "PRIMARY")
                .withLoadBalance(QualityGateFlow.READ_INPUT, QualityGateFlow.PROFILE_QUALITY, "ROUND_ROBIN");
    }

    public void stop() throws IOException, InterruptedException {
        final NiFiCluster cluster = cluster(options, Path.of("lib-unused"));
        out.println(cluster.stop(Duration.ofSeconds(60)) ? "Stopped the cluster of " + options.home() : "No cluster node running from " + options.home());
    }

    public void status() throws IOException {
        final NiFiCluster cluster = cluster(options, Path.of("lib-unused"));
        final List<String> running = new ArrayList<>();
        for (int n = 1; n <= NODES; n++) {
            final int node = n;
            cluster.node(n).runningProcess().ifPresent(p -> running.add("node " + node + " (process " + p.pid() + ")"));
        }
        if (running.isEmpty()) {
            out.println("No cluster node running from " + options.home());
            return;
        }
        out.println("Running from " + options.home() + ": " + String.join(", ", running));
        printNodes(cluster);
    }

    private void printNodes(final NiFiCluster cluster) {
        final List<JsonNode> reported = cluster.clusterNodes();
        for (int n = 1; n <= NODES; n++) {
            final NiFiInstance node = cluster.node(n);
            final NiFiCluster.NodePorts ports = NiFiCluster.ports(options.port(), n);
            final JsonNode status = reported.stream().filter(r -> r.path("apiPort").asInt() == node.port()).findFirst().orElse(null);
            final List<String> roles = new ArrayList<>();
            if (status != null) {
                status.path("roles").forEach(role -> roles.add(role.asText()));
            }
            out.printf("Node %d  %s  %s%s  (cluster protocol %d, load balancing %d%s; home %s)%n", n, node.uiUri(),
                    status == null ? "not reported" : status.path("status").asText(), roles.isEmpty() ? "" : " " + roles, ports.protocol(),
                    ports.loadBalance(), n == 1 ? ", embedded ZooKeeper " + cluster.zooKeeperPort() : "", node.home());
        }
    }

    private static String nodeName(final NiFiCluster cluster, final String address) {
        if (address == null || !address.contains(":")) {
            return "?";
        }
        return cluster.nodeOnPort(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1))).map(String::valueOf).orElse(address);
    }

    private Path dataFolder() {
        return options.home().resolve("data");
    }
}
