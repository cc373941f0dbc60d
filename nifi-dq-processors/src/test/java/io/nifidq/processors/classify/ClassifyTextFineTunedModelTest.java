package io.nifidq.processors.classify;

import ai.djl.util.Utils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.ml.bert.FineTunedFiles;
import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.model.DjlEngine;
import io.nifidq.ml.model.ModelMetadata;
import io.nifidq.ml.model.ModelType;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.LabelledRows;
import io.nifidq.processors.common.TestReaders;
import io.nifidq.processors.train.TrainClassifier;
import io.nifidq.processors.train.TrainProperties;
import io.nifidq.service.DjlTextClassifierService;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Fine-tuned Encoder trained by TrainClassifier from the real bundled English encoder, then served by the model service to
 * ClassifyText: NiFi's CSV reader and writer on both sides.
 */
class ClassifyTextFineTunedModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CACHE = Utils.getEngineCacheDir();

    @TempDir
    static Path models;

    private static MockFlowFile report;
    private static long stepsCounted;

    private TestRunner runner;
    private DjlTextClassifierService service;

    /** 24 sentences, 4 epochs of batches of 4, texts cut at 16 tokens. */
    @BeforeAll
    static void fineTuneWithTrainClassifier() throws Exception {
        final TestRunner train = TestReaders.csvRunner(TrainClassifier.class, "text", "label");
        train.setProperty(TrainProperties.MODEL_DIRECTORY, models.toString());
        train.setProperty(TrainProperties.MODEL_TYPE, "FINE_TUNED_ENCODER");
        train.setProperty(TrainProperties.ENCODER, "ENGLISH");
        train.setProperty(TrainProperties.FINE_TUNING_EPOCHS, "4");
        train.setProperty(TrainProperties.BATCH_SIZE, "4");
        train.setProperty(TrainProperties.LEARNING_RATE, "5e-5");
        train.setProperty(TrainProperties.MAX_TOKENS, "16");
        train.setProperty(TrainProperties.CLASS_WEIGHTS, "NONE");
        final List<String[]> rows = new java.util.ArrayList<>();
        ClassifyTextEncoderModelTest.POSITIVE.forEach(text -> rows.add(new String[] {text, "positive"}));
        ClassifyTextEncoderModelTest.NEGATIVE.forEach(text -> rows.add(new String[] {text, "negative"}));
        train.enqueue(LabelledRows.csv(rows));
        train.run();
        train.getFlowFilesForRelationship(TrainClassifier.REL_FAILURE)
                .forEach(failed -> fail("TrainClassifier failed: " + failed.getAttribute(DqAttributes.ERROR)));
        train.assertTransferCount(TrainClassifier.REL_SUCCESS, 1);
        report = train.getFlowFilesForRelationship(TrainClassifier.REL_SUCCESS).getFirst();
        stepsCounted = train.getCounterValue("Fine-Tuning Steps");
    }

    @BeforeEach
    void setUp() throws Exception {
        service = new DjlTextClassifierService();
        runner = ModelServiceRunners.classifyTextWith(service, models, Map.of(DjlTextClassifierService.ENCODER_CACHE_DIRECTORY, CACHE.toString()));
    }

    @AfterEach
    void tearDown() {
        ModelServiceRunners.disable(runner, service);
    }

    @Test
    void trainClassifierPublishesASelfContainedFineTunedModelAndCountsItsSteps() throws Exception {
        final JsonNode json = JSON.readTree(report.getContent());
        assertEquals("FINE_TUNED_ENCODER", json.at("/training/modelType").asText());
        assertEquals(BundledEncoders.ENGLISH_FP32, json.at("/training/encoder/name").asText());
        final int train = json.at("/splits/train").asInt();
        assertEquals(4L * ((train + 3) / 4), stepsCounted, "every step of 4 epochs of batches of 4 over " + train + " records");
        final Path version = Path.of(report.getAttribute(DqAttributes.MODEL_PATH));
        assertEquals(ModelType.FINE_TUNED_ENCODER.name(), ModelMetadata.read(version).modelType());
        assertEquals(16, FineTunedFiles.read(version).settings().maxTokens());
        assertTrue(Files.isRegularFile(version.resolve("tokenizer.json")), "served without the encoder's directory");
    }

    @Test
    void everyRecordComesOutOnceWithTheFineTunedModelsPredictionAndCutTextsAreCounted() {
        final String longerThan16Tokens = "a wonderful and delightful day with kind and helpful people and great food and lovely music too";
        runner.enqueue("id,text\n"
                + "1,I love this and it is wonderful\n"
                + "2,What a terrible and awful experience\n"
                + "3,\n"
                + "4," + longerThan16Tokens + "\n");
        runner.run();

        runner.assertTransferCount(ClassifyText.REL_FAILURE, 0);
        runner.assertTransferCount(ClassifyText.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(ClassifyText.REL_SUCCESS).getFirst();
        final List<String[]> rows = out.getContent().lines().skip(1).map(line -> line.split(",", -1)).toList();
        assertEquals(List.of("1", "2", "3", "4"), rows.stream().map(row -> row[0]).toList(), "records in = records out");
        assertEquals(List.of("positive", "negative", "", "positive"), rows.stream().map(row -> row[2]).toList());
        out.assertAttributeEquals(DqAttributes.RECORDS_IN, "4");
        out.assertAttributeEquals(DqAttributes.Classify.RECORDS_WITHOUT_TEXT, "1");
        out.assertAttributeEquals(DqAttributes.MODEL_DEVICE, "cpu() (" + DjlEngine.describe() + ")");
        assertEquals(1, runner.getCounterValue(ClassifyText.TEXTS_TRUNCATED_COUNTER));
    }
}
