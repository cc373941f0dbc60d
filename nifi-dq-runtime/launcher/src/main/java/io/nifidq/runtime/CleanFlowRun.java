package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The second part of the main job: the "clean and profile" example flow on the sample data, and what it changed:
 * records in, cleaned and rejected (by step), the quality scores before and after, and where the page that shows
 * them side by side is.
 */
final class CleanFlowRun extends FlowRun {

    private static final Duration FLOW_TIMEOUT = Duration.ofMinutes(2);
    private static final List<String> SCORES = List.of("overall", "completeness", "validity", "consistency", "uniqueness", "balance", "noise");

    /** With {@code keep}, a group of the flow's name and its folders from an earlier run are used again as they are. */
    CleanFlowRun(final NiFiRestClient client, final PrintStream out, final boolean keep) {
        super(client, out, keep);
    }

    /** Imports (or reuses) and starts the flow with its folders under {@code data}, feeds it the sample as {@code name}, and reports. */
    CleanFlow run(final Path flows, final Path data, final Path sample, final String name) throws Exception {
        clearUnlessKept(data);
        final CleanFlow flow = CleanFlow.importFlow(client, flows, CleanFlow.Folders.under(data), keep);
        flow.enableServices(Duration.ofSeconds(60));
        flow.awaitValidated(Duration.ofSeconds(60));
        final Map<String, List<String>> invalid = flow.validationErrors();
        invalid.values().removeIf(List::isEmpty);
        if (!invalid.isEmpty()) {
            throw new IllegalStateException("The imported flow '" + CleanFlow.GROUP_NAME + "' is not valid: " + invalid);
        }
        flow.startProcessors();
        flow.drop(sample, name);
        announceStarted(CleanFlow.GROUP_NAME, flows.resolve(CleanFlow.DEFINITION_FILE), "dropped the sample into it");
        final CleanFlow.Folders folders = flow.folders();
        flow.awaitOutput(folders.profileBefore(), folders.reportBefore(name).getFileName().toString(), FLOW_TIMEOUT);
        try {
            flow.awaitOutput(folders.profileAfter(), folders.pageAfter(name).getFileName().toString(), FLOW_TIMEOUT);
        } catch (final IllegalStateException e) {
            throw keep ? new IllegalStateException(e.getMessage() + " (a flow kept from an earlier nifi-dq may write no page: "
                    + "./dq run --reset imports the current one)", e) : e;
        }
        flow.awaitOutput(folders.cleaned(), name, FLOW_TIMEOUT);
        flow.awaitOutput(folders.augmented(), name, FLOW_TIMEOUT);
        final ProvenanceSearch provenance = new ProvenanceSearch(client);
        final ProvenanceSearch.Event cleaned = provenance.awaitEventFor(flow.processorId(CleanFlow.WRITE_CLEANED), "SEND", name, Duration.ofSeconds(60));
        final ProvenanceSearch.Event augmented = provenance.awaitEventFor(flow.processorId(CleanFlow.WRITE_AUGMENTED), "SEND", name,
                Duration.ofSeconds(60));
        report(name, cleaned, folders);
        reportAugmented(name, augmented, folders);
        return flow;
    }

    private void report(final String name, final ProvenanceSearch.Event cleaned, final CleanFlow.Folders folders) throws IOException {
        out.println();
        out.println("== Clean and profile ==");
        out.println("Input            " + name + ": " + cleaned.attribute("dq.records.in") + " records");
        out.println("Cleaned          " + cleaned.attribute("record.count") + " records -> " + folders.cleaned().resolve(name));
        out.println("Rejected         " + cleaned.attribute("dq.records.rejected") + " records -> " + folders.rejected()
                + " (each with dq_reject_reason)");
        final Map<String, String> steps = new TreeMap<>();
        cleaned.attributes().forEach((key, value) -> {
            if (key.startsWith("dq.clean.") && !key.startsWith("dq.clean.standardize.")) {
                steps.put(key.substring("dq.clean.".length()), value);
            }
        });
        steps.forEach((step, count) -> out.printf("  %-30s %s%n", step, count));
        // Before: the first profile's JSON report; after: the second profile's scores, on the cleaned FlowFile.
        final JsonNode before = scores(folders.reportBefore(name));
        out.printf("Scores           %-9s %s%n", "before", "after");
        for (final String score : SCORES) {
            final String after = cleaned.attribute("dq.score." + score);
            out.printf("  %-14s %-9s %s%n", score, before.path(score).asText("-"), after == null ? "-" : after);
        }
        out.println("Page             before and after -> " + folders.pageAfter(name));
    }

    private void reportAugmented(final String name, final ProvenanceSearch.Event augmented, final CleanFlow.Folders folders) {
        final Map<String, String> before = new TreeMap<>();
        final Map<String, String> after = new TreeMap<>();
        augmented.attributes().forEach((key, value) -> {
            if (key.startsWith("dq.augment.class.") && key.endsWith(".before")) {
                before.put(key.substring("dq.augment.class.".length(), key.length() - ".before".length()), value);
            } else if (key.startsWith("dq.augment.class.") && key.endsWith(".after")) {
                after.put(key.substring("dq.augment.class.".length(), key.length() - ".after".length()), value);
            }
        });
        out.println("Augmented        " + augmented.attribute("record.count") + " records (" + augmented.attribute("dq.augment.generated")
                + " copies, classes rebalanced) -> " + folders.augmented().resolve(name));
        before.forEach((label, count) -> out.printf("  %-14s %s -> %s%n", label, count, after.get(label)));
    }

    private static JsonNode scores(final Path profile) throws IOException {
        return Files.exists(profile) ? NiFiRestClient.json().readTree(profile.toFile()).path("scores") : NiFiRestClient.json().createObjectNode();
    }
}
