package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example flow file itself: what a person imports must be complete without a running NiFi to tell. */
class QualityGateFlowDefinitionTest {

    private static final Pattern PARAMETER_REFERENCE = Pattern.compile("#\\{([^}]+)}");

    private final Path file = LocalNiFi.flowsDirectory().resolve(QualityGateFlow.DEFINITION_FILE);

    @Test
    void everyParameterThatAPropertyReferencesIsDefinedWithADefault() throws Exception {
        final FlowDefinition flow = FlowDefinition.read(file);
        final Set<String> referenced = new TreeSet<>();
        for (final JsonNode processor : flow.processors()) {
            processor.path("properties").forEach(value -> {
                final Matcher m = PARAMETER_REFERENCE.matcher(value.asText(""));
                while (m.find()) {
                    referenced.add(m.group(1));
                }
            });
        }

        assertEquals(new TreeSet<>(flow.parameterNames()), referenced, "no unused and no undefined parameters");
        referenced.forEach(name -> assertTrue(!flow.parameter(name).isBlank(), name + " has a default"));
    }

    @Test
    void profileQualityReadsTheTextAndLabelColumnsAndEachOfItsOutputsHasItsOwnWriter() throws Exception {
        final JsonNode root = NiFiRestClient.json().readTree(file.toFile()).path("flowContents");
        final JsonNode profileQuality = processorNamed(root, QualityGateFlow.PROFILE_QUALITY);
        assertEquals(QualityGateFlow.PROFILE_QUALITY_TYPE, profileQuality.path("type").asText());
        assertEquals("nifi-dq-nar", profileQuality.path("bundle").path("artifact").asText());
        assertEquals("text", profileQuality.path("properties").path("Text Field").asText());
        assertEquals("label", profileQuality.path("properties").path("Label Field").asText());
        assertEquals(root.path("controllerServices").get(0).path("identifier").asText(),
                profileQuality.path("properties").path("Record Reader").asText(), "the CSV reader inside the group");

        final List<String> outputs = new ArrayList<>();
        for (final JsonNode connection : root.path("connections")) {
            if (connection.path("source").path("id").asText().equals(profileQuality.path("identifier").asText())) {
                outputs.add(connection.path("selectedRelationships").get(0).asText() + " -> " + connection.path("destination").path("name").asText());
            }
        }
        assertEquals(List.of("below threshold -> " + QualityGateFlow.WRITE_BELOW_THRESHOLD, "failure -> " + QualityGateFlow.WRITE_FAILURES,
                "profile -> " + QualityGateFlow.WRITE_PROFILES, "success -> " + QualityGateFlow.WRITE_PASSED), outputs.stream().sorted().toList());
    }

    private static JsonNode processorNamed(final JsonNode group, final String name) {
        for (final JsonNode processor : group.path("processors")) {
            if (processor.path("name").asText().equals(name)) {
                return processor;
            }
        }
        throw new AssertionError("No processor " + name);
    }
}
