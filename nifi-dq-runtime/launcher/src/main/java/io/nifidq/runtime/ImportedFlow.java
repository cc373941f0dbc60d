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
import java.util.function.UnaryOperator;

/**
 * An example flow (a flow definition from docs/flows) inside a running NiFi: uploaded as a process group with its
 * folder parameters set, started, fed with files through its input folder, and watched until it is done. The main job
 * and the end-to-end tests drive the flows through the subclasses, which name their processors and folders.
 */
abstract class ImportedFlow<F extends ImportedFlow.Folders> {

    /** The folders of a flow: each folder parameter of its definition with its folder, and the one GetFile watches. */
    interface Folders {

        /** The folder that GetFile watches (and {@link #drop} feeds). */
        Path input();

        /** Parameter name to folder (in any order: each sets its own parameter). */
        Map<String, Path> byParameter();
    }

    /** Makes a subclass's flow object for the group that was uploaded or reused (the subclass's constructor). */
    @FunctionalInterface
    interface Factory<F extends Folders, T extends ImportedFlow<F>> {
        T create(NiFiRestClient client, String groupId, F folders);
    }

    /** The definition file (in the flows folder) a flow is uploaded from, and the group name it gets in NiFi. */
    record Definition(String file, String groupName) {
    }

    private final NiFiRestClient client;
    private final String groupId;
    private final String groupName;
    private final F folders;
    private final Map<String, String> processorIds = new LinkedHashMap<>();

    ImportedFlow(final NiFiRestClient client, final String groupId, final String groupName, final F folders) {
        this.client = client;
        this.groupId = groupId;
        this.groupName = groupName;
        this.folders = folders;
        for (final JsonNode processor : client.processors(groupId)) {
            processorIds.put(processor.path("component").path("name").asText(), processor.path("id").asText());
        }
    }

    /**
     * Uploads {@code definition} under the root group with every folder parameter set (and its folder created) and the
     * other parameters given; with {@code reuse} set, a child of the root group already named so (a kept instance, see
     * {@link EarlierWork}) is used instead, its folders created. {@code factory} makes the subclass's object for the group.
     */
    static <F extends Folders, T extends ImportedFlow<F>> T importFlow(final NiFiRestClient client, final Path flowsDirectory,
                                                                        final Definition definition, final F folders,
                                                                        final Map<String, String> parameters, final boolean reuse,
                                                                        final Factory<F, T> factory) throws IOException {
        return importFlow(client, flowsDirectory, definition, folders, parameters, reuse, UnaryOperator.identity(), factory);
    }

    /** As above, with the definition changed by {@code edit} before it is uploaded (a reused group is left as it is). */
    static <F extends Folders, T extends ImportedFlow<F>> T importFlow(final NiFiRestClient client, final Path flowsDirectory,
                                                                        final Definition definition, final F folders,
                                                                        final Map<String, String> parameters, final boolean reuse,
                                                                        final UnaryOperator<FlowDefinition> edit,
                                                                        final Factory<F, T> factory) throws IOException {
        final String reused = reuse ? groupNamed(client, definition.groupName()) : null;
        if (reused != null) {
            for (final Path folder : folders.byParameter().values()) {
                Files.createDirectories(folder);
            }
            return factory.create(client, reused, folders);
        }
        return factory.create(client, upload(client, edit.apply(FlowDefinition.read(flowsDirectory.resolve(definition.file()))),
                definition.groupName(), folders.byParameter(), parameters), folders);
    }

    /** The id of the root group's child named {@code groupName}, or null when there is none. */
    private static String groupNamed(final NiFiRestClient client, final String groupName) {
        for (final JsonNode group : client.processGroups(client.rootProcessGroupId())) {
            if (groupName.equals(group.path("component").path("name").asText())) {
                return group.path("id").asText();
            }
        }
        return null;
    }

    /** Uploads a flow definition under the root group as {@code groupName}; returns the new group's id. */
    private static String upload(final NiFiRestClient client, final FlowDefinition definition, final String groupName,
                                 final Map<String, Path> folders, final Map<String, String> parameters) throws IOException {
        for (final Map.Entry<String, Path> folder : folders.entrySet()) {
            Files.createDirectories(folder.getValue());
            definition.withParameter(folder.getKey(), folder.getValue().toString());
        }
        parameters.forEach(definition::withParameter);
        return client.uploadFlowDefinition(client.rootProcessGroupId(), groupName, definition.toBytes());
    }

    public String groupId() {
        return groupId;
    }

    public F folders() {
        return folders;
    }

    /** Whether the group has a processor of that name (a group kept from an older definition may lack one). */
    public boolean hasProcessor(final String name) {
        return processorIds.containsKey(name);
    }

    public String processorId(final String name) {
        final String id = processorIds.get(name);
        if (id == null) {
            throw new IllegalArgumentException("No processor named '" + name + "' in the flow; it has " + processorIds.keySet());
        }
        return id;
    }

    /** Enables the group's controller services, waits until every processor is valid, and starts them all. */
    public void start(final Duration timeout) throws InterruptedException {
        enableServices(timeout);
        awaitValidated(timeout);
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

    /** Enables the group's controller services except those named, and waits until they are enabled. */
    public void enableServicesExcept(final java.util.Set<String> names, final Duration timeout) throws InterruptedException {
        for (final JsonNode service : client.controllerServices(groupId)) {
            if (!names.contains(service.path("component").path("name").asText())) {
                client.setControllerServiceState(service, "ENABLED");
            }
        }
        await(timeout, "controller services enabled", () -> client.controllerServices(groupId).stream()
                .filter(s -> !names.contains(s.path("component").path("name").asText()))
                .allMatch(s -> "ENABLED".equals(s.path("component").path("state").asText())));
    }

    /** Enables the group's controller service with that name and waits until it is enabled. */
    public void enableService(final String name, final Duration timeout) throws InterruptedException {
        client.controllerServices(groupId).stream().filter(s -> name.equals(s.path("component").path("name").asText())).findFirst()
                .ifPresent(s -> client.setControllerServiceState(s, "ENABLED"));
        await(timeout, name + " enabled", () -> "ENABLED".equals(serviceState(name)));
    }

    /** The state (ENABLED, ENABLING, DISABLED, ...) of the group's controller service with that name. */
    public String serviceState(final String name) {
        return client.controllerServices(groupId).stream().filter(s -> name.equals(s.path("component").path("name").asText()))
                .map(s -> s.path("component").path("state").asText()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No controller service named '" + name + "' in the flow"));
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
        return dropInto(folders.input(), file, name);
    }

    /** Copies {@code file} into {@code folder} under {@code name}: written under a hidden name, then renamed. */
    static Path dropInto(final Path folder, final Path file, final String name) throws IOException {
        final Path hidden = folder.resolve("." + name + ".part");
        Files.copy(file, hidden, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(hidden, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
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
        await(timeout, "queues of '" + groupName + "' empty", () -> queuedInGroup() == 0);
        return output;
    }

    static void await(final Duration timeout, final String what, final BooleanSupplier condition) throws InterruptedException {
        await(timeout, what, condition, Duration.ofMillis(300));
    }

    /** Polls {@code condition} every {@code interval} until it holds; fails after {@code timeout}. */
    static void await(final Duration timeout, final String what, final BooleanSupplier condition, final Duration interval)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
