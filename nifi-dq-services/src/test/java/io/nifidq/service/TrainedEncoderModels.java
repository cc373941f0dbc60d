package io.nifidq.service;

import ai.djl.util.Utils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.EmbeddingListener;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.encoder.EncoderSource;
import io.nifidq.ml.encoder.SharedEncoders;
import io.nifidq.ml.head.HeadFiles;
import io.nifidq.ml.model.ModelStore;
import io.nifidq.ml.train.ClassWeighting;
import io.nifidq.ml.train.EncoderModelFamily;
import io.nifidq.ml.train.EpochListener;
import io.nifidq.ml.train.JobSettings;
import io.nifidq.ml.train.ModelPublisher;
import io.nifidq.ml.train.TrainingData;
import io.nifidq.ml.train.TrainingJob;
import io.nifidq.ml.train.TrainingJobResult;
import io.nifidq.ml.train.TrainingSettings;
import io.nifidq.ml.train.UntrainableInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * A real PRETRAINED_ENCODER model: the bundled English int8 encoder, frozen, with a head trained on 40 clearly positive or
 * negative sentences the way TrainClassifier trains it. Trained once per test JVM; each publish writes it as the next
 * version of a model directory.
 */
final class TrainedEncoderModels {

    static final List<String> POSITIVE = List.of(
            "I love this, it is wonderful", "What a fantastic experience", "The service was excellent and friendly",
            "Absolutely brilliant, highly recommended", "This made me so happy", "A delightful and charming film",
            "Great quality, I am very pleased", "The staff were kind and helpful", "Best purchase I have ever made",
            "Everything worked perfectly", "A truly beautiful and moving story", "I enjoyed every minute of it",
            "Superb food and a lovely atmosphere", "Amazing value, I would buy it again", "The team did an outstanding job",
            "Such a pleasant surprise", "It exceeded all my expectations", "Wonderful people and a great place",
            "I am thrilled with the result", "A joy from start to finish");
    static final List<String> NEGATIVE = List.of(
            "I hate this, it is awful", "What a terrible experience", "The service was rude and slow",
            "Absolutely dreadful, avoid it", "This made me so angry", "A boring and painful film",
            "Poor quality, I am very disappointed", "The staff were unhelpful and unpleasant", "Worst purchase I have ever made",
            "Nothing worked at all", "A dull and pointless story", "I regretted every minute of it",
            "Cold food and a miserable atmosphere", "A waste of money, never again", "The team did a horrible job",
            "Such a nasty shock", "It failed all my expectations", "Unfriendly people and a dirty place",
            "I am furious about the result", "A misery from start to finish");
    static final List<String> LABELS = List.of("negative", "positive");
    /** The build's engine cache (ENGINE_CACHE_DIR), where the bundled encoder and ONNX Runtime's natives are unpacked once. */
    static final Path CACHE = Utils.getEngineCacheDir();

    private static TrainingJobResult trained;
    private static TrainingData data;

    private TrainedEncoderModels() {
    }

    /** Publishes the model as the next version of the model directory; returns the version's directory. */
    static synchronized Path publish(final Path root) throws IOException, UntrainableInputException {
        if (trained == null) {
            train();
        }
        return ModelPublisher.publish(root, trained, data);
    }

    private static void train() throws IOException, UntrainableInputException {
        final TrainingData records = new TrainingData();
        POSITIVE.forEach(text -> records.add(text, "positive", false, null));
        NEGATIVE.forEach(text -> records.add(text, "negative", false, null));
        final TrainingSettings settings = TrainingSettings.builder().optClassWeighting(ClassWeighting.NONE).optBatchSize(8)
                .optMaxEpochs(60).optPatience(60).optTimeBudget(Duration.ofMinutes(2)).optSeed(7L).build();
        final EncoderSource english = EncoderSource.bundled(BundledEncoders.ENGLISH);
        try (SharedEncoders.Lease encoder = SharedEncoders.acquire(english, EncoderOptions.builder().optCacheDirectory(CACHE).build())) {
            final EncoderModelFamily family = new EncoderModelFamily(encoder.encoder(), english, settings, EmbeddingListener.NONE);
            trained = new TrainingJob(JobSettings.builder().optTraining(settings).build(), family).run(records, EpochListener.NONE);
        }
        data = records;
    }

    /**
     * Makes the version's head say it was trained on an encoder with another fingerprint, and re-signs the version so that
     * its checksums still hold: what a model trained on a different encoder of the same name looks like.
     */
    static void claimAnotherEncoder(final Path version, final String fingerprint) throws IOException {
        final ObjectMapper json = new ObjectMapper();
        final Path head = version.resolve(HeadFiles.HEAD);
        final ObjectNode tree = (ObjectNode) json.readTree(head.toFile());
        ((ObjectNode) tree.get("encoder")).put("fingerprint", fingerprint);
        json.writeValue(head.toFile(), tree);
        final Path checksums = version.resolve(ModelStore.CHECKSUMS);
        final String resigned = String.join("\n", Files.readAllLines(checksums, StandardCharsets.UTF_8).stream()
                .map(line -> line.endsWith("  " + HeadFiles.HEAD) ? sha256(head) + "  " + HeadFiles.HEAD : line).toList()) + "\n";
        Files.writeString(checksums, resigned, StandardCharsets.UTF_8);
    }

    private static String sha256(final Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (final IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
