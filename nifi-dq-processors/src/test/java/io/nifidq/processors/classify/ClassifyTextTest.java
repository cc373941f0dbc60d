package io.nifidq.processors.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.ml.model.NetworkWeights;
import io.nifidq.ml.features.FeaturizerSettings;
import io.nifidq.ml.features.HashingFeaturizer;
import io.nifidq.ml.model.ModelFiles;
import io.nifidq.ml.model.ModelMetadata;
import io.nifidq.ml.model.ModelStore;
import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.train.ClassWeighting;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.TextClassifierTrainer;
import io.nifidq.ml.train.TrainingOutcome;
import io.nifidq.ml.train.TrainingSettings;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.TestReaders;
import io.nifidq.processors.common.TrackingWriterFactory;
import io.nifidq.service.DjlTextClassifierService;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifyTextTest {

    private static final List<String> TEXTS = List.of(
            "refund my invoice please", "the payment failed again", "billing charge twice", "invoice missing",
            "app crash on start", "error when saving", "it freezes and times out", "bug in the login",
            "great app thanks", "love it", "awesome update, happy", "thanks for the fix");
    private static final List<String> LABELS = List.of("billing", "bug", "praise");

    @TempDir
    static Path models;

    private TestRunner runner;
    private DjlTextClassifierService service;

    /** A real model, trained here on a dozen support messages and published the way TrainClassifier publishes. */
    @BeforeAll
    static void publishModel() throws IOException {
        final TrainingSettings settings = TrainingSettings.builder()
                .optModelType(ModelType.FASTTEXT)
                .optFeaturizer(FeaturizerSettings.builder().optBuckets(1 << 12).optWordNgramMax(2).optCharNgrams(3, 4).optMaxIds(100).build())
                .optEmbeddingSize(8)
                .optMaxEpochs(30)
                .optBatchSize(4)
                .optLearningRate(0.05f)
                .optClassWeighting(ClassWeighting.NONE)
                .optPatience(30)
                .optTimeBudget(Duration.ofMinutes(1))
                .optSeed(1L)
                .optCnnFilters(8)
                .build();
        final int[] classes = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
        final int[] all = IntStream.range(0, TEXTS.size()).toArray();
        final TrainingOutcome<NetworkWeights> outcome = new TextClassifierTrainer(settings).train(new HashingFeaturizer(settings.featurizer())
                .featurizeAll(TEXTS), classes, LABELS.size(), all, all, EpochListener.NONE);
        new ModelStore(models).write(new ModelMetadata("FASTTEXT", "test", ModelMetadata.CURRENT_FORMAT_VERSION, LABELS, "none",
                Map.of(), "2026-11-28T00:00:00Z"), dir -> ModelFiles.write(dir, outcome.weights(), settings.featurizer(), LABELS));
    }

    @BeforeEach
    void setUp() throws Exception {
        service = new DjlTextClassifierService();
        runner = ModelServiceRunners.classifyTextWith(service, models, Map.of());
    }

    @AfterEach
    void tearDown() {
        ModelServiceRunners.disable(runner, service);
    }

    private MockFlowFile only(final org.apache.nifi.processor.Relationship relationship) {
        runner.assertTransferCount(relationship, 1);
        return runner.getFlowFilesForRelationship(relationship).getFirst();
    }

    @Test
    void everyRecordGetsItsPredictedLabelAndConfidence() {
        runner.enqueue("""
                id,text
                1,refund my invoice please
                2,app crash on start
                3,love it
                """);
        runner.run();
        runner.assertTransferCount(ClassifyText.REL_LOW_CONFIDENCE, 0);
        final MockFlowFile out = only(ClassifyText.REL_SUCCESS);
        final List<String[]> rows = out.getContent().lines().skip(1).map(line -> line.split(",")).toList();
        assertEquals(List.of("billing", "bug", "praise"), rows.stream().map(r -> r[2]).toList());
        rows.forEach(r -> assertTrue(Double.parseDouble(r[3]) > 1.0 / 3 && Double.parseDouble(r[3]) <= 1.0, "confidence " + r[3]));
        assertTrue(out.getContent().startsWith("id,text,prediction,confidence\n"), out.getContent());
        out.assertAttributeEquals("record.count", "3");
        out.assertAttributeEquals(DqAttributes.RECORDS_IN, "3");
        out.assertAttributeEquals(DqAttributes.Classify.RECORDS_LOW_CONFIDENCE, "0");
        out.assertAttributeEquals(DqAttributes.MODEL_VERSION, "v0001");
        out.assertAttributeEquals(DqAttributes.MODEL_DEVICE, "cpu()");
        assertEquals(3, runner.getCounterValue("Records Classified"));
        assertTrue(runner.getProvenanceEvents().stream().anyMatch(e -> e.getEventType() == ProvenanceEventType.CONTENT_MODIFIED));
    }

    @Test
    void recordsUnderTheConfidenceThresholdGoToTheirOwnFlowFile() {
        runner.setProperty(ClassifyProperties.CONFIDENCE_THRESHOLD, "0.99999");
        runner.setProperty(ClassifyProperties.BATCH_SIZE, "2");
        runner.enqueue("id,text\n1,refund my invoice please\n2,app crash on start\n3,something else entirely\n4,\n");
        runner.run();
        final MockFlowFile success = only(ClassifyText.REL_SUCCESS);
        final MockFlowFile low = only(ClassifyText.REL_LOW_CONFIDENCE);
        final long kept = Long.parseLong(success.getAttribute("record.count"));
        final long below = Long.parseLong(low.getAttribute("record.count"));
        assertEquals(4, kept + below, "records in = records on success + records on low confidence");
        assertEquals(String.valueOf(below), success.getAttribute(DqAttributes.Classify.RECORDS_LOW_CONFIDENCE));
        assertTrue(below >= 1, "a text unlike any training text is not classified with 0.99999 confidence");
        assertTrue(success.getContent().contains("4,,,"), "a record without text stays on success with no prediction: "
                + success.getContent());
        low.assertAttributeEquals(DqAttributes.MODEL_VERSION, "v0001");
    }

    @Test
    void recordsWithoutTextArePassedOnWithANullPredictionAndCounted() {
        runner.enqueue("id,text\n1,\n2,   \n3,love it\n");
        runner.run();
        final MockFlowFile out = only(ClassifyText.REL_SUCCESS);
        out.assertAttributeEquals(DqAttributes.Classify.RECORDS_WITHOUT_TEXT, "2");
        final List<String> lines = out.getContent().lines().toList();
        assertEquals("1,,,", lines.get(1));
        assertTrue(lines.get(3).startsWith("3,love it,praise,"), lines.get(3));
    }

    @Test
    void topKWritesTheMostProbableLabelsWithTheirProbabilities() throws Exception {
        TestReaders.useJsonWriter(runner);
        runner.setProperty(ClassifyProperties.TOP_K, "2");
        runner.enqueue("id,text\n1,billing charge twice\n");
        runner.run();
        final JsonNode record = new ObjectMapper().readTree(only(ClassifyText.REL_SUCCESS).getContent()).get(0);
        assertEquals("billing", record.get("prediction").asText());
        final JsonNode top = record.get("top_labels");
        assertEquals(2, top.size());
        assertEquals(record.get("confidence").asDouble(), top.get("billing").asDouble(), 1e-9);
    }

    @Test
    void aTextFieldThatIsNotThereSendsTheFlowFileToFailureUntouched() {
        runner.setProperty(ClassifyProperties.TEXT_FIELD, "message");
        final String csv = "id,text\n1,love it\n";
        runner.enqueue(csv);
        runner.run();
        final MockFlowFile failed = only(ClassifyText.REL_FAILURE);
        failed.assertContentEquals(csv);
        assertTrue(failed.getAttribute("dq.error").contains("Text Field 'message' is not a field"), failed.getAttribute("dq.error"));
        runner.assertTransferCount(ClassifyText.REL_LOW_CONFIDENCE, 0);
    }

    @Test
    void anEmptyFlowFileAndMalformedCsvAreHandled() {
        runner.enqueue("");
        runner.enqueue("id,text\n1,\"unterminated\n");
        runner.run(2);
        runner.assertTransferCount(ClassifyText.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(ClassifyText.REL_SUCCESS).getFirst().assertAttributeEquals(DqAttributes.RECORDS_IN, "0");
        runner.assertTransferCount(ClassifyText.REL_FAILURE, 1);
    }

    @Test
    void aReadErrorAfterALowConfidenceRecordClosesEveryWriterAndLeavesOnlyTheFailedFlowFile() throws Exception {
        final TrackingWriterFactory writers = TrackingWriterFactory.use(runner, ClassifyProperties.RECORD_WRITER);
        runner.setProperty(ClassifyProperties.CONFIDENCE_THRESHOLD, "0.99999");
        runner.setProperty(ClassifyProperties.BATCH_SIZE, "1");
        final String csv = "id,text\n1,something else entirely\n2,something else entirely\n3,\"unclosed\n";
        runner.enqueue(csv);
        runner.run();
        runner.assertAllFlowFilesTransferred(ClassifyText.REL_FAILURE, 1);
        only(ClassifyText.REL_FAILURE).assertContentEquals(csv);
        assertEquals(2, writers.writersCreated(), "the classified records' writer and, after the uncertain record, the low-confidence one");
        assertEquals(0, writers.writersLeftOpen());
    }

    @Test
    void theServicesAreResolvedOnceWhenScheduledNotPerFlowFile() throws Exception {
        final ConstantClassifier other = new ConstantClassifier("other");
        runner.addControllerService("other", other);
        runner.enableControllerService(other);
        runner.run(1, false, true);
        // NiFi does not let a running processor's properties change; a lookup per FlowFile would see this one.
        runner.setProperty(ClassifyProperties.CLASSIFIER, "other");
        runner.enqueue("id,text\n1,love it\n");
        runner.run(1, true, false);
        final MockFlowFile out = only(ClassifyText.REL_SUCCESS);
        out.assertAttributeEquals(DqAttributes.MODEL_VERSION, "v0001");
        assertTrue(out.getContent().contains("1,love it,praise,"), out.getContent());
    }

    @Test
    void aDisabledServiceMakesTheProcessorInvalid() {
        runner.disableControllerService(service);
        runner.assertNotValid();
    }

    @Test
    void theModelKeepsServingWhenItsDirectoryIsRemovedWhileRunning() throws IOException {
        final Path copy = Files.createTempDirectory("dq-models");
        try (Stream<Path> files = Files.walk(models)) {
            for (final Path file : files.toList()) {
                Files.copy(file, copy.resolve(models.relativize(file).toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        runner.disableControllerService(service);
        runner.setProperty(service, DjlTextClassifierService.MODEL_DIRECTORY, copy.toString());
        runner.setProperty(service, DjlTextClassifierService.RELOAD_INTERVAL, "50 millis");
        runner.enableControllerService(service);
        try (Stream<Path> files = Files.walk(copy)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        runner.enqueue("id,text\n1,love it\n");
        runner.run();
        only(ClassifyText.REL_SUCCESS).assertAttributeEquals(DqAttributes.MODEL_VERSION, "v0001");
    }
}
