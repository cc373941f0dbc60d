package io.nifidq.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifidq.runtime.TrainServeFlow.Model;
import io.nifidq.runtime.TrainServeFlow.ModelFolders;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole example flow docs/flows/train-and-serve.json in a real NiFi with the real NAR, its encoder model above all:
 * the second TrainClassifier (Model Type Pretrained Encoder, Encoder by detected language) trains a head on the bundled
 * English BGE small encoder's vectors of the sample support messages beside the n-gram model, publishes it as a
 * PRETRAINED_ENCODER version, its model service enables on it, and its ClassifyText labels every record of the sample.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EncoderTrainServeFlowIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final String TRAINING_FILE = "support-train.csv";
    private static final String TO_CLASSIFY = "support-messages.csv";

    @AutoClose
    private static LocalNiFi nifi;
    private static TrainServeFlow flow;
    private static Path trainFile;
    private static Path sample;
    private static int trainingRecords;

    @BeforeAll
    static void importTheWholeFlowAndWriteTheTrainingFile() throws Exception {
        sample = LocalNiFi.flowsDirectory().resolve(QualityGateJob.SAMPLE);
        trainFile = Files.createTempDirectory("dq-encoder-train-serve").resolve(TRAINING_FILE);
        // The sample's labels as CleanRecords would leave them (" Spam", "SPAM" -> spam, tech -> technical), without blank texts.
        final StringBuilder training = new StringBuilder("text,label\n");
        for (final List<String> row : records(sample)) {
            final String label = row.size() < 2 ? "" : row.get(1).trim().toLowerCase(Locale.ROOT);
            if (!row.get(0).isBlank() && !label.isEmpty()) {
                training.append(Csv.line(row.get(0), label.equals("tech") ? "technical" : label));
                trainingRecords++;
            }
        }
        Files.writeString(trainFile, training, StandardCharsets.UTF_8);

        nifi = LocalNiFi.start("encoder-train-serve");
        flow = TrainServeFlow.importFlow(nifi.client(), LocalNiFi.flowsDirectory(),
                TrainServeFlow.Folders.under(nifi.instance().home().resolve("data")));
        assertEquals(List.of(Model.NGRAM, Model.ENCODER), flow.models());
        flow.enableServicesExcept(TrainServeFlow.MODEL_SERVICES, Duration.ofSeconds(60));
        flow.awaitValidated(Duration.ofSeconds(60));
        assertEquals(List.of(), flow.validationErrors().get(TrainServeFlow.TRAIN_ENCODER), "the encoder TrainClassifier as imported");
        flow.startProcessors();
    }

    @Test
    @Order(1)
    void theEncoderModelTrainsOnTheSameRecordsAsTheNgramModelAndIsPublishedAsAPretrainedEncoderVersion() throws Exception {
        flow.drop(trainFile, TRAINING_FILE);
        final ModelFolders encoder = flow.folders().encoder();
        final JsonNode report = NiFiRestClient.json().readTree(flow.awaitOutput(encoder.reports(), TRAINING_FILE, TIMEOUT).toFile());
        final JsonNode ngramReport = NiFiRestClient.json().readTree(flow.awaitOutput(flow.folders().reports(), TRAINING_FILE, TIMEOUT).toFile());

        assertEquals("PRETRAINED_ENCODER", report.at("/training/modelType").asText());
        assertEquals("FASTTEXT", ngramReport.at("/training/modelType").asText());
        assertEquals(trainingRecords, report.at("/records/used").asInt(), "every training record, as the n-gram model: " + report.path("records"));
        assertEquals(ngramReport.at("/records/used").asInt(), report.at("/records/used").asInt());
        final JsonNode section = report.at("/training/encoder");
        assertEquals("bge-small-en-v1.5-q", section.path("name").asText(), "English, detected from the texts");
        assertEquals(384, section.path("dimension").asInt());
        assertTrue(section.path("fingerprint").asText().matches("[0-9a-f]{64}"), section.toString());
        assertFalse(section.path("head").asText().isBlank(), section.toString());
        final long embedded = section.path("embeddedTexts").asLong();
        assertTrue(embedded > 0 && embedded <= trainingRecords, "distinct texts embedded: " + section);
        assertTrue(section.path("embeddingSeconds").asDouble() > 0, section.toString());
        final double macroF1 = report.at("/macroAvg/f1").asDouble();
        assertTrue(macroF1 > 0.6, "five classes of templated support messages: " + report.path("macroAvg"));

        final Path version = encoder.models().resolve("v0001");
        assertEquals("v0001", Files.readString(encoder.models().resolve("LATEST")).trim());
        assertEquals("PRETRAINED_ENCODER", metadata(version).path("modelType").asText());
        assertTrue(Files.exists(version.resolve("head.json")) && Files.exists(version.resolve("head.bin")), "the head's files");
        assertEquals("FASTTEXT", metadata(flow.folders().models().resolve("v0001")).path("modelType").asText(), "the n-gram model's own folder");
        assertEquals(List.of(), files(encoder.failure()));
    }

    @Test
    @Order(2)
    void theServiceServesTheEncoderModelAndClassifyTextLabelsEveryRecord() throws Exception {
        flow.enableService(TrainServeFlow.ENCODER_CLASSIFIER_SERVICE, TIMEOUT);
        flow.enableService(TrainServeFlow.CLASSIFIER_SERVICE, TIMEOUT);
        flow.startProcessors();
        flow.dropToClassify(sample, TO_CLASSIFY);
        final ModelFolders encoder = flow.folders().encoder();
        final Path classified = flow.awaitOutput(encoder.classified(), TO_CLASSIFY, TIMEOUT);
        flow.awaitOutput(flow.folders().classified(), TO_CLASSIFY, TIMEOUT);

        final int recordsIn = records(sample).size();
        assertEquals(200, recordsIn, "the sample's records");
        final List<List<String>> rows = Csv.parse(Files.readString(classified, StandardCharsets.UTF_8));
        assertEquals(List.of("text", "label", "prediction", "confidence"), rows.getFirst());
        final List<List<String>> out = rows.subList(1, rows.size());
        assertEquals(recordsIn, out.size(), "records in = records out");
        final Set<String> labels = new HashSet<>();
        metadata(encoder.models().resolve("v0001")).path("labels").forEach(l -> labels.add(l.asText()));
        assertEquals(Set.of("account", "billing", "shipping", "spam", "technical"), labels);
        int withoutText = 0;
        for (final List<String> record : out) {
            if (record.get(0).isBlank()) {
                // ClassifyText passes a record without text on with empty prediction fields, and counts it.
                assertEquals(List.of("", ""), record.subList(2, 4), record.toString());
                withoutText++;
            } else {
                assertTrue(labels.contains(record.get(2)), "a prediction for every record with a text: " + record);
                final double confidence = Double.parseDouble(record.get(3));
                assertTrue(confidence > 0 && confidence <= 1, record.toString());
            }
        }

        final ProvenanceSearch.Event sent = new ProvenanceSearch(nifi.client())
                .awaitEventFor(flow.processorId(TrainServeFlow.WRITE_ENCODER_CLASSIFIED), "SEND", TO_CLASSIFY, Duration.ofSeconds(60));
        assertEquals(String.valueOf(recordsIn), sent.attribute("record.count"));
        assertEquals(6, withoutText, "the sample's five empty texts and one blank one");
        assertEquals(String.valueOf(withoutText), sent.attribute("dq.classify.records.without.text"));
        assertEquals("v0001", sent.attribute("dq.model.version"));
        assertTrue(sent.attribute("dq.model.device").contains("ExecutionProvider"), "ONNX Runtime says where it runs: "
                + sent.attribute("dq.model.device"));
        final List<List<String>> ngram = Csv.parse(Files.readString(flow.folders().classified().resolve(TO_CLASSIFY), StandardCharsets.UTF_8));
        assertEquals(recordsIn, ngram.size() - 1, "the n-gram model labelled the same records");

        assertEquals("ENABLED", flow.serviceState(TrainServeFlow.ENCODER_CLASSIFIER_SERVICE));
        assertEquals(List.of(), files(encoder.failure()));
        assertEquals(List.of(), files(flow.folders().failure()));
        assertEquals(List.of(), nifi.client().bulletins().stream().filter(b -> "ERROR".equals(b.path("level").asText())).toList());
    }

    /** The records of a text,label CSV file, without its header. */
    private static List<List<String>> records(final Path csv) throws Exception {
        return Csv.records(Files.readString(csv, StandardCharsets.UTF_8));
    }

    private static JsonNode metadata(final Path version) throws Exception {
        return NiFiRestClient.json().readTree(version.resolve("metadata.json").toFile());
    }

    private static List<String> files(final Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
