package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example flow docs/flows/train-and-serve.json, its n-gram model's branch, in a real NiFi with the real NAR:
 * TrainClassifier trains on the sms_spam_collection train split (its test split marked by the split field), the model
 * service loads the published model, and ClassifyText labels the test split. The macro-F1 of ClassifyText's output equals the one TrainClassifier
 * reported for the same records. A second training publishes v0002, and ClassifyText switches to it with no failure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainServeFlowIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @AutoClose
    private static LocalNiFi nifi;
    private static TrainServeFlow flow;
    private static Path trainFile;
    private static Path testFile;

    @BeforeAll
    static void importTheFlowAndWriteTheInputs() throws Exception {
        final Path split = LocalNiFi.datasets().resolve("sms_spam_collection/split");
        final Path work = Files.createTempDirectory("dq-train-serve");
        trainFile = work.resolve("sms-train.csv");
        testFile = work.resolve("sms-test.csv");
        // One training file: the train split's records, then the test split's marked as test.
        final StringBuilder both = new StringBuilder("text,label,split\n");
        for (final String part : List.of("train", "test")) {
            for (final List<String> row : Csv.records(Files.readString(split.resolve(part + ".csv"), StandardCharsets.UTF_8))) {
                both.append(Csv.line(row.get(0), row.get(1), part));
            }
        }
        Files.writeString(trainFile, both, StandardCharsets.UTF_8);
        Files.copy(split.resolve("test.csv"), testFile);

        nifi = LocalNiFi.start("train-serve");
        // The n-gram model's branch only: the encoder model's is EncoderTrainServeFlowIT's, on the small sample.
        flow = TrainServeFlow.importFlow(nifi.client(), LocalNiFi.flowsDirectory(),
                TrainServeFlow.Folders.under(nifi.instance().home().resolve("data")), EnumSet.of(TrainServeFlow.Model.NGRAM));
        flow.enableServicesExcept(Set.of(TrainServeFlow.CLASSIFIER_SERVICE), Duration.ofSeconds(60));
        flow.awaitValidated(Duration.ofSeconds(60));
        flow.startProcessors();
    }

    @Test
    @Order(1)
    void classifyTextOnTheTestSplitScoresTheMacroF1ThatTrainingReported() throws Exception {
        flow.drop(trainFile, "sms-train.csv");
        final Path report = flow.awaitOutput(flow.folders().reports(), "sms-train.csv", TIMEOUT);
        final JsonNode evaluation = NiFiRestClient.json().readTree(report.toFile());
        assertEquals("test", evaluation.path("evaluatedOn").asText());
        final double reported = evaluation.path("macroAvg").path("f1").asDouble();
        assertTrue(reported > 0.9, "reported macro-F1 " + reported);

        flow.enableService(TrainServeFlow.CLASSIFIER_SERVICE, TIMEOUT);
        flow.startProcessors();
        flow.dropToClassify(testFile, "sms-test.csv");
        final Path classified = flow.awaitOutput(flow.folders().classified(), "sms-test.csv", TIMEOUT);

        final List<List<String>> rows = Csv.parse(Files.readString(classified, StandardCharsets.UTF_8));
        assertEquals(List.of("text", "label", "prediction", "confidence"), rows.getFirst());
        final List<List<String>> records = rows.subList(1, rows.size());
        assertEquals(evaluation.path("support").asInt(), records.size(), "ClassifyText labelled exactly the reported test records");
        final double measured = macroF1(records);
        assertEquals(reported, measured, 0.01, "ClassifyText's macro-F1 on the test split against the training report's");
        assertEquals("v0001", lastSend(TrainServeFlow.WRITE_CLASSIFIED).attribute("dq.model.version"));
    }

    @Test
    @Order(2)
    void aRetrainedModelIsServedWithoutAFailedFlowFile() throws Exception {
        flow.drop(trainFile, "sms-train-again.csv");
        flow.awaitOutput(flow.folders().reports(), "sms-train-again.csv", TIMEOUT);
        assertTrue(Files.exists(flow.folders().models().resolve("v0002")));
        // The service checks every second: classify until a file comes back labelled by v0002.
        String version = "v0001";
        for (int attempt = 0; attempt < 10 && !"v0002".equals(version); attempt++) {
            final String name = "sms-test-" + attempt + ".csv";
            flow.dropToClassify(testFile, name);
            flow.awaitOutput(flow.folders().classified(), name, TIMEOUT);
            version = lastSend(TrainServeFlow.WRITE_CLASSIFIED).attribute("dq.model.version");
        }
        assertEquals("v0002", version);
        try (Stream<Path> failures = Files.list(flow.folders().failure())) {
            assertEquals(List.of(), failures.toList());
        }
        assertEquals(List.of(), nifi.client().bulletins().stream().filter(b -> "ERROR".equals(b.path("level").asText())).toList());
    }

    private static ProvenanceSearch.Event lastSend(final String writer) throws InterruptedException {
        final List<ProvenanceSearch.Event> events = new ProvenanceSearch(nifi.client())
                .awaitEvents(flow.processorId(writer), "SEND", 1, Duration.ofSeconds(60));
        return events.stream().max((a, b) -> Long.compare(a.eventId(), b.eventId())).orElseThrow();
    }

    /** Macro-F1 of label (column 1) against prediction (column 2) over the classes of the labels. */
    private static double macroF1(final List<List<String>> records) {
        final Set<String> classes = new HashSet<>();
        records.forEach(r -> classes.add(r.get(1)));
        final Map<String, int[]> counts = new HashMap<>();
        for (final List<String> r : records) {
            counts.computeIfAbsent(r.get(1), c -> new int[3])[2]++;
            counts.computeIfAbsent(r.get(2), c -> new int[3])[1]++;
            if (r.get(1).equals(r.get(2))) {
                counts.get(r.get(1))[0]++;
            }
        }
        double sum = 0;
        for (final String c : classes) {
            final int[] n = counts.get(c);
            final double precision = n[1] == 0 ? 0 : (double) n[0] / n[1];
            final double recall = n[2] == 0 ? 0 : (double) n[0] / n[2];
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return sum / classes.size();
    }
}
