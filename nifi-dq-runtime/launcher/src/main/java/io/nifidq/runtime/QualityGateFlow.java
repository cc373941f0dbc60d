package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The example flow "quality gate" (docs/flows/quality-gate.json) inside a running NiFi: imported with its folders set,
 * started, fed with files, and watched until it is done. The main job and the end-to-end tests both drive it.
 */
public final class QualityGateFlow {

    public static final String DEFINITION_FILE = "quality-gate.json";
    public static final String GROUP_NAME = "quality gate";
    public static final String PROFILE_QUALITY_TYPE = "io.nifidq.processors.ProfileQuality";

    // Processor names in the flow definition.
    public static final String READ_INPUT = "Read input files";
    public static final String PROFILE_QUALITY = "Profile quality";
    public static final String WRITE_PASSED = "Write passed files";
    public static final String WRITE_PROFILES = "Write profiles";
    public static final String WRITE_BELOW_THRESHOLD = "Write files below threshold";
    public static final String WRITE_FAILURES = "Write unreadable files";

    public static final String MINIMUM_OVERALL_SCORE = "minimum.overall.score";

    /** The flow's folders, one parameter each. */
    public record Folders(Path input, Path passed, Path profile, Path belowThreshold, Path failure) {

        public static Folders under(final Path base) {
            final Path root = base.toAbsolutePath().normalize();
            return new Folders(root.resolve("input"), root.resolve("passed"), root.resolve("profile"),
                    root.resolve("below-threshold"), root.resolve("failure"));
        }

        Map<String, Path> byParameter() {
            final Map<String, Path> folders = new LinkedHashMap<>();
            folders.put("input.directory", input);
            folders.put("passed.directory", passed);
            folders.put("profile.directory", profile);
            folders.put("below.threshold.directory", belowThreshold);
            folders.put("failure.directory", failure);
            return folders;
        }
    }

    private final NiFiRestClient client;
    private final String groupId;
    private final Folders folders;
    private final Map<String, String> processorIds = new LinkedHashMap<>();

    private QualityGateFlow(final NiFiRestClient client, final String groupId, final Folders folders) {
        this.client = client;
        this.groupId = groupId;
        this.folders = folders;
        for (final JsonNode processor : client.processors(groupId)) {
            processorIds.put(processor.path("component").path("name").asText(), processor.path("id").asText());
        }
    }

    /**
     * Uploads the flow definition under the root group with every folder parameter pointing below {@code folders},
     * creating the folders, and the gate set to {@code minimumOverallScore} (null keeps the definition's value).
     */
    public static QualityGateFlow importFlow(final NiFiRestClient client, final Path flowsDirectory, final Folders folders,
                                             final String minimumOverallScore) throws IOException {
        final FlowDefinition definition = FlowDefinition.read(flowsDirectory.resolve(DEFINITION_FILE));
        for (final Map.Entry<String, Path> folder : folders.byParameter().entrySet()) {
            Files.createDirectories(folder.getValue());
            definition.withParameter(folder.getKey(), folder.getValue().toString());
        }
        if (minimumOverallScore != null) {
            definition.withParameter(MINIMUM_OVERALL_SCORE, minimumOverallScore);
        }
        final String groupId = client.uploadFlowDefinition(client.rootProcessGroupId(), GROUP_NAME, definition.toBytes());
        return new QualityGateFlow(client, groupId, folders);
    }

    /** The flow as already imported in group {@code groupId} (e.g. after a restart of NiFi). */
    public static QualityGateFlow existing(final NiFiRestClient client, final String groupId, final Folders folders) {
        return new QualityGateFlow(client, groupId, folders);
    }

    public String groupId() {
        return groupId;
    }

    public Folders folders() {
        return folders;
    }

    public String processorId(final String name) {
        final String id = processorIds.get(name);
        if (id == null) {
            throw new IllegalArgumentException("No processor named '" + name + "' in the flow; it has " + processorIds.keySet());
        }
        return id;
    }

    /** Enables the group's CSV reader and starts every processor. */
    public void start(final Duration timeout) throws InterruptedException {
        enableServices(timeout);
        startProcessors();
    }

    /** Starts every processor of the group (its services must be enabled). */
    public void startProcessors() {
        client.scheduleGroup(groupId, "RUNNING");
    }

    /** Enables the controller services and waits until they are enabled. */
    public void enableServices(final Duration timeout) throws InterruptedException {
        client.setControllerServicesState(groupId, "ENABLED");
        await(timeout, "controller services enabled", () -> client.controllerServices(groupId).stream()
                .allMatch(s -> "ENABLED".equals(s.path("component").path("state").asText())));
    }

    public void stop() {
        client.scheduleGroup(groupId, "STOPPED");
    }

    /** Processor name to validation status (VALID, INVALID, VALIDATING). */
    public Map<String, String> validationStatuses() {
        final Map<String, String> statuses = new LinkedHashMap<>();
        for (final JsonNode processor : client.processors(groupId)) {
            statuses.put(processor.path("component").path("name").asText(), processor.path("component").path("validationStatus").asText());
        }
        return statuses;
    }

    /** Processor name to its validation errors; empty lists when everything is valid. */
    public Map<String, List<String>> validationErrors() {
        final Map<String, List<String>> errors = new LinkedHashMap<>();
        for (final JsonNode processor : client.processors(groupId)) {
            final List<String> messages = new ArrayList<>();
            processor.path("component").path("validationErrors").forEach(e -> messages.add(e.asText()));
            errors.put(processor.path("component").path("name").asText(), messages);
        }
        return errors;
    }

    /** Waits until no processor is VALIDATING any more (e.g. right after import or a restart). */
    public void awaitValidated(final Duration timeout) throws InterruptedException {
        await(timeout, "validation finished", () -> !validationStatuses().containsValue("VALIDATING"));
    }

    /** FlowFiles queued in the connection that leaves processor {@code sourceName}. */
    public int queuedAfter(final String sourceName) {
        final String sourceId = processorId(sourceName);
        int queued = 0;
        for (final JsonNode connection : client.connections(groupId)) {
            if (sourceId.equals(connection.path("sourceId").asText())) {
                queued += connection.path("status").path("aggregateSnapshot").path("flowFilesQueued").asInt();
            }
        }
        return queued;
    }

    /** FlowFiles queued anywhere in the group. */
    public int queuedInGroup() {
        return client.groupStatus(groupId).path("flowFilesQueued").asInt();
    }

    /**
     * Copies {@code file} into the input folder under {@code name}; written under a hidden name and renamed, so GetFile
     * (which ignores hidden files) never reads a half-written file.
     */
    public Path drop(final Path file, final String name) throws IOException {
        final Path hidden = folders.input().resolve("." + name + ".part");
        Files.copy(file, hidden, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(hidden, folders.input().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes {@code content} into the input folder as {@code name}, the same way as {@link #drop}. */
    public Path dropText(final String content, final String name) throws IOException {
        final Path hidden = folders.input().resolve("." + name + ".part");
        Files.writeString(hidden, content);
        return Files.move(hidden, folders.input().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits until {@code folder} holds {@code name}, then until nothing is queued in the group. */
    public Path awaitOutput(final Path folder, final String name, final Duration timeout) throws InterruptedException {
        final Path output = folder.resolve(name);
        await(timeout, output + " written", () -> Files.exists(output));
        await(timeout, "queues of '" + GROUP_NAME + "' empty", () -> queuedInGroup() == 0);
        return output;
    }

    static void await(final Duration timeout, final String what, final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            Thread.sleep(300);
        }
    }
}
