package io.nifidq.runtime;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST client against a local HTTP server that answers as a NiFi cluster does while a node joins. */
class NiFiRestClientTest {

    private static final String CONNECTING = "Cluster is unable to service request to change flow: Node 127.0.0.1:18192 is currently connecting";

    private HttpServer server;

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aChangeRefusedWhileANodeConnectsIsSentAgainUntilTheClusterTakesIt() {
        final AtomicInteger requests = serve(List.of(409, 409, 200), List.of(CONNECTING, CONNECTING, "{\"id\":\"created\"}"));

        final var answer = client().post("process-groups/g/processors", NiFiRestClient.json().createObjectNode());

        assertEquals("created", answer.path("id").asText());
        assertEquals(3, requests.get());
    }

    @Test
    void anyOtherConflictFailsAtOnceWithNiFisReason() {
        final AtomicInteger requests = serve(List.of(409), List.of("Node 127.0.0.1:18192 is currently disconnected"));

        final NiFiApiException e = assertThrows(NiFiApiException.class,
                () -> client().put("processors/p", NiFiRestClient.json().createObjectNode()));

        assertEquals(409, e.status());
        assertTrue(e.getMessage().endsWith("is currently disconnected"), e.getMessage());
        assertEquals(1, requests.get());
    }

    /** Answers the n-th request with the n-th status and body (the last one again after that); counts the requests. */
    private AtomicInteger serve(final List<Integer> statuses, final List<String> bodies) {
        final AtomicInteger requests = new AtomicInteger();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/nifi-api/", exchange -> {
            final int n = Math.min(requests.getAndIncrement(), statuses.size() - 1);
            final byte[] body = bodies.get(n).getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(statuses.get(n), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return requests;
    }

    private NiFiRestClient client() {
        return new NiFiRestClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nifi-api/"));
    }
}
