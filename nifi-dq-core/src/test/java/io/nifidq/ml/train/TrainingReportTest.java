package io.nifidq.ml.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.ml.model.ModelType;
import org.junit.jupiter.api.Test;

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
 * before it became typed.
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
        assertShape("prune-textcnn.txt", new TrainingJob(settings).run(flippedEveryTenth(), EpochListener.NONE));
    }

    @Test
    void aRelabellingRunWithoutValidationAddsRelabelledInTrainAndNoBestF1() throws Exception {
        final JobSettings settings = job(TextClassifierTrainerTest.SMALL, LabelNoiseHandling.RELABEL).optShares(0.8, 0.0).build();
        assertShape("relabel-no-validation.txt", new TrainingJob(settings).run(flippedEveryTenth(), EpochListener.NONE));
    }

    /** Three folds and one pass keep the runs short. */
    private static JobSettings.Builder job(final TrainingSettings training, final LabelNoiseHandling handling) {
        return JobSettings.builder().optTraining(training).optLabelNoise(handling).optFolds(3).optLabelNoisePasses(1);
    }

    private static TrainingData flippedEveryTenth() {
        final SyntheticTexts corpus = new SyntheticTexts(60, 2, 3L);
        final TrainingData data = new TrainingData();
        for (int i = 0; i < corpus.texts.size(); i++) {
            final String label = corpus.labels.get(i);
            data.add(corpus.texts.get(i), i % 10 == 0 ? (label.equals("class0") ? "class1" : "class0") : label, false, null);
        }
        return data;
    }

    private static void assertShape(final String fixture, final TrainingJobResult result) throws IOException {
        final List<String> actual = shape(JSON.readTree(JSON.writeValueAsString(result.report())));
        final String dump = System.getProperty("training.report.dump");
        if (dump != null) {
            Files.writeString(Path.of(dump, fixture), String.join("\n", actual) + "\n");
            Files.writeString(Path.of(dump, fixture.replace(".txt", ".json")), JSON.writeValueAsString(result.report()));
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
