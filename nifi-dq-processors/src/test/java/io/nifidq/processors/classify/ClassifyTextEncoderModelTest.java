package io.nifidq.processors.classify;

import ai.djl.util.Utils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.EmbeddingListener;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.encoder.EncoderSource;
import io.nifidq.ml.encoder.SharedEncoders;
import io.nifidq.ml.train.ClassWeighting;
import io.nifidq.ml.train.EncoderModelFamily;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.ModelPublisher;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.ml.train.TrainingJob;
import io.nifidq.ml.train.TrainingSettings;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.TestReaders;
import io.nifidq.service.DjlTextClassifierService;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ClassifyText with a head on the real bundled English encoder, read and written by NiFi's CSV reader and writer. */
class ClassifyTextEncoderModelTest {

    static final List<String> POSITIVE = List.of(
            "I love this, it is wonderful", "What a fantastic experience", "The service was excellent and friendly",
            "Absolutely brilliant, highly recommended", "This made me so happy", "A delightful and charming film",
            "Great quality, I am very pleased", "The staff were kind and helpful", "Best purchase I have ever made",
            "Everything worked perfectly", "I enjoyed every minute of it", "It exceeded all my expectations");
    static final List<String> NEGATIVE = List.of(
            "I hate this, it is awful", "What a terrible experience", "The service was rude and slow",
            "Absolutely dreadful, avoid it", "This made me so angry", "A boring and painful film",
            "Poor quality, I am very disappointed", "The staff were unhelpful and unpleasant", "Worst purchase I have ever made",
            "Nothing worked at all", "I regretted every minute of it", "It failed all my expectations");
    private static final String ENCODER_ON_THE_CPU = "cpu() (CPUExecutionProvider)";
    /** The build's engine cache (ENGINE_CACHE_DIR), where the bundled encoder is unpacked once. */
    private static final Path CACHE = Utils.getEngineCacheDir();

    @TempDir
    static Path models;

    private TestRunner runner;
    private DjlTextClassifierService service;

    /** A head on the bundled English encoder, trained on 24 sentences the way TrainClassifier trains it, published as v0001. */
    @BeforeAll
    static void publishEncoderModel() throws Exception {
        final TrainingData data = new TrainingData();
        POSITIVE.forEach(text -> data.add(text, "positive", false, null));
        NEGATIVE.forEach(text -> data.add(text, "negative", false, null));
        final TrainingSettings settings = TrainingSettings.builder().optClassWeighting(ClassWeighting.NONE).optBatchSize(8)
                .optMaxEpochs(60).optPatience(60).optTimeBudget(Duration.ofMinutes(2)).optSeed(7L).build();
        final EncoderSource english = EncoderSource.bundled(BundledEncoders.ENGLISH);
        try (SharedEncoders.Lease encoder = SharedEncoders.acquire(english, EncoderOptions.builder().optCacheDirectory(CACHE).build())) {
            final EncoderModelFamily family = new EncoderModelFamily(encoder.encoder(), english, settings, EmbeddingListener.NONE);
            ModelPublisher.publish(models, new TrainingJob(JobSettings.builder().optTraining(settings).build(), family)
                    .run(data, EpochListener.NONE), data);
        }
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
    void everyRecordComesOutOnceWithTheEncoderModelsPredictionAndLongTextsAreCounted() {
        final String longerThan512Tokens = "wonderful ".repeat(600).strip();
        runner.enqueue("id,text\n"
                + "1,A lovely and delightful day\n"
                + "2,An awful and miserable evening\n"
                + "3,\n"
                + "4," + longerThan512Tokens + "\n"
                + "5,I am very happy with it\n"
                + "6,A horrible waste of time\n");
        runner.run();

        runner.assertTransferCount(ClassifyText.REL_FAILURE, 0);
        runner.assertTransferCount(ClassifyText.REL_LOW_CONFIDENCE, 0);
        runner.assertTransferCount(ClassifyText.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(ClassifyText.REL_SUCCESS).getFirst();
        final List<String[]> rows = out.getContent().lines().skip(1).map(line -> line.split(",", -1)).toList();
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), rows.stream().map(row -> row[0]).toList(), "records in = records out");
        assertEquals(List.of("positive", "negative", "", "positive", "positive", "negative"), rows.stream().map(row -> row[2]).toList());
        assertEquals("id,text,prediction,confidence", out.getContent().lines().findFirst().orElseThrow());
        out.assertAttributeEquals(DqAttributes.RECORD_COUNT, "6");
        out.assertAttributeEquals(DqAttributes.RECORDS_IN, "6");
        out.assertAttributeEquals(DqAttributes.Classify.RECORDS_WITHOUT_TEXT, "1");
        out.assertAttributeEquals(DqAttributes.Classify.RECORDS_LOW_CONFIDENCE, "0");
        out.assertAttributeEquals(DqAttributes.MODEL_VERSION, "v0001");
        out.assertAttributeEquals(DqAttributes.MODEL_DEVICE, ENCODER_ON_THE_CPU);
        assertEquals(6, runner.getCounterValue("Records Classified"));
        assertEquals(1, runner.getCounterValue("Records Without Text"));
        assertEquals(1, runner.getCounterValue(ClassifyText.TEXTS_TRUNCATED_COUNTER));
        assertEquals(1, runner.getProvenanceEvents().stream()
                .filter(event -> event.getEventType() == ProvenanceEventType.CONTENT_MODIFIED).count());
    }

    @Test
    void smallBatchesAndTopLabelsGiveTheSameRecordsWithBothLabelsProbabilities() throws Exception {
        TestReaders.useJsonWriter(runner);
        runner.setProperty(ClassifyProperties.TOP_K, "2");
        runner.setProperty(ClassifyProperties.BATCH_SIZE, "2");
        runner.enqueue("id,text\n1,Such a great and pleasant surprise\n2,A dirty place and rude people\n3,Fantastic food\n");
        runner.run();

        runner.assertTransferCount(ClassifyText.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(ClassifyText.REL_SUCCESS).getFirst();
        final JsonNode records = new ObjectMapper().readTree(out.getContent());
        assertEquals(3, records.size());
        assertEquals(List.of("positive", "negative", "positive"), List.of(records.get(0).get("prediction").asText(),
                records.get(1).get("prediction").asText(), records.get(2).get("prediction").asText()));
        for (final JsonNode record : records) {
            final JsonNode top = record.get("top_labels");
            assertEquals(2, top.size());
            assertEquals(record.get("confidence").asDouble(), top.get(record.get("prediction").asText()).asDouble(), 1e-9);
            assertEquals(1.0, top.get("positive").asDouble() + top.get("negative").asDouble(), 1e-6);
        }
        out.assertAttributeEquals(DqAttributes.RECORDS_IN, "3");
        assertEquals(0, runner.getCounterValue(ClassifyText.TEXTS_TRUNCATED_COUNTER));
    }
}
