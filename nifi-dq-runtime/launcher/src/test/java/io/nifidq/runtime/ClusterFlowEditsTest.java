package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The changes that make an example flow fit for a cluster, on the real flow definitions. */
class ClusterFlowEditsTest {

    @Test
    void theQualityGateForAClusterReadsOnThePrimaryNodeAndSpreadsTheFilesRoundRobin() throws Exception {
        final FlowDefinition flow = ClusterJob.forCluster(FlowDefinition.read(LocalNiFi.flowsDirectory().resolve(QualityGateFlow.DEFINITION_FILE)));

        assertEquals("PRIMARY", processor(flow, QualityGateFlow.READ_INPUT).path("executionNode").asText());
        assertEquals("ALL", processor(flow, QualityGateFlow.PROFILE_QUALITY).path("executionNode").asText());
        final JsonNode contents = NiFiRestClient.json().readTree(flow.toBytes()).path("flowContents");
        final String read = processor(flow, QualityGateFlow.READ_INPUT).path("identifier").asText();
        for (final JsonNode connection : contents.path("connections")) {
            final boolean fromRead = read.equals(connection.path("source").path("id").asText());
            assertEquals(fromRead ? "ROUND_ROBIN" : "DO_NOT_LOAD_BALANCE", connection.path("loadBalanceStrategy").asText(),
                    connection.path("name").asText() + " " + connection.path("selectedRelationships"));
        }
    }

    @Test
    void aRenamedParameterContextKeepsItsParametersAndTheGroupUsesIt() throws Exception {
        final FlowDefinition flow = FlowDefinition.read(LocalNiFi.flowsDirectory().resolve(QualityGateFlow.DEFINITION_FILE));
        final List<String> parameters = flow.parameterNames();

        flow.withParameterContextName("quality gate, second copy").withSchedulingPeriod(QualityGateFlow.PROFILE_QUALITY, "1 sec");

        assertEquals("quality gate, second copy", flow.parameterContextName());
        assertEquals(parameters, flow.parameterNames());
        assertEquals("1 sec", processor(flow, QualityGateFlow.PROFILE_QUALITY).path("schedulingPeriod").asText());
        final JsonNode root = NiFiRestClient.json().readTree(flow.toBytes());
        assertEquals(List.of("quality gate, second copy"), List.copyOf(iterable(root.path("parameterContexts").fieldNames())));
        assertEquals("quality gate, second copy", root.path("parameterContexts").path("quality gate, second copy").path("name").asText());
    }

    @Test
    void aConnectionThatDoesNotExistIsNamed() throws Exception {
        final FlowDefinition flow = FlowDefinition.read(LocalNiFi.flowsDirectory().resolve(QualityGateFlow.DEFINITION_FILE));

        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> flow.withLoadBalance(QualityGateFlow.WRITE_PASSED, QualityGateFlow.READ_INPUT, "ROUND_ROBIN"));
        assertEquals("No connection from '" + QualityGateFlow.WRITE_PASSED + "' to '" + QualityGateFlow.READ_INPUT + "'", e.getMessage());
    }

    private static JsonNode processor(final FlowDefinition flow, final String name) {
        return flow.processors().stream().filter(p -> name.equals(p.path("name").asText())).findFirst().orElseThrow();
    }

    private static List<String> iterable(final Iterator<String> names) {
        final List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
