package io.nifidq.processors.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencsv.CSVReader;
import io.nifidq.ml.model.TextClassifierModel;
import io.nifidq.processors.augment.AugmentProperties;
import io.nifidq.processors.augment.AugmentText;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.LabelledRows;
import io.nifidq.processors.common.TestReaders;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.helpers.MessageFormatter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainClassifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The first 400 messages of the SMS Spam Collection's training split (ham and spam, about 13% spam). */
    private static final List<String[]> SMS = LabelledRows.first("sms_spam_collection/split/train.csv", 400);

    @TempDir
    Path tmp;

    private TestRunner runner;
    private Path models;

    @BeforeEach
    void setUp() throws Exception {
        runner = TestReaders.csvRunner(TrainClassifier.class, "text", "${label.field}");
        models = tmp.resolve("models");
        runner.setProperty(TrainProperties.MODEL_DIRECTORY, models.toString());
        // A smaller table than the default keeps the tests light; everything else is the default.
        runner.setProperty(TrainProperties.BUCKETS, String.valueOf(1 << 16));
    }

    @Test
    void trainsOnRealSmsMessagesReportsTheTestSplitAndWritesAVersionedModel() throws Exception {
        train(LabelledRows.csv(SMS));
        runner.assertTransferCount(TrainClassifier.REL_SUCCESS, 1);
        runner.assertTransferCount(TrainClassifier.REL_FAILURE, 0);
        runner.assertTransferCount(TrainClassifier.REL_SUSPECTS, 0);
        final MockFlowFile out = runner.getFlowFilesForRelationship(TrainClassifier.REL_SUCCESS).getFirst();
        final JsonNode report = JSON.readTree(out.getContent());

        assertEquals(400, report.at("/records/input").asInt());
        assertEquals(400, report.at("/records/used").asInt());
        final int train = report.at("/splits/train").asInt();
        final int validation = report.at("/splits/validation").asInt();
        final int test = report.at("/splits/test").asInt();
        assertEquals(400, train + validation + test, "every record lands in exactly one split");
        assertTrue(train > validation && train > test);
        assertEquals("test", report.at("/evaluatedOn").asText());
        assertTrue(report.toString().contains("spam") && report.toString().contains("ham"));
        assertTrue(report.at("/text").asText().contains("macro avg"), report.at("/text").asText());

        final double macroF1 = Double.parseDouble(out.getAttribute(DqAttributes.Train.MACRO_F1));
        assertTrue(macroF1 > 0.8, "macro-F1 " + macroF1 + " on a 400-message sample");
        assertTrue(Double.parseDouble(out.getAttribute(DqAttributes.Train.ACCURACY)) > 0.9);
        out.assertAttributeEquals(DqAttributes.MODEL_VERSION, "v0001");
        out.assertAttributeEquals(DqAttributes.Train.DEVICE, "cpu()");
        out.assertAttributeEquals("mime.type", "application/json");
        final Path version = Path.of(out.getAttribute(DqAttributes.MODEL_PATH));
        assertEquals(models.resolve("v0001").toAbsolutePath(), version);
        assertEquals("v0001", Files.readString(models.resolve("LATEST")).trim());
        for (final String file : List.of("parameters.djl", "network.json", "featurizer.json", "labels.json", "metrics.json",
                "classification_report.txt", "metadata.json")) {
            assertTrue(Files.isRegularFile(version.resolve(file)), file);
        }
        // The content is the published metrics.json, then where the model went and the text table, in that order.
        final ObjectNode published = (ObjectNode) JSON.readTree(version.resolve("metrics.json").toFile());
        published.set("model", JSON.createObjectNode().put("version", "v0001").put("path", version.toString()));
        published.put("text", Files.readString(version.resolve("classification_report.txt")));
        assertEquals(List.copyOf(published.properties()), List.copyOf(report.properties()));

        final int epochs = Integer.parseInt(out.getAttribute(DqAttributes.Train.EPOCHS));
        assertEquals(epochs, report.at("/training/epochs").asInt());
        assertEquals(epochs, runner.getCounterValue("Training Epochs"));
        assertEquals(1, runner.getCounterValue("Models Trained"));
        final Set<ProvenanceEventType> events = runner.getProvenanceEvents().stream().map(ProvenanceEventRecord::getEventType)
                .collect(Collectors.toSet());
        assertTrue(events.containsAll(Set.of(ProvenanceEventType.CONTENT_MODIFIED, ProvenanceEventType.SEND)), events.toString());

        try (TextClassifierModel model = TextClassifierModel.load(version)) {
            assertEquals(List.of("ham", "spam"), model.labels());
            final float[][] p = model.predictProbabilities(List.of(
                    "WINNER!! You have won a free prize. Call 09061701461 now to claim your cash reward",
                    "ok see you at home later, i will bring the food"));
            assertTrue(p[0][1] > 0.5, "spam probability of an obvious spam " + p[0][1]);
            assertTrue(p[1][0] > 0.5, "ham probability of an everyday message " + p[1][0]);
        }
    }

    @Test
    void aSecondRunAddsTheNextVersionAndMovesLatest() throws Exception {
        runner.setProperty(TrainProperties.MAX_EPOCHS, "2");
        train(LabelledRows.csv(SMS));
        train(LabelledRows.csv(SMS));
        runner.assertTransferCount(TrainClassifier.REL_SUCCESS, 2);
        assertEquals("v0002", runner.getFlowFilesForRelationship(TrainClassifier.REL_SUCCESS).get(1).getAttribute(DqAttributes.MODEL_VERSION));
        assertEquals("v0002", Files.readString(models.resolve("LATEST")).trim());
        assertTrue(Files.isDirectory(models.resolve("v0001")), "earlier versions stay");
    }

    @Test
    void aSingleClassGoesToFailureWithTheReasonAndLeavesThePreviousModelUntouched() throws Exception {
        runner.setProperty(TrainProperties.MAX_EPOCHS, "2");
        train(LabelledRows.csv(SMS));
        final List<String[]> hamOnly = SMS.stream().filter(r -> r[1].equals("ham")).toList();
        train(LabelledRows.csv(hamOnly));
        runner.assertTransferCount(TrainClassifier.REL_SUCCESS, 1);
        runner.assertTransferCount(TrainClassifier.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(TrainClassifier.REL_FAILURE).getFirst();
        assertTrue(failed.getAttribute("dq.error").contains("only one class (ham)"), failed.getAttribute("dq.error"));
        failed.assertContentEquals(LabelledRows.csv(hamOnly));
        assertEquals("v0001", Files.readString(models.resolve("LATEST")).trim());
        assertFalse(Files.exists(models.resolve("v0002")));
        assertEquals(1, runner.getCounterValue("Training Failures"));
    }

    @Test
    void emptyTextsGoToFailure() {
        final List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new String[]{i % 2 == 0 ? "" : " ... !!", i % 2 == 0 ? "ham" : "spam"});
        }
        train(LabelledRows.csv(rows));
        runner.assertTransferCount(TrainClassifier.REL_FAILURE, 1);
        final String reason = runner.getFlowFilesForRelationship(TrainClassifier.REL_FAILURE).getFirst().getAttribute("dq.error");
        assertTrue(reason.startsWith("no usable text"), reason);
    }

    @Test
    void tooFewRecordsOfAClassGoToFailure() {
        final List<String[]> rows = new ArrayList<>(SMS.stream().filter(r -> r[1].equals("ham")).limit(50).toList());
        rows.add(new String[]{"Free entry! Text WIN to 80086 now", "spam"});
        train(LabelledRows.csv(rows));
        runner.assertTransferCount(TrainClassifier.REL_FAILURE, 1);
        final String reason = runner.getFlowFilesForRelationship(TrainClassifier.REL_FAILURE).getFirst().getAttribute("dq.error");
        assertTrue(reason.contains("too few records for class 'spam': 1"), reason);
    }

    @Test
    void recordsWithoutALabelAreLeftOutAndCountedAndAllUnlabelledFails() throws Exception {
        runner.setProperty(TrainProperties.MAX_EPOCHS, "2");
        final List<String[]> rows = new ArrayList<>(SMS);
        rows.add(new String[]{"who knows what this is", ""});
        rows.add(new String[]{"nor this one", "  "});
        train(LabelledRows.csv(rows));
        runner.assertTransferCount(TrainClassifier.REL_SUCCESS, 1);
        final JsonNode report = JSON.readTree(runner.getFlowFilesForRelationship(TrainClassifier.REL_SUCCESS).getFirst().getContent());
        assertEquals(402, report.at("/records/input").asInt());
        assertEquals(2, report.at("/records/missingLabel").asInt());
        assertEquals(400, report.at("/records/used").asInt());

        runner.clearTransferState();
        train(LabelledRows.csv(SMS.stream().map(r -> new String[]{r[0], ""}).toList()));
        runner.assertTransferCount(TrainClassifier.REL_FAILURE, 1);
    }

    @Test
    void anUnwritableModelDirectoryGoesToFailure() throws Exception {
        final Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
        runner.setProperty(TrainProperties.MODEL_DIRECTORY, file.resolve("models").toString());
        runner.setProperty(TrainProperties.MAX_EPOCHS, "1");
        train(LabelledRows.csv(SMS));
        runner.assertTransferCount(TrainClassifier.REL_SUCCESS, 0);
        runner.assertTransferCount(TrainClassifier.REL_FAILURE, 1);
        final String reason = runner.getFlowFilesForRelationship(TrainClassifier.REL_FAILURE).getFirst().getAttribute("dq.error");
        assertTrue(reason.contains("not-a-directory"), reason);
        assertEquals("x", Files.readString(file));
    }

    @Test
    void flaggingSendsSuspectedLabelErrorsWithGivenAndPredictedLabels() throws Exception {
        TestReaders.useRfc4180CsvWriter(runner, TrainProperties.RECORD_WRITER);
        runner.setProperty(TrainProperties.LABEL_NOISE, "FLAG");
        runner.setProperty(TrainProperties.FOLDS, "3");
        final List<String[]> noisy = new ArrayList<>();
        final Set<String> flippedTexts = new java.util.HashSet<>();
        final Random random = new Random(5);
        for (final String[] r : SMS) {
            final boolean flip = random.nextDouble() < 0.1;
            if (flip) {
                flippedTexts.add(r[0]);
            }
            noisy.add(new String[]{r[0], flip ? (r[1].equals("ham") ? "spam" : "ham") : r[1]});
        }
        train(LabelledRows.csv(noisy));
        runner.assertTransferCount(TrainClassifier.REL_SUCCESS, 1);
        runner.assertTransferCount(TrainClassifier.REL_SUSPECTS, 1);
        final MockFlowFile success = runner.getFlowFilesForRelationship(TrainClassifier.REL_SUCCESS).getFirst();
        final MockFlowFile suspects = runner.getFlowFilesForRelationship(TrainClassifier.REL_SUSPECTS).getFirst();
        final int count = Integer.parseInt(success.getAttribute(DqAttributes.Train.SUSPECTS));
        suspects.assertAttributeEquals("record.count", String.valueOf(count));
        assertEquals(count, JSON.readTree(success.getContent()).at("/labelNoise/suspects").asInt());
        final List<String[]> rows = new CSVReader(new java.io.StringReader(suspects.getContent())).readAll();
        assertEquals(List.of("text", "label", "dq_suspect_given_label", "dq_suspect_predicted_label", "dq_suspect_confidence"),
                List.of(rows.getFirst()));
        assertEquals(count, rows.size() - 1);
        long reallyFlipped = 0;
        for (final String[] row : rows.subList(1, rows.size())) {
            assertEquals(row[1], row[2], "the given label is the record's label");
            assertNotEquals(row[2], row[3], "a suspect's predicted label differs from its given label");
            reallyFlipped += flippedTexts.contains(row[0]) ? 1 : 0;
        }
        // 10% of the labels were flipped: flags that beat chance by far point at the flipped records.
        assertTrue(reallyFlipped >= 10 && reallyFlipped >= 0.25 * count,
                reallyFlipped + " of " + count + " suspects had their label flipped (" + flippedTexts.size() + " flipped in all)");
    }

    @Test
    void augmentTextCopiesTrainWithTheirSourceAndAreNeverEvaluated() throws Exception {
        runner.setProperty(TrainProperties.MAX_EPOCHS, "2");
        final StringBuilder csv = new StringBuilder("text,label,dq_augmented,dq_source_index\r\n");
        final List<String[]> rows = SMS.subList(0, 200);
        for (int i = 0; i < rows.size(); i++) {
            // AugmentText's layout: each original (its own position as source index) followed by one copy.
            csv.append(quote(rows.get(i)[0])).append(',').append(rows.get(i)[1]).append(",false,").append(i).append("\r\n");
            csv.append(quote(rows.get(i)[0] + " really")).append(',').append(rows.get(i)[1]).append(",true,").append(i).append("\r\n");
        }
        train(csv.toString());
        assertEachOfTheCopiesTrainedWithItsSource(200);
    }

    @ParameterizedTest(name = "marker fields {0} and {1}")
    @CsvSource({"dq_augmented,dq_source_index", "is_copy,origin"})
    void augmentTextsRealOutputKeepsEachCopyWithItsSourceWhateverTheMarkerFieldsAreCalled(final String augmentedField,
                                                                                          final String sourceIndexField)
            throws Exception {
        final TestRunner augment = TestRunners.newTestRunner(AugmentText.class);
        TestReaders.useCsvReader(augment);
        TestReaders.useRfc4180CsvWriter(augment, AugmentProperties.RECORD_WRITER);
        augment.setProperty(AugmentProperties.TEXT_FIELD, "text");
        augment.setProperty(AugmentProperties.COPIES_PER_RECORD, "1");
        augment.setProperty(AugmentProperties.AUGMENTED_FIELD, augmentedField);
        augment.setProperty(AugmentProperties.SOURCE_INDEX_FIELD, sourceIndexField);
        augment.enqueue(LabelledRows.csv(SMS.subList(0, 200)));
        augment.run();
        augment.assertAllFlowFilesTransferred(AugmentText.REL_SUCCESS, 1);
        final MockFlowFile augmented = augment.getFlowFilesForRelationship(AugmentText.REL_SUCCESS).getFirst();
        augmented.assertAttributeEquals("record.count", "400");

        runner.setProperty(TrainProperties.MAX_EPOCHS, "2");
        runner.setProperty(TrainProperties.AUGMENTED_FIELD, augmentedField);
        runner.setProperty(TrainProperties.SOURCE_INDEX_FIELD, sourceIndexField);
        train(augmented.getContent());
        assertEachOfTheCopiesTrainedWithItsSource(200);
    }

    @Test
    void countersHaveFixedNamesAndTheLogTellsEachEpochsLossAndF1() throws Exception {
        runner.setProperty(TrainProperties.MAX_EPOCHS, "3");
        runner.setProperty(TrainProperties.PATIENCE, "3");
        train(LabelledRows.csv(SMS));
        final MockFlowFile out = runner.getFlowFilesForRelationship(TrainClassifier.REL_SUCCESS).getFirst();
        final int epochs = Integer.parseInt(out.getAttribute(DqAttributes.Train.EPOCHS));
        assertEquals(3, epochs);
        assertEquals(epochs, runner.getCounterValue("Training Epochs"));
        assertEquals(1, runner.getCounterValue("Models Trained"));
        assertEquals(400, runner.getCounterValue("Records Trained On"));
        for (int epoch = 1; epoch <= epochs; epoch++) {
            assertNull(runner.getCounterValue("Epoch " + epoch + " Loss x 10000"), "no counter per epoch");
            assertNull(runner.getCounterValue("Epoch " + epoch + " Validation Macro-F1 x 10000"), "no counter per epoch");
            final String prefix = "epoch " + epoch + ": loss ";
            assertTrue(infoLines().stream().anyMatch(line -> line.contains(prefix) && line.contains(", validation macro-F1 ")),
                    "a log line for epoch " + epoch + " in " + infoLines());
        }
    }

    @Test
    void aLabelNoiseRunShowsEachModelAndEpochInFixedCountersAndTheLogWhileItTrains() throws Exception {
        runner.setProperty(TrainProperties.LABEL_NOISE, "FLAG");
        runner.setProperty(TrainProperties.FOLDS, "3");
        runner.setProperty(TrainProperties.MAX_EPOCHS, "2");
        runner.setProperty(TrainProperties.PATIENCE, "2");
        train(LabelledRows.csv(SMS));
        runner.assertTransferCount(TrainClassifier.REL_SUCCESS, 1);
        final int trainRecords = JSON.readTree(runner.getFlowFilesForRelationship(TrainClassifier.REL_SUCCESS).getFirst().getContent())
                .at("/splits/train").asInt();

        assertEquals(3, runner.getCounterValue("Out-of-Fold Models Trained"));
        assertEquals(1, runner.getCounterValue("Label-Noise Passes Started"));
        assertEquals(1, runner.getCounterValue("Models Trained"));
        assertEquals(4 * 2, runner.getCounterValue("Training Epochs"), "two epochs of each fold model and of the final model");

        final List<String> stages = infoLines().stream().filter(line -> line.contains(": training the ")).toList();
        assertEquals(4, stages.size(), stages.toString());
        for (int fold = 1; fold <= 3; fold++) {
            final String stage = stages.get(fold - 1);
            assertTrue(stage.matches(".*: training the label-noise pass 1 of 1, fold " + fold + " of 3 on \\d+ records"), stage);
        }
        assertTrue(stages.get(3).endsWith(": training the final model on " + trainRecords + " records"), stages.get(3));
        final List<String> epochs = infoLines().stream().filter(line -> line.contains("epoch ") && line.contains(": loss ")).toList();
        assertEquals(8, epochs.size(), epochs.toString());
        for (final String epoch : epochs) {
            assertTrue(epoch.matches(".*: (label-noise pass 1 of 1, fold [123] of 3|final model), epoch [12]: loss \\d+\\.\\d{5}, "
                    + "validation macro-F1 (\\d\\.\\d{4}|NaN), \\d+ records/s, \\d+ ms"), epoch);
        }
    }

    @Test
    void sharesMustLeaveATestSplit() {
        runner.setProperty(TrainProperties.TRAIN_SHARE, "0.9");
        runner.setProperty(TrainProperties.VALIDATION_SHARE, "0.1");
        runner.assertNotValid();
        runner.setProperty(TrainProperties.VALIDATION_SHARE, "0.05");
        runner.assertValid();
    }

    /** The report of the one model trained on {@code originals} records, each followed by one copy. */
    private void assertEachOfTheCopiesTrainedWithItsSource(final int originals) throws Exception {
        runner.assertTransferCount(TrainClassifier.REL_SUCCESS, 1);
        final JsonNode report = JSON.readTree(runner.getFlowFilesForRelationship(TrainClassifier.REL_SUCCESS).getFirst().getContent());
        assertEquals(2 * originals, report.at("/records/used").asInt());
        assertEquals(originals, report.at("/records/augmented").asInt());
        final int trainOriginals = report.at("/splits/train").asInt() - report.at("/splits/trainAugmented").asInt();
        assertEquals(originals, trainOriginals + report.at("/splits/validation").asInt() + report.at("/splits/test").asInt(),
                "validation and test hold originals only");
        assertEquals(trainOriginals, report.at("/splits/trainAugmented").asInt(), "every training original brings its copy");
        assertEquals(originals - trainOriginals, report.at("/splits/augmentedLeftOut").asInt(), "copies of evaluation records are dropped");
    }

    private void train(final String csv) {
        runner.enqueue(csv, java.util.Map.of("label.field", "label"));
        runner.run();
        runner.getFlowFilesForRelationship(TrainClassifier.REL_FAILURE)
                .forEach(f -> System.out.println("failure: " + f.getAttribute("dq.error")));
    }

    private List<String> infoLines() {
        return runner.getLogger().getInfoMessages().stream()
                .map(m -> MessageFormatter.arrayFormat(m.getMsg(), m.getArgs()).getMessage()).toList();
    }

    private static String quote(final String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
