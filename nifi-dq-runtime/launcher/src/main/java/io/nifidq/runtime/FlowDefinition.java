package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A NiFi flow definition (the JSON that "Download flow definition" writes and that a person imports by dragging a
 * process group onto the canvas), with its parameter values set before upload.
 */
public final class FlowDefinition {

    private final ObjectNode root;

    private FlowDefinition(final ObjectNode root) {
        this.root = root;
    }

    public static FlowDefinition read(final Path file) throws IOException {
        final JsonNode root = NiFiRestClient.json().readTree(Files.readAllBytes(file));
        if (!(root instanceof ObjectNode object) || !root.has("flowContents")) {
            throw new IOException(file + " is not a NiFi flow definition (no flowContents)");
        }
        return new FlowDefinition(object);
    }

    /** The name of the parameter context that the top-level group uses. */
    public String parameterContextName() {
        return root.path("flowContents").path("parameterContextName").asText();
    }

    /** Names of the parameters in the group's parameter context. */
    public List<String> parameterNames() {
        final List<String> names = new ArrayList<>();
        parameters().forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    public String parameter(final String name) {
        for (final JsonNode parameter : parameters()) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter.path("value").asText(null);
            }
        }
        throw new IllegalArgumentException("No parameter " + name + " in context " + parameterContextName());
    }

    /** Sets the value of an existing parameter of the group's context. */
    public FlowDefinition withParameter(final String name, final String value) {
        for (final JsonNode parameter : parameters()) {
            if (parameter.path("name").asText().equals(name)) {
                ((ObjectNode) parameter).put("value", value);
                return this;
            }
        }
        throw new IllegalArgumentException("No parameter " + name + " in context " + parameterContextName());
    }

    /** The processors of the top-level group. */
    public List<JsonNode> processors() {
        final List<JsonNode> processors = new ArrayList<>();
        root.path("flowContents").path("processors").forEach(processors::add);
        return processors;
    }

    /**
     * Leaves out the top-level group's processors and controller services named {@code names}, and every connection from
     * or to a processor left out (e.g. one of two branches of a flow, for a test about the other).
     */
    public FlowDefinition withoutComponents(final Collection<String> names) {
        final ObjectNode contents = (ObjectNode) root.path("flowContents");
        final Set<String> removed = new HashSet<>();
        for (final String section : List.of("processors", "controllerServices")) {
            final ArrayNode kept = contents.arrayNode();
            for (final JsonNode component : contents.path(section)) {
                if (names.contains(component.path("name").asText())) {
                    removed.add(component.path("identifier").asText());
                } else {
                    kept.add(component);
                }
            }
            contents.set(section, kept);
        }
        final ArrayNode connections = contents.arrayNode();
        for (final JsonNode connection : contents.path("connections")) {
            if (!removed.contains(connection.path("source").path("id").asText())
                    && !removed.contains(connection.path("destination").path("id").asText())) {
                connections.add(connection);
            }
        }
        contents.set("connections", connections);
        return this;
    }

    /**
     * Renames the group's parameter context: a second copy of a flow in the same NiFi gets a context of its own instead of
     * sharing (and overwriting) the first copy's folders.
     */
    public FlowDefinition withParameterContextName(final String name) {
        final String old = parameterContextName();
        final ObjectNode contexts = (ObjectNode) root.path("parameterContexts");
        final ObjectNode context = (ObjectNode) contexts.remove(old);
        context.put("name", name);
        contexts.set(name, context);
        ((ObjectNode) root.path("flowContents")).put("parameterContextName", name);
        return this;
    }

    /** Where the processor named {@code name} runs in a cluster: ALL nodes or the PRIMARY node only. */
    public FlowDefinition withExecutionNode(final String name, final String executionNode) {
        ((ObjectNode) processor(name)).put("executionNode", executionNode);
        return this;
    }

    /** Sets a property of the processor named {@code name}. */
    public FlowDefinition withProperty(final String name, final String property, final String value) {
        ((ObjectNode) processor(name).path("properties")).put(property, value);
        return this;
    }

    /** How often the processor named {@code name} is triggered (e.g. "1 sec"; "0 sec" as often as it has work). */
    public FlowDefinition withSchedulingPeriod(final String name, final String period) {
        ((ObjectNode) processor(name)).put("schedulingPeriod", period);
        return this;
    }

    /**
     * How the connection from processor {@code sourceName} to processor {@code destinationName} spreads FlowFiles over a
     * cluster's nodes: DO_NOT_LOAD_BALANCE, ROUND_ROBIN, SINGLE_NODE (or PARTITION_BY_ATTRIBUTE, not set here).
     */
    public FlowDefinition withLoadBalance(final String sourceName, final String destinationName, final String strategy) {
        final String source = processor(sourceName).path("identifier").asText();
        final String destination = processor(destinationName).path("identifier").asText();
        for (final JsonNode connection : root.path("flowContents").path("connections")) {
            if (source.equals(connection.path("source").path("id").asText()) && destination.equals(connection.path("destination").path("id").asText())) {
                ((ObjectNode) connection).put("loadBalanceStrategy", strategy);
                return this;
            }
        }
        throw new IllegalArgumentException("No connection from '" + sourceName + "' to '" + destinationName + "'");
    }

    private JsonNode processor(final String name) {
        return processors().stream().filter(p -> name.equals(p.path("name").asText())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No processor named '" + name + "' in the flow definition"));
    }

    public byte[] toBytes() throws IOException {
        return NiFiRestClient.json().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    private JsonNode parameters() {
        return root.path("parameterContexts").path(parameterContextName()).path("parameters");
    }
}
