package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The NiFi REST calls nifi-dq needs, over java.net.http and Jackson. Every update sends the component's current
 * revision, read just before, with this client's id.
 */
public final class NiFiRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a change refused because a cluster node is connecting is sent again (a node joins in seconds). */
    private static final Duration NODE_JOINING_WAIT = Duration.ofSeconds(90);

    private final URI api;
    private final HttpClient http;
    private final String clientId = UUID.randomUUID().toString();

    /** @param api NiFi's REST root, e.g. http://127.0.0.1:18080/nifi-api/ */
    public NiFiRestClient(final URI api) {
        this.api = api.toString().endsWith("/") ? api : URI.create(api + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static ObjectMapper json() {
        return JSON;
    }

    // ---- flow and groups

    /** GET flow/about: NiFi's title and version. */
    public JsonNode about() {
        return get("flow/about").path("about");
    }

    public String rootProcessGroupId() {
        return get("flow/process-groups/root").path("processGroupFlow").path("id").asText();
    }

    /** Uploads a flow definition (the JSON a person drags onto the canvas) as a new process group; returns its id. */
    public String uploadFlowDefinition(final String parentGroupId, final String groupName, final byte[] flowDefinition) {
        final String boundary = "----nifi-dq-" + UUID.randomUUID();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final Map<String, String> fields = Map.of("groupName", groupName, "positionX", "0.0", "positionY", "0.0", "clientId", clientId,
                "disconnectedNodeAcknowledged", "false");
        fields.forEach((name, value) -> writeAscii(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n"));
        writeAscii(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"flow.json\"\r\nContent-Type: application/json\r\n\r\n");
        body.writeBytes(flowDefinition);
        writeAscii(body, "\r\n--" + boundary + "--\r\n");
        final String path = "process-groups/" + parentGroupId + "/process-groups/upload";
        final HttpRequest request = request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return send("POST", path, request).path("id").asText();
    }

    /** The child process groups of {@code groupId}. */
    public List<JsonNode> processGroups(final String groupId) {
        return list(get("process-groups/" + groupId + "/process-groups").path("processGroups"));
    }

    /** Schedules every component of the group: RUNNING or STOPPED. */
    public void scheduleGroup(final String groupId, final String state) {
        final ObjectNode body = JSON.createObjectNode().put("id", groupId).put("state", state);
        put("flow/process-groups/" + groupId, body);
    }

    /** GET flow/process-groups/{id}/status?recursive=true: counts in, out and queued per component. */
    public JsonNode groupStatus(final String groupId) {
        return get("flow/process-groups/" + groupId + "/status?recursive=true").path("processGroupStatus").path("aggregateSnapshot");
    }

    // ---- processors

    public List<JsonNode> processors(final String groupId) {
        return list(get("process-groups/" + groupId + "/processors").path("processors"));
    }

    public JsonNode processor(final String processorId) {
        return get("processors/" + processorId);
    }

    /** RUNNING, STOPPED or DISABLED. */
    public void setProcessorRunStatus(final String processorId, final String state) {
        final ObjectNode body = JSON.createObjectNode();
        body.set("revision", revisionOf(processor(processorId)));
        body.put("state", state);
        put("processors/" + processorId + "/run-status", body);
    }

    /** Sets properties of a stopped processor; a null value removes the property's value. */
    public void updateProcessorProperties(final String processorId, final Map<String, String> properties) {
        final ObjectNode body = JSON.createObjectNode();
        body.set("revision", revisionOf(processor(processorId)));
        final ObjectNode component = body.putObject("component").put("id", processorId);
        final ObjectNode values = component.putObject("config").putObject("properties");
        properties.forEach(values::put);
        put("processors/" + processorId, body);
    }

    /** True once NiFi has loaded a bundle that provides processor {@code type} (a fully qualified class name). */
    public boolean processorTypeAvailable(final String type) {
        return !get("flow/processor-types?type=" + URLEncoder.encode(type, StandardCharsets.UTF_8)).path("processorTypes").isEmpty();
    }

    // ---- controller services and connections

    public List<JsonNode> controllerServices(final String groupId) {
        return list(get("flow/process-groups/" + groupId + "/controller-services?includeAncestorGroups=false&includeDescendantGroups=true")
                .path("controllerServices"));
    }

    /**
     * Creates a controller service of {@code type} (a fully qualified class name, from whichever loaded bundle
     * provides it) in the group, with the properties given; returns its id. It is created disabled.
     */
    public String createControllerService(final String groupId, final String type, final String name, final Map<String, String> properties) {
        JsonNode bundle = null;
        for (final JsonNode available : get("flow/controller-service-types").path("controllerServiceTypes")) {
            if (type.equals(available.path("type").asText())) {
                bundle = available.path("bundle");
            }
        }
        if (bundle == null) {
            throw new IllegalStateException("No loaded bundle provides the controller service " + type);
        }
        final ObjectNode body = JSON.createObjectNode();
        body.putObject("revision").put("clientId", clientId).put("version", 0);
        final ObjectNode component = body.putObject("component").put("type", type).put("name", name);
        component.set("bundle", bundle.deepCopy());
        final ObjectNode values = component.putObject("properties");
        properties.forEach(values::put);
        return post("process-groups/" + groupId + "/controller-services", body).path("id").asText();
    }

    /** ENABLED or DISABLED, for every controller service in the group. */
    public void setControllerServicesState(final String groupId, final String state) {
        final ObjectNode body = JSON.createObjectNode().put("id", groupId).put("state", state);
        put("flow/process-groups/" + groupId + "/controller-services", body);
    }

    /** ENABLED or DISABLED, for one controller service (the entity as {@link #controllerServices} lists it). */
    public void setControllerServiceState(final JsonNode service, final String state) {
        final ObjectNode body = JSON.createObjectNode();
        body.set("revision", service.path("revision").deepCopy());
        body.put("state", state);
        put("controller-services/" + service.path("id").asText() + "/run-status", body);
    }

    public List<JsonNode> connections(final String groupId) {
        return list(get("process-groups/" + groupId + "/connections").path("connections"));
    }

    // ---- bulletins and provenance

    /** GET flow/bulletin-board: the recent bulletins of every component. */
    public List<JsonNode> bulletins() {
        final List<JsonNode> bulletins = new ArrayList<>();
        for (final JsonNode entity : get("flow/bulletin-board?limit=1000").path("bulletinBoard").path("bulletins")) {
            bulletins.add(entity.path("bulletin"));
        }
        return bulletins;
    }

    /** Starts a provenance query; see {@link ProvenanceSearch}. */
    JsonNode submitProvenanceQuery(final ObjectNode query) {
        return post("provenance", query).path("provenance");
    }

    JsonNode provenanceQuery(final String queryId) {
        return get("provenance/" + queryId + "?summarize=false&incrementalResults=false").path("provenance");
    }

    void deleteProvenanceQuery(final String queryId) {
        delete("provenance/" + queryId);
    }

    /** One event; in a cluster {@code clusterNodeId} names the node that recorded it (null on a single NiFi). */
    JsonNode provenanceEvent(final String eventId, final String clusterNodeId) {
        final String node = clusterNodeId == null ? "" : "?clusterNodeId=" + URLEncoder.encode(clusterNodeId, StandardCharsets.UTF_8);
        return get("provenance-events/" + eventId + node).path("provenanceEvent");
    }

    // ---- cluster and state

    /** GET controller/cluster: every node with its status (CONNECTED, ...), roles, address and apiPort; a single NiFi answers 409. */
    public List<JsonNode> clusterNodes() {
        return list(get("controller/cluster").path("cluster").path("nodes"));
    }

    /** GET flow/cluster/summary as this node sees it: connectedToCluster, connectedNodeCount, totalNodeCount, clustered. */
    public JsonNode clusterSummary() {
        return get("flow/cluster/summary").path("clusterSummary");
    }

    /** FlowFiles queued in a connection on each node, by the node's HTTP port (GET flow/connections/{id}/status?nodewise=true). */
    public Map<Integer, Integer> queuedByNode(final String connectionId) {
        final Map<Integer, Integer> queued = new TreeMap<>();
        for (final JsonNode node : get("flow/connections/" + connectionId + "/status?nodewise=true").path("connectionStatus").path("nodeSnapshots")) {
            queued.put(node.path("apiPort").asInt(), node.path("statusSnapshot").path("flowFilesQueued").asInt());
        }
        return queued;
    }

    /** GET processors/{id}/state: the component's state, {@code localState} per node and the shared {@code clusterState}. */
    public JsonNode processorState(final String processorId) {
        return get("processors/" + processorId + "/state").path("componentState");
    }

    // ---- plumbing

    public JsonNode get(final String path) {
        return send("GET", path, request(path).GET().build());
    }

    public JsonNode post(final String path, final JsonNode body) {
        return send("POST", path, request(path).header("Content-Type", "application/json").POST(jsonBody(body)).build());
    }

    public JsonNode put(final String path, final JsonNode body) {
        return send("PUT", path, request(path).header("Content-Type", "application/json").PUT(jsonBody(body)).build());
    }

    public JsonNode delete(final String path) {
        final String separator = path.contains("?") ? "&" : "?";
        final String withClient = path + separator + "clientId=" + clientId;
        return send("DELETE", withClient, request(withClient).DELETE().build());
    }

    private ObjectNode revisionOf(final JsonNode entity) {
        final ObjectNode revision = JSON.createObjectNode();
        revision.put("clientId", clientId);
        revision.put("version", entity.path("revision").path("version").asLong());
        return revision;
    }

    private HttpRequest.Builder request(final String path) {
        return HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
    }

    private JsonNode send(final String method, final String path, final HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            // A cluster refuses every change while a node (re)joins; the change was not made, so sending it again is safe.
            final long deadline = System.nanoTime() + NODE_JOINING_WAIT.toNanos();
            while (isRefusedWhileANodeJoins(response) && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
            if (response.statusCode() / 100 != 2) {
                throw new NiFiApiException(method, path, response.statusCode(), response.body());
            }
            final String body = response.body();
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (final IOException e) {
            throw new UncheckedIOException(method + " " + api.resolve(path) + " failed: " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }

    private static boolean isRefusedWhileANodeJoins(final HttpResponse<String> response) {
        return response.statusCode() == 409 && response.body() != null && response.body().contains("is currently connecting");
    }

    private static HttpRequest.BodyPublisher jsonBody(final JsonNode body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> list(final JsonNode array) {
        final List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static void writeAscii(final ByteArrayOutputStream out, final String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
