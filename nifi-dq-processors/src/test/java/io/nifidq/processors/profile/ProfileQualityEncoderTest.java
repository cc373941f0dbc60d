package io.nifidq.processors.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.ml.encoder.BundledEncoders;
import io.nifidq.ml.encoder.SharedEncoders;
import io.nifidq.processors.common.DqAttributes;
import io.nifidq.processors.common.LabelledRows;
import io.nifidq.processors.common.TestReaders;
import io.nifidq.processors.profile.ProfileChoices.LabelNoiseModelChoice;
import io.nifidq.quality.profile.EncoderHeadScorer;
import org.apache.nifi.components.PropertyDependency;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ProfileQuality's label-noise check with Label Noise Model 'Pretrained Encoder', the real bundled encoder and NiFi's CSVReader. */
class ProfileQualityEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGES = 250;
    /** Every fifth message's label is flipped: 50 of 250, spread over the file as it comes. */
    private static final int FLIP_EVERY = 5;

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        runner = TestReaders.csvRunner(ProfileQuality.class, "text", "label");
        runner.setProperty(ProfileProperties.LABEL_NOISE_MODEL, LabelNoiseModelChoice.PRETRAINED_ENCODER);
    }

    /** The first SMS training messages, every fifth label flipped (ham to spam, spam to ham) when asked. */
    private static String messages(final boolean flip) {
        final List<String[]> rows = new ArrayList<>();
        final List<String[]> first = LabelledRows.first("sms_spam_collection/split/train.csv", MESSAGES);
        for (int i = 0; i < first.size(); i++) {
            final String[] row = first.get(i);
            final boolean flipped = flip && i % FLIP_EVERY == FLIP_EVERY - 1;
            rows.add(new String[]{row[0], flipped ? ("ham".equals(row[1]) ? "spam" : "ham") : row[1]});
        }
        return LabelledRows.csv(rows);
    }

    private JsonNode profile(final String csv) throws Exception {
        runner.clearTransferState();
        runner.enqueue(csv);
        runner.run();
        runner.assertTransferCount(ProfileQuality.REL_SUCCESS, 1);
        runner.assertTransferCount(ProfileQuality.REL_PROFILE, 1);
        return JSON.readTree(runner.getFlowFilesForRelationship(ProfileQuality.REL_PROFILE).getFirst().getContent());
    }

    private String findings() {
        return runner.getFlowFilesForRelationship(ProfileQuality.REL_SUCCESS).getFirst().getAttribute(DqAttributes.Profile.FINDINGS);
    }

    @Test
    void flippedSmsLabelsAreLabelNoiseOnTheEncodersVectorsAndTheReportSaysWhichModel() throws Exception {
        final JsonNode clean = profile(messages(false)).at("/labels/labelNoise");
        assertFalse(findings().contains("label_noise"), "the messages as labelled: " + findings());

        final JsonNode noisy = profile(messages(true)).at("/labels/labelNoise");

        assertTrue(findings().contains("label_noise"), "a fifth of the labels flipped: " + findings());
        assertEquals("Pretrained Encoder", noisy.get("model").asText());
        assertEquals(BundledEncoders.ENGLISH, noisy.get("encoder").asText());
        assertEquals(EncoderHeadScorer.MAX_TEXTS, noisy.get("sampleLimit").asInt());
        assertEquals(MESSAGES, noisy.get("checkedTexts").asLong());
        // Measured here: 1 suspect as labelled, 76 with the 50 flips (40 of them ham made spam: the spam class's threshold
        // drops, and confident learning's count runs above the flips).
        final long added = noisy.get("suspectedErrors").asLong() - clean.get("suspectedErrors").asLong();
        assertTrue(added >= 40 && added <= 90, "suspects added by 50 flipped labels: " + clean + " then " + noisy);
        assertTrue(clean.get("suspectedErrors").asLong() <= 5, "suspects among the messages as labelled: " + clean);
        assertEquals(0, SharedEncoders.loaded(), "the encoder's lease is released when the processor stops");
    }

    @Test
    void wordNaiveBayesIsTheDefaultAndLoadsNoEncoder() throws Exception {
        runner.removeProperty(ProfileProperties.LABEL_NOISE_MODEL);

        final JsonNode noise = profile(messages(true)).at("/labels/labelNoise");

        assertEquals("Word Naive Bayes", noise.get("model").asText());
        assertFalse(noise.has("encoder"), noise.toString());
        assertEquals(10_000, noise.get("sampleLimit").asInt());
        assertEquals(0, SharedEncoders.loaded());
    }

    @Test
    void anEncoderDirectoryThatIsNotAnEncoderSendsTheFlowFileToFailureNamingTheMissingFile(@TempDir final Path tmp) throws Exception {
        final Path notAnEncoder = Files.createDirectories(tmp.resolve("not-an-encoder"));
        runner.setProperty(ProfileProperties.ENCODER_DIRECTORY, notAnEncoder.toString());

        runner.enqueue(messages(false));
        runner.run();

        runner.assertTransferCount(ProfileQuality.REL_FAILURE, 1);
        runner.assertTransferCount(ProfileQuality.REL_PROFILE, 0);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(ProfileQuality.REL_FAILURE).getFirst();
        final String error = failed.getAttribute(DqAttributes.ERROR);
        assertTrue(error.contains("encoder.json"), error);
    }

    @Test
    void theLabelNoiseModelAppliesOnlyWithATextAndALabelFieldAndTheDirectoryOnlyWithTheEncoder() {
        runner.assertValid();
        assertEquals(Set.of("Text Field", "Label Field"), ProfileProperties.LABEL_NOISE_MODEL.getDependencies().stream()
                .map(PropertyDependency::getPropertyName).collect(Collectors.toSet()));
        assertEquals(Set.of("Label Noise Model"), ProfileProperties.ENCODER_DIRECTORY.getDependencies().stream()
                .map(PropertyDependency::getPropertyName).collect(Collectors.toSet()));
        assertFalse(ProfileProperties.ENCODER_DIRECTORY.isRequired(), "empty: the bundled encoder of the texts' language");
    }
}
