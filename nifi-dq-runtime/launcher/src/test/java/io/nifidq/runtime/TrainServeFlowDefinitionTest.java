package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifidq.runtime.TrainServeFlow.Model;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example flow file docs/flows/train-and-serve.json: two models, each its own branch, fed the same files. */
class TrainServeFlowDefinitionTest {

    private static final Pattern PARAMETER_REFERENCE = Pattern.compile("#\\{([^}]+)}");
    private static final String READ_TRAINING = "Read training files";
    private static final String READ_TO_CLASSIFY = "Read files to classify";

    private final Path file = LocalNiFi.flowsDirectory().resolve(TrainServeFlow.DEFINITION_FILE);

    @Test
    void everyParameterThatAComponentReferencesIsDefinedWithADefaultAndEveryFolderHasOne() throws Exception {
        final FlowDefinition flow = FlowDefinition.read(file);
        final Set<String> referenced = new TreeSet<>();
        for (final JsonNode component : components(contents())) {
            component.path("properties").forEach(value -> {
                final Matcher m = PARAMETER_REFERENCE.matcher(value.asText(""));
                while (m.find()) {
                    referenced.add(m.group(1));
                }
            });
        }
        assertEquals(new TreeSet<>(flow.parameterNames()), referenced, "no unused and no undefined parameters");
        referenced.forEach(name -> assertFalse(flow.parameter(name).isBlank(), name + " has a default"));
        assertEquals(new TreeSet<>(TrainServeFlow.Folders.under(Path.of("data")).byParameter().keySet()), referenced,
                "TrainServeFlow.Folders sets every parameter");
        final Set<String> defaults = new HashSet<>();
        referenced.forEach(name -> defaults.add(flow.parameter(name)));
        assertEquals(referenced.size(), defaults.size(), "each folder a folder of its own");
    }

    @Test
    void bothTrainClassifiersReadTheSameTrainingFilesAndBothClassifyTextsTheSameFilesToClassify() throws Exception {
        final JsonNode root = contents();
        for (final Model model : Model.values()) {
            assertTrue(outputs(root, READ_TRAINING).contains("success -> " + model.train()), model + ": " + outputs(root, READ_TRAINING));
            assertTrue(outputs(root, READ_TO_CLASSIFY).contains("success -> " + model.classify()), model.toString());
        }
        assertEquals("PRETRAINED_ENCODER", property(root, TrainServeFlow.TRAIN_ENCODER, "Model Type"));
        assertEquals("DETECTED", property(root, TrainServeFlow.TRAIN_ENCODER, "Encoder"), "the default: by detected language");
        assertEquals("", property(root, TrainServeFlow.TRAIN, "Model Type"), "the n-gram model: the default, fastText-style");
        assertEquals(property(root, TrainServeFlow.TRAIN, "Split Field"), property(root, TrainServeFlow.TRAIN_ENCODER, "Split Field"));
    }

    @Test
    void eachModelHasItsOwnModelFolderServiceClassifyTextAndOutputs() throws Exception {
        final JsonNode root = contents();
        final Set<String> modelFolders = new HashSet<>();
        for (final Model model : Model.values()) {
            final String folder = property(root, model.train(), "Model Directory");
            assertTrue(modelFolders.add(folder), folder);
            final JsonNode service = named(root.path("controllerServices"), model.service());
            assertEquals(folder, service.path("properties").path("Model Directory").asText(), model + "'s service reads its model folder");
            assertEquals(service.path("identifier").asText(), property(root, model.classify(), "Text Classifier"));
            assertEquals(List.of("failure -> " + model.writeFailures(), "success -> " + model.writeReports()), outputs(root, model.train()));
            assertEquals(List.of("failure -> " + model.writeFailures(), "low confidence -> " + model.writeClassified(),
                    "success -> " + model.writeClassified()), outputs(root, model.classify()));
        }
    }

    @Test
    void leavingOutTheEncoderModelLeavesTheNgramModelsBranchWhole() throws Exception {
        final List<String> encoder = List.of(TrainServeFlow.TRAIN_ENCODER, TrainServeFlow.WRITE_ENCODER_REPORTS, TrainServeFlow.CLASSIFY_ENCODER,
                TrainServeFlow.WRITE_ENCODER_CLASSIFIED, TrainServeFlow.WRITE_ENCODER_FAILURES, TrainServeFlow.ENCODER_CLASSIFIER_SERVICE);
        final JsonNode root = NiFiRestClient.json().readTree(FlowDefinition.read(file).withoutComponents(encoder).toBytes()).path("flowContents");
        final Set<String> ids = new HashSet<>();
        components(root).forEach(c -> {
            assertFalse(encoder.contains(c.path("name").asText()), c.path("name").asText());
            ids.add(c.path("identifier").asText());
        });
        assertEquals(7 + 3, ids.size(), "the n-gram branch's seven processors and three services");
        for (final JsonNode connection : root.path("connections")) {
            assertTrue(ids.contains(connection.path("source").path("id").asText()) && ids.contains(connection.path("destination").path("id").asText()),
                    connection.toString());
        }
        assertEquals(List.of("success -> " + TrainServeFlow.TRAIN), outputs(root, READ_TRAINING));
        assertEquals(List.of("success -> " + TrainServeFlow.CLASSIFY), outputs(root, READ_TO_CLASSIFY));
    }

    private JsonNode contents() throws Exception {
        return NiFiRestClient.json().readTree(file.toFile()).path("flowContents");
    }

    private static List<JsonNode> components(final JsonNode root) {
        final List<JsonNode> components = new ArrayList<>();
        root.path("processors").forEach(components::add);
        root.path("controllerServices").forEach(components::add);
        return components;
    }

    private static String property(final JsonNode root, final String processor, final String property) {
        return named(root.path("processors"), processor).path("properties").path(property).asText("");
    }

    /** "relationship -> destination" for each relationship of each connection leaving {@code processor}, sorted. */
    private static List<String> outputs(final JsonNode root, final String processor) {
        final String id = named(root.path("processors"), processor).path("identifier").asText();
        final List<String> outputs = new ArrayList<>();
        for (final JsonNode connection : root.path("connections")) {
            if (connection.path("source").path("id").asText().equals(id)) {
                connection.path("selectedRelationships").forEach(r -> outputs.add(r.asText() + " -> " + connection.path("destination").path("name").asText()));
            }
        }
        return outputs.stream().sorted().toList();
    }

    private static JsonNode named(final JsonNode components, final String name) {
        for (final JsonNode component : components) {
            if (component.path("name").asText().equals(name)) {
                return component;
            }
        }
        throw new AssertionError("No component " + name);
    }
}
