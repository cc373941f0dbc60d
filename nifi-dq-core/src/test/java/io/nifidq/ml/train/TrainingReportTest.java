package io.nifidq.ml.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.ml.model.ModelMetadata;
import io.nifidq.ml.model.ModelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The training report's JSON: its keys, their order and the kind of each value stay those of the report TrainClassifier
 * documents. The shapes under src/test/resources/TrainingReportTest/ were recorded from the report as it was built by hand
 * (a map) before it became typed; the values of those runs came out the same to the last digit, timings aside.
 */
class TrainingReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFlaggingRunKeepsTheDocumentedKeys() throws Exception {
        final JobSettings settings = job(TextClassifierTrainerTest.SMALL, LabelNoiseHandling.FLAG).build();
        assertShape("flag.txt", new TrainingJob(settings).run(new SyntheticTexts(40, 2, 2L).data(), EpochListener.NONE));
    }

    @Test
    void aPruningTextCnnRunAddsPrunedFromTrainAndCnnFilters() throws Exception {
        final JobSettings settings = job(TextClassifierTrainerTest.SMALL.toBuilder().optModelType(ModelType.TEXTCNN).build(),
                LabelNoiseHandling.PRUNE).build();
        assertShape("prune-textcnn.txt", new TrainingJob(settings).run(SyntheticTexts.everyTenthLabelFlipped(), EpochListener.NONE));
    }

    @Test
    void aRelabellingRunWithoutValidationAddsRelabelledInTrainAndNoBestF1() throws Exception {
        final JobSettings settings = job(TextClassifierTrainerTest.SMALL, LabelNoiseHandling.RELABEL).optShares(0.8, 0.0).build();
        assertShape("relabel-no-validation.txt",
                new TrainingJob(settings).run(SyntheticTexts.everyTenthLabelFlipped(), EpochListener.NONE));
    }

    @Test
    void modelAndTextAreAddedAtTheEndAndLeftOutUntilThen() throws Exception {
        final TrainingJobResult result = new TrainingJob(job(TextClassifierTrainerTest.SMALL, LabelNoiseHandling.OFF).build())
                .run(new SyntheticTexts(20, 2, 6L).data(), EpochListener.NONE);
        final TrainingReport report = result.trainingReport();
        final List<String> plain = topLevelKeys(report);
        assertEquals(List.of("classes", "accuracy", "microAvg", "macroAvg", "weightedAvg", "support", "confusionMatrix", "evaluatedOn",
                "records", "splits", "training", "labelNoise"), plain);

        final TrainingReport published = report.withModel("v0007", "/models/spam/v0007").withText(result.evaluation().toText());
        final JsonNode json = tree(published);
        final List<String> keys = topLevelKeys(published);
        assertEquals(plain, keys.subList(0, plain.size()), "the job's report comes first, unchanged");
        assertEquals(List.of("model", "text"), keys.subList(plain.size(), keys.size()));
        assertEquals("{\"version\":\"v0007\",\"path\":\"/models/spam/v0007\"}", json.get("model").toString());
        assertEquals(result.evaluation().toText(), json.get("text").asText());
    }

    @Test
    void theMapFormWritesTheSameJsonAsTheReport() throws Exception {
        final TrainingReport report = new TrainingJob(job(TextClassifierTrainerTest.SMALL, LabelNoiseHandling.OFF).build())
                .run(new SyntheticTexts(20, 2, 6L).data(), EpochListener.NONE).trainingReport().withModel("v0001", "/m/v0001");
        assertEquals(JSON.writeValueAsString(report), JSON.writeValueAsString(report.toMap()));
    }

    @Test
    void thePublishedMetricsAndMetadataHoldTheReport(@TempDir final Path models) throws Exception {
        final TrainingData data = new SyntheticTexts(20, 2, 6L).data();
        final TrainingJobResult result = new TrainingJob(job(TextClassifierTrainerTest.SMALL, LabelNoiseHandling.OFF).build())
                .run(data, EpochListener.NONE);
        final Path version = ModelPublisher.publish(models, result, data);
        final JsonNode expected = tree(result.trainingReport());
        assertEquals(expected, JSON.readTree(version.resolve(ModelPublisher.METRICS).toFile()));
        assertEquals(expected, tree(ModelMetadata.read(version).metrics()));
    }

    private static List<String> topLevelKeys(final TrainingReport report) throws IOException {
        final List<String> keys = new ArrayList<>();
        tree(report).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** The tree of the value's JSON text (so that a float and the double it is written as compare equal). */
    private static JsonNode tree(final Object value) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(value));
    }

    /** Three folds and one pass keep the runs short. */
    private static JobSettings.Builder job(final TrainingSettings training, final LabelNoiseHandling handling) {
        return JobSettings.builder().optTraining(training).optLabelNoise(handling).optFolds(3).optLabelNoisePasses(1);
    }

    private static void assertShape(final String fixture, final TrainingJobResult result) throws IOException {
        final List<String> actual = shape(tree(result.trainingReport()));
        final String dump = System.getProperty("training.report.dump");
        if (dump != null) {
            Files.writeString(Path.of(dump, fixture), String.join("\n", actual) + "\n");
            Files.writeString(Path.of(dump, fixture.replace(".txt", ".json")), JSON.writeValueAsString(result.trainingReport()));
        }
        assertEquals(expected(fixture), actual);
    }

    private static List<String> expected(final String fixture) throws IOException {
        try (InputStream in = TrainingReportTest.class.getResourceAsStream("/TrainingReportTest/" + fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Every path of the tree in document order with the kind of its value: "splits.train integer", "classWeights[] decimal". */
    static List<String> shape(final JsonNode root) {
        final Set<String> lines = new LinkedHashSet<>();
        walk("", root, lines);
        return new ArrayList<>(lines);
    }

    private static void walk(final String path, final JsonNode node, final Set<String> lines) {
        if (node.isObject()) {
            if (!path.isEmpty()) {
                lines.add(path + " object");
            }
            for (final Map.Entry<String, JsonNode> field : node.properties()) {
                walk(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), lines);
            }
        } else if (node.isArray()) {
            lines.add(path + " array");
            node.forEach(element -> walk(path + "[]", element, lines));
        } else {
            lines.add(path + " " + kind(node));
        }
    }

    private static String kind(final JsonNode leaf) {
        if (leaf.isIntegralNumber()) {
            return "integer";
        }
        if (leaf.isNumber()) {
            return "decimal";
        }
        return leaf.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
