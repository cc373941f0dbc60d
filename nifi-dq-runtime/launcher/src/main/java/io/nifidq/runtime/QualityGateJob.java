package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The main job, {@code ./dq run}: assembles (or reuses) a local NiFi 2.3.0, starts it from a clean state with the
 * freshly built nifi-dq NAR, imports the example flows "quality gate", "clean and profile" and "train and serve", runs
 * them on the sample data that ships with the project (the classifier trains on the records the clean flow kept and
 * AugmentText rebalanced), and prints what happened and where to look. NiFi keeps running afterwards;
 * {@code ./dq stop} stops it.
 */
public final class QualityGateJob {

    /** The sample data that ships with the project, relative to the flows folder. */
    public static final String SAMPLE = "data/support-messages.csv";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration FLOW_TIMEOUT = Duration.ofMinutes(2);
    private static final List<String> DIMENSIONS = List.of("completeness", "validity", "consistency", "uniqueness", "balance", "noise");

    private final Options options;
    private final PrintStream out;

    public QualityGateJob(final Options options, final PrintStream out) {
        this.options = options;
        this.out = out;
    }

    static NiFiAssembly.Prepared assemble(final Options options, final PrintStream out) throws IOException {
        final NiFiAssembly.Prepared prepared = new NiFiAssembly(NiFiAssembly.defaultCacheRoot()).prepare(options.inputs().resolve("lib"));
        out.printf("NiFi %s %s in %.1f s: %s%n", NiFiAssembly.NIFI_VERSION, prepared.reused() ? "reused from the cache" : "assembled",
                prepared.took().toMillis() / 1000.0, prepared.libDirectory().getParent());
        return prepared;
    }

    static NiFiInstance instance(final Options options, final Path lib) {
        return new NiFiInstance(options.home(), lib, options.port(), options.heap());
    }

    public void run() throws Exception {
        final NiFiAssembly.Prepared assembly = assemble(options, out);
        final NiFiInstance nifi = instance(options, assembly.libDirectory());
        if (nifi.stop(Duration.ofSeconds(60))) {
            out.println("Stopped the NiFi that an earlier ./dq run left running.");
        }
        nifi.resetState();
        nifi.installExtensions(extensionNars(options));
        final Duration startup = nifi.start(START_TIMEOUT);
        out.printf("NiFi started in %.1f s on %s (process %d, heap %s, home %s)%n", startup.toMillis() / 1000.0, nifi.uiUri(),
                nifi.runningProcess().map(ProcessHandle::pid).orElse(-1L), options.heap(), nifi.home());

        final NiFiRestClient client = new NiFiRestClient(nifi.apiUri());
        QualityGateFlow.await(Duration.ofSeconds(90), "the nifi-dq NAR to load (" + QualityGateFlow.PROFILE_QUALITY_TYPE + ")",
                () -> client.processorTypeAvailable(QualityGateFlow.PROFILE_QUALITY_TYPE));

        final Path data = nifi.home().resolve("data").resolve("quality-gate");
        NiFiAssembly.deleteRecursively(data);
        final QualityGateFlow flow = QualityGateFlow.importFlow(client, options.flows(), QualityGateFlow.Folders.under(data), null);
        flow.enableServices(Duration.ofSeconds(60));
        flow.awaitValidated(Duration.ofSeconds(60));
        final Map<String, List<String>> invalid = flow.validationErrors();
        invalid.values().removeIf(List::isEmpty);
        if (!invalid.isEmpty()) {
            throw new IllegalStateException("The imported flow is not valid: " + invalid);
        }
        flow.startProcessors();
        out.println("Imported and started the flow '" + QualityGateFlow.GROUP_NAME + "' from " + options.flows().resolve(QualityGateFlow.DEFINITION_FILE));

        final Path sample = options.flows().resolve(SAMPLE);
        final String name = sample.getFileName().toString();
        flow.drop(sample, name);
        out.println("Dropped " + sample + " into " + flow.folders().input());
        final QualityGateFlow.Folders folders = flow.folders();
        QualityGateFlow.await(FLOW_TIMEOUT, "the sample to come out of the flow", () -> Files.exists(folders.profile().resolve(name + ".profile.json"))
                && (Files.exists(folders.passed().resolve(name)) || Files.exists(folders.belowThreshold().resolve(name))));

        final boolean passed = Files.exists(folders.passed().resolve(name));
        final String writer = passed ? QualityGateFlow.WRITE_PASSED : QualityGateFlow.WRITE_BELOW_THRESHOLD;
        final ProvenanceSearch.Event sent = new ProvenanceSearch(client)
                .awaitEvents(flow.processorId(writer), "SEND", 1, Duration.ofSeconds(60)).getLast();
        report(sample, sent, passed, folders);
        out.println();
        final CleanFlow clean = new CleanFlowRun(client, out).run(options.flows(), nifi.home().resolve("data").resolve("clean-and-profile"),
                sample);
        out.println();
        final TrainServeFlow serve = new TrainServeRun(client, out).run(options.flows(), nifi.home().resolve("data").resolve("train-and-serve"),
                clean.folders().augmented().resolve(name), sample);

        final long errors = client.bulletins().stream().filter(b -> "ERROR".equals(b.path("level").asText())).count();
        out.println();
        out.println("== NiFi ==");
        out.println("Open the flows:  " + nifi.uiUri() + "#/process-groups/" + flow.groupId());
        out.println("                 " + nifi.uiUri() + "#/process-groups/" + clean.groupId());
        out.println("                 " + nifi.uiUri() + "#/process-groups/" + serve.groupId());
        out.println("ERROR bulletins: " + errors + "   log: " + nifi.appLog());
        out.println("NiFi keeps running (drop more CSV files into " + folders.input() + " or " + clean.folders().input()
                + "); stop it with: ./dq stop");
    }

    private void report(final Path sample, final ProvenanceSearch.Event sent, final boolean passed, final QualityGateFlow.Folders folders)
            throws IOException {
        final String records = sent.attribute("record.count");
        out.println();
        out.println("== What happened ==");
        out.println("Input            " + sample.getFileName() + ": " + records + " records (record.count)");
        out.println("Quality gate     minimum overall score " + flowParameter(QualityGateFlow.MINIMUM_OVERALL_SCORE)
                + " -> " + (passed ? "PASSED" : "BELOW THRESHOLD"));
        if (sent.attribute("dq.gate.violations") != null) {
            out.println("Violations       " + sent.attribute("dq.gate.violations"));
        }
        out.println("Overall score    " + sent.attribute("dq.score.overall"));
        for (final String dimension : DIMENSIONS) {
            final String score = sent.attribute("dq.score." + dimension);
            out.printf("  %-14s %s%n", dimension, score == null ? "(does not apply)" : score);
        }
        final String findings = sent.attribute("dq.findings");
        out.println("Findings         " + (findings == null || findings.isBlank() ? "none" : findings.replace(",", ", ")) + " (dq.findings)");
        out.println("Records out      passed: " + (passed ? records : "0") + ", below threshold: " + (passed ? "0" : records));
        out.println();
        out.println("== Outputs ==");
        printFolder("passed", folders.passed());
        printFolder("below threshold", folders.belowThreshold());
        printFolder("profile", folders.profile());
        printFolder("failure", folders.failure());
        final Path profile = folders.profile().resolve(sample.getFileName() + ".profile.json");
        final JsonNode scores = NiFiRestClient.json().readTree(profile.toFile()).path("scores");
        if (!scores.isMissingNode()) {
            out.println("Scores in the profile report: " + scores);
        }
    }

    private String flowParameter(final String name) throws IOException {
        return FlowDefinition.read(options.flows().resolve(QualityGateFlow.DEFINITION_FILE)).parameter(name);
    }

    private void printFolder(final String label, final Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            final List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            out.printf("  %-16s %d file(s) in %s %s%n", label, names.size(), folder, names.isEmpty() ? "" : names);
        }
    }

    static List<Path> extensionNars(final Options options) throws IOException {
        final Path extensions = options.inputs().resolve("extensions");
        try (Stream<Path> files = Files.exists(extensions) ? Files.list(extensions) : Stream.empty()) {
            final List<Path> nars = files.filter(p -> p.getFileName().toString().endsWith(".nar")).toList();
            if (nars.isEmpty()) {
                throw new IllegalStateException("No nifi-dq NAR in " + extensions + "; build it first (./dq run does).");
            }
            return nars;
        }
    }
}
