package io.nifidq.processors.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.head.HeadFiles;
import io.nifidq.ml.model.ModelMetadata;
import io.nifidq.ml.model.ModelType;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.LabelledRows;
import io.nifidq.processors.common.TestReaders;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TrainClassifier's Pretrained Encoder model with the real bundled encoders, on real messages and reviews. */
class TrainClassifierEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        runner = TestReaders.csvRunner(TrainClassifier.class, "text", "label");
        runner.setProperty(TrainProperties.MODEL_TYPE, "PRETRAINED_ENCODER");
        runner.setProperty(TrainProperties.MODEL_DIRECTORY, tmp.resolve("models").toString());
    }

    @Test
    void aHeadOnTheEnglishEncoderIsTrainedOnSmsMessagesAndPublishedWithItsEncoder() throws Exception {
        final List<String[]> rows = LabelledRows.first("sms_spam_collection/split/train.csv", 300);
        runner.setProperty(TrainProperties.ENCODER, "ENGLISH");

        train(LabelledRows.csv(rows));

        runner.assertTransferCount(TrainClassifier.REL_SUCCESS, 1);
        runner.assertTransferCount(TrainClassifier.REL_FAILURE, 0);
        final MockFlowFile out = runner.getFlowFilesForRelationship(TrainClassifier.REL_SUCCESS).getFirst();
        final JsonNode report = JSON.readTree(out.getContent());
        assertEquals("PRETRAINED_ENCODER", report.at("/training/modelType").asText());
        assertEquals(BundledEncoders.ENGLISH, report.at("/training/encoder/name").asText());
        assertEquals(distinct(rows), report.at("/training/encoder/embeddedTexts").asLong());
        assertEquals(distinct(rows), runner.getCounterValue(TrainingProgress.TEXTS_EMBEDDED));
        assertTrue(report.at("/macroAvg/f1").asDouble() > 0.8, "spam against ham on 300 messages: " + report.at("/macroAvg"));
        final Path version = Path.of(out.getAttribute(DqAttributes.MODEL_PATH));
        assertEquals(ModelType.PRETRAINED_ENCODER.name(), ModelMetadata.read(version).modelType());
        assertEquals(BundledEncoders.ENGLISH, HeadFiles.read(version).encoder().bundled());
        assertTrue(infoLines().stream().anyMatch(line -> line.contains("embedded " + distinct(rows) + " of " + distinct(rows)
                + " distinct texts")), "a log line when the embedding is done");
    }

    @Test
    void byDetectedLanguageChineseReviewsAreEmbeddedWithTheChineseEncoder() throws Exception {
        final List<String[]> rows = LabelledRows.first("chnsenticorp_htl_all/split/train.csv", 60);

        train(LabelledRows.csv(rows));

        runner.assertTransferCount(TrainClassifier.REL_SUCCESS, 1);
        final JsonNode report = JSON.readTree(runner.getFlowFilesForRelationship(TrainClassifier.REL_SUCCESS).getFirst().getContent());
        assertEquals(BundledEncoders.CHINESE, report.at("/training/encoder/name").asText());
        assertEquals(512, report.at("/training/encoder/dimension").asInt());
    }

    @Test
    void anEncoderDirectoryThatIsNotAnEncoderGoesToFailureNamingTheMissingFile() throws Exception {
        final Path notAnEncoder = Files.createDirectories(tmp.resolve("not-an-encoder"));
        runner.setProperty(TrainProperties.ENCODER, "DIRECTORY");
        runner.setProperty(TrainProperties.ENCODER_DIRECTORY, notAnEncoder.toString());

        train(LabelledRows.csv(LabelledRows.first("sms_spam_collection/split/train.csv", 40)));

        runner.assertTransferCount(TrainClassifier.REL_SUCCESS, 0);
        runner.assertTransferCount(TrainClassifier.REL_FAILURE, 1);
        final String error = runner.getFlowFilesForRelationship(TrainClassifier.REL_FAILURE).getFirst().getAttribute(DqAttributes.ERROR);
        assertTrue(error.contains("encoder.json"), error);
        assertTrue(Files.notExists(tmp.resolve("models/LATEST")), "nothing published");
    }

    @Test
    void aTimeBudgetThatRunsOutWhileEmbeddingSendsTheFlowFileToFailureWithTheReason() throws Exception {
        runner.setProperty(TrainProperties.ENCODER, "ENGLISH");
        runner.setProperty(TrainProperties.TIME_BUDGET, "1 ms");

        train(LabelledRows.csv(LabelledRows.first("sms_spam_collection/split/train.csv", 200)));

        runner.assertTransferCount(TrainClassifier.REL_FAILURE, 1);
        final String error = runner.getFlowFilesForRelationship(TrainClassifier.REL_FAILURE).getFirst().getAttribute(DqAttributes.ERROR);
        assertTrue(error.contains("the Time Budget of 0 s ran out while embedding the texts"), error);
    }

    @Test
    void theLearningRateDefaultsToTheHeadsOwnForAnEncoderModel() {
        runner.setProperty(TrainProperties.ENCODER, "ENGLISH");
        assertEquals(io.nifidq.ml.train.HeadTrainer.DEFAULT_LEARNING_RATE,
                TrainProperties.jobSettings(runner.getProcessContext()).training().learningRate());
        runner.setProperty(TrainProperties.MODEL_TYPE, "FASTTEXT");
        assertEquals(0.01f, TrainProperties.jobSettings(runner.getProcessContext()).training().learningRate());
        runner.setProperty(TrainProperties.LEARNING_RATE, "0.005");
        assertEquals(0.005f, TrainProperties.jobSettings(runner.getProcessContext()).training().learningRate());
    }

    private void train(final String csv) {
        runner.enqueue(csv);
        runner.run();
    }

    private List<String> infoLines() {
        return runner.getLogger().getInfoMessages().stream()
                .map(m -> org.slf4j.helpers.MessageFormatter.arrayFormat(m.getMsg(), m.getArgs()).getMessage()).toList();
    }

    private static long distinct(final List<String[]> rows) {
        final Set<String> texts = new HashSet<>();
        rows.forEach(r -> texts.add(r[0]));
        return texts.size();
    }

}
