package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The main job, {@code ./dq run}: assembles (or reuses) a local NiFi 2.3.0, starts it with the freshly built nifi-dq
 * NAR (keeping what an earlier run or the user left in the instance, unless {@code --reset}), imports the example flows
 * (or reuses the kept ones) "quality gate", "clean and profile" and "train and serve", runs
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
        final Started started = startInstance();
        final NiFiRestClient client = started.client();
        final Path sample = options.flows().resolve(SAMPLE);
        // A kept instance already holds outputs named after the sample: this run's files get a name of their own.
        final String name = started.keep() ? runName(sample) : sample.getFileName().toString();
        final QualityGateFlow gate = runQualityGate(started, sample, name);
        out.println();
        final CleanFlow clean = new CleanFlowRun(client, out, started.keep())
                .run(options.flows(), started.dataRoot().resolve(EarlierWork.CLEAN_AND_PROFILE), sample, name);
        out.println();
        final TrainServeFlow serve = new TrainServeRun(client, out, started.keep())
                .run(options.flows(), started.dataRoot().resolve(EarlierWork.TRAIN_AND_SERVE), clean.folders().augmented().resolve(name), sample, name);

        final NiFiInstance nifi = started.nifi();
        final long errors = client.bulletins().stream().filter(b -> "ERROR".equals(b.path("level").asText())).count();
        out.println();
        out.println("== NiFi ==");
        out.println("Open the flows:  " + nifi.uiUri() + "#/process-groups/" + gate.groupId());
        out.println("                 " + nifi.uiUri() + "#/process-groups/" + clean.groupId());
        out.println("                 " + nifi.uiUri() + "#/process-groups/" + serve.groupId());
        out.println("ERROR bulletins: " + errors + "   log: " + nifi.appLog());
        out.println("NiFi keeps running (drop more CSV files into " + gate.folders().input() + " or " + clean.folders().input()
                + "); stop it with ./dq stop, start it again with ./dq start. The next ./dq run keeps this work; ./dq run --reset"
                + " starts from scratch.");
    }

    /** A started NiFi, whether it kept the earlier work, and where the example flows keep their folders. */
    private record Started(NiFiInstance nifi, NiFiRestClient client, boolean keep, Path dataRoot) {
    }

    /** Stops a NiFi left running, keeps or resets the instance (see {@link EarlierWork}), starts it with the fresh NAR. */
    private Started startInstance() throws Exception {
        final NiFiAssembly.Prepared assembly = assemble(options, out);
        final NiFiInstance nifi = instance(options, assembly.libDirectory());
        if (nifi.stop(Duration.ofSeconds(60))) {
            out.println("Stopped the NiFi that an earlier ./dq run left running.");
        }
        final EarlierWork earlier = EarlierWork.in(nifi.home());
        final boolean keep = earlier.any() && !options.reset();
        final Path dataRoot = EarlierWork.dataFolder(nifi.home());
        if (!keep) {
            nifi.resetState();
            NiFiAssembly.deleteRecursively(dataRoot);
        }
        nifi.installExtensions(extensionNars(options));
        final Duration startup = nifi.start(START_TIMEOUT);
        out.printf("NiFi started in %.1f s on %s (process %d, heap %s, home %s)%n", startup.toMillis() / 1000.0, nifi.uiUri(),
                nifi.runningProcess().map(ProcessHandle::pid).orElse(-1L), options.heap(), nifi.home());
        final NiFiRestClient client = new NiFiRestClient(nifi.apiUri());
        sayWhatWasKept(earlier, keep, client);
        QualityGateFlow.await(Duration.ofSeconds(90), "the nifi-dq NAR to load (" + QualityGateFlow.PROFILE_QUALITY_TYPE + ")",
                () -> client.processorTypeAvailable(QualityGateFlow.PROFILE_QUALITY_TYPE));
        return new Started(nifi, client, keep, dataRoot);
    }

    /** The first example: the quality gate on the sample, dropped as {@code name}. */
    private QualityGateFlow runQualityGate(final Started started, final Path sample, final String name) throws Exception {
        final QualityGateFlow flow = QualityGateFlow.importFlow(started.client(), options.flows(),
                QualityGateFlow.Folders.under(started.dataRoot().resolve(EarlierWork.QUALITY_GATE)), null, started.keep());
        flow.enableServices(Duration.ofSeconds(60));
        flow.awaitValidated(Duration.ofSeconds(60));
        final Map<String, List<String>> invalid = flow.validationErrors();
        invalid.values().removeIf(List::isEmpty);
        if (!invalid.isEmpty()) {
            throw new IllegalStateException("The imported flow is not valid: " + invalid);
        }
        flow.startProcessors();
        out.println((started.keep() ? "Started the kept flow '" : "Imported and started the flow '") + QualityGateFlow.GROUP_NAME + "' from "
                + options.flows().resolve(QualityGateFlow.DEFINITION_FILE));
        flow.drop(sample, name);
        out.println("Dropped " + sample + " into " + flow.folders().input() + (started.keep() ? " as " + name : ""));
        final QualityGateFlow.Folders folders = flow.folders();
        QualityGateFlow.await(FLOW_TIMEOUT, "the sample to come out of the flow", () -> Files.exists(folders.profile().resolve(name + ".profile.json"))
                && (Files.exists(folders.passed().resolve(name)) || Files.exists(folders.belowThreshold().resolve(name))));
        final boolean passed = Files.exists(folders.passed().resolve(name));
        final String writer = passed ? QualityGateFlow.WRITE_PASSED : QualityGateFlow.WRITE_BELOW_THRESHOLD;
        final ProvenanceSearch.Event sent = new ProvenanceSearch(started.client())
                .awaitEventFor(flow.processorId(writer), "SEND", name, Duration.ofSeconds(60));
        report(name, sent, passed, folders);
        return flow;
    }

    private void sayWhatWasKept(final EarlierWork earlier, final boolean keep, final NiFiRestClient client) {
        if (keep) {
            final int queued = client.groupStatus(client.rootProcessGroupId()).path("flowFilesQueued").asInt();
            out.println("Kept the earlier work in " + options.home() + ": " + earlier.describe() + "; " + queued
                    + (queued == 1 ? " FlowFile" : " FlowFiles") + " queued. The example flows run again beside it (./dq run --reset"
                    + " starts from an empty instance).");
        } else if (earlier.any()) {
            out.println("Reset (--reset): forgot the earlier work in " + options.home() + ": " + earlier.describe() + ".");
        } else {
            out.println("A new, empty instance in " + options.home() + ".");
        }
    }

    /** support-messages.csv -> support-messages-20261202-184501.csv: this run's name for the sample. */
    static String runName(final Path sample) {
        final String file = sample.getFileName().toString();
        final int dot = file.lastIndexOf('.');
        final String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(LocalDateTime.now());
        return dot < 0 ? file + "-" + stamp : file.substring(0, dot) + "-" + stamp + file.substring(dot);
    }

    private void report(final String name, final ProvenanceSearch.Event sent, final boolean passed, final QualityGateFlow.Folders folders)
            throws IOException {
        final String records = sent.attribute("record.count");
        out.println();
        out.println("== What happened ==");
        out.println("Input            " + name + ": " + records + " records (record.count)");
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
        FlowRun.listFolder(out, "passed", folders.passed());
        FlowRun.listFolder(out, "below threshold", folders.belowThreshold());
        FlowRun.listFolder(out, "profile", folders.profile());
        FlowRun.listFolder(out, "failure", folders.failure());
        final Path profile = folders.profile().resolve(name + ".profile.json");
        final JsonNode scores = NiFiRestClient.json().readTree(profile.toFile()).path("scores");
        if (!scores.isMissingNode()) {
            out.println("Scores in the profile report: " + scores);
        }
    }

    private String flowParameter(final String name) throws IOException {
        return FlowDefinition.read(options.flows().resolve(QualityGateFlow.DEFINITION_FILE)).parameter(name);
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
