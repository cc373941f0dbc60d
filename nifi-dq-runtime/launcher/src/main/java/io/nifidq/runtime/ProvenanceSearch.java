package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads FlowFile attributes back from NiFi's provenance repository: the events a component emitted, each with the
 * attributes the FlowFile had at that moment. Provenance is indexed asynchronously, so searches poll.
 */
public final class ProvenanceSearch {

    private final NiFiRestClient client;

    public ProvenanceSearch(final NiFiRestClient client) {
        this.client = client;
    }

    /**
     * One provenance event: its type (SEND, ROUTE, ...), the FlowFile and its attributes after the event, and in a cluster
     * the node that recorded it ("127.0.0.1:18191"; null on a single NiFi), and NiFi's details (e.g. "Auto-Terminated by
     * failure Relationship" on a DROP). Event ids count per node.
     */
    public record Event(long eventId, String eventType, String componentName, String flowFileUuid, String relationship,
                        Map<String, String> attributes, String clusterNode, String details) {

        public String attribute(final String name) {
            return attributes.get(name);
        }
    }

    /**
     * Waits until the component has emitted at least {@code expected} events of {@code eventType}, and returns them
     * all (oldest first).
     */
    public List<Event> awaitEvents(final String componentId, final String eventType, final int expected, final Duration timeout)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> events = List.of();
        while (System.nanoTime() < deadline) {
            events = events(componentId, eventType);
            if (events.size() >= expected) {
                return events;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Expected " + expected + " " + eventType + " provenance events of component " + componentId
                + " within " + timeout.toSeconds() + " s, found " + events.size());
    }

    /**
     * Waits until the component has emitted an event of {@code eventType} for a FlowFile named {@code filename} and
     * returns the latest such event; earlier events of other FlowFiles (a kept instance has them) do not count.
     */
    public Event awaitEventFor(final String componentId, final String eventType, final String filename, final Duration timeout)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            final List<Event> named = events(componentId, eventType).stream().filter(e -> filename.equals(e.attribute("filename"))).toList();
            if (!named.isEmpty()) {
                return named.getLast();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Expected a " + eventType + " provenance event of component " + componentId + " for " + filename
                + " within " + timeout.toSeconds() + " s");
    }

    /** Every event of {@code eventType} that the component emitted and provenance has indexed so far. */
    public List<Event> events(final String componentId, final String eventType) throws InterruptedException {
        final ObjectNode query = NiFiRestClient.json().createObjectNode();
        final ObjectNode request = query.putObject("provenance").putObject("request");
        request.put("maxResults", 1000);
        request.put("summarize", false);
        request.put("incrementalResults", false);
        final ObjectNode terms = request.putObject("searchTerms");
        terms.putObject("ProcessorID").put("value", componentId).put("inverse", false);
        terms.putObject("EventType").put("value", eventType).put("inverse", false);

        JsonNode provenance = client.submitProvenanceQuery(query);
        final String queryId = provenance.path("id").asText();
        try {
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!provenance.path("finished").asBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(250);
                provenance = client.provenanceQuery(queryId);
            }
        } finally {
            client.deleteProvenanceQuery(queryId);
        }
        final List<Event> events = new ArrayList<>();
        for (final JsonNode summary : provenance.path("results").path("provenanceEvents")) {
            final String node = summary.path("clusterNodeId").asText(null);
            events.add(toEvent(client.provenanceEvent(summary.path("eventId").asText(), node), summary.path("clusterNodeAddress").asText(null)));
        }
        events.sort((a, b) -> Long.compare(a.eventId(), b.eventId()));
        return events;
    }

    private static Event toEvent(final JsonNode event, final String clusterNode) {
        final Map<String, String> attributes = new LinkedHashMap<>();
        for (final JsonNode attribute : event.path("attributes")) {
            if (!attribute.path("value").isNull() && !attribute.path("value").isMissingNode()) {
                attributes.put(attribute.path("name").asText(), attribute.path("value").asText());
            }
        }
        return new Event(event.path("eventId").asLong(), event.path("eventType").asText(), event.path("componentName").asText(),
                event.path("flowFileUuid").asText(), event.path("relationship").asText(null), attributes, clusterNode,
                event.path("details").asText(null));
    }
}
