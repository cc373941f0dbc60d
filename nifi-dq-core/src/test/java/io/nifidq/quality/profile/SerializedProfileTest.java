package io.nifidq.quality.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidq.testing.SharedDatasets;
import io.nifidq.text.ByteValidity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A profile written by SerializedProfile and read back reports what the original reports, and still merges; bad bytes are refused. */
class SerializedProfileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProfileSettings TEXT_AND_LABEL = ProfileSettings.defaults("text", "label");

    private static DatasetProfile roundTrip(final DatasetProfile profile) throws IOException {
        return SerializedProfile.fromBytes(SerializedProfile.toBytes(profile), profile.settings().labelNoiseScorer());
    }

    private static String json(final DatasetProfile profile) throws IOException {
        return JSON.writeValueAsString(profile.report());
    }

    private static DatasetProfile smsProfile(final List<RecordView> records) throws IOException {
        final DatasetProfile profile = Records.profile(TEXT_AND_LABEL, records);
        try (InputStream in = Files.newInputStream(SharedDatasets.file("sms_spam_collection/split/train.csv"))) {
            profile.observeContent("UTF-8", ByteValidity.of(in, StandardCharsets.UTF_8));
        }
        return profile;
    }

    private static List<RecordView> sms() throws IOException {
        return Records.csv(SharedDatasets.file("sms_spam_collection/split/train.csv"));
    }

    @Test
    void aRealDataSetsProfileReadBackReportsWhatTheOriginalReports() throws IOException {
        final DatasetProfile original = smsProfile(sms());
        final String expected = json(original);
        final DatasetProfile read = roundTrip(original);
        assertEquals(expected, json(read));
        assertTrue(expected.contains("\"labelNoise\""), "the label-noise check ran on the read sample");
        assertEquals(original.recordCount(), read.recordCount());
    }

    @Test
    void wideNumericDataBeyondTheSketchesExactRangeReadsBackTheSame() throws IOException {
        final DatasetProfile original = Records.profile(ProfileSettings.defaults(null, "income"),
                Records.csv(SharedDatasets.file("uci_adult/adult_train.csv")));
        assertEquals(json(original), json(roundTrip(original)));
    }

    @Test
    void aSampledNearDuplicateIndexReadsBackTheSame() throws IOException {
        final ProfileSettings smallIndex = TEXT_AND_LABEL.withNearDuplicates(0.9, 200);
        final DatasetProfile original = Records.profile(smallIndex, sms());
        assertTrue(original.report().duplicates().nearDuplicates().sampled());
        assertEquals(json(original), json(roundTrip(original)));
    }

    @Test
    void profilesReadBackMergeIntoTheProfileOfTheWhole() throws IOException {
        final List<RecordView> records = sms();
        final int half = records.size() / 2;
        final DatasetProfile whole = Records.profile(TEXT_AND_LABEL, records);
        final DatasetProfile first = roundTrip(Records.profile(TEXT_AND_LABEL, records.subList(0, half)));
        first.merge(roundTrip(Records.profile(TEXT_AND_LABEL, records.subList(half, records.size()))));
        final ProfileReport expected = whole.report();
        final ProfileReport merged = first.report();
        assertEquals(expected.recordCount(), merged.recordCount());
        assertEquals(expected.duplicates(), merged.duplicates());
        assertEquals(expected.labels(), merged.labels());
        // The token histogram is read from a quantile sketch beyond its exact range: within its error, not equal.
        assertEquals(withoutHistogram(expected.text()), withoutHistogram(merged.text()));
        for (int bin = 0; bin < expected.text().tokenHistogram().counts().size(); bin++) {
            assertEquals(expected.text().tokenHistogram().counts().get(bin), merged.text().tokenHistogram().counts().get(bin),
                    0.02 * expected.recordCount(), "token histogram bin " + bin);
        }
        assertEquals(expected.findings(), merged.findings());
    }

    @Test
    void anEmptyProfileAndOneWithoutTextOrLabelReadBack() throws IOException {
        final DatasetProfile empty = new DatasetProfile(TEXT_AND_LABEL);
        assertEquals(json(empty), json(roundTrip(empty)));
        final DatasetProfile plain = Records.profile(ProfileSettings.defaults(null, null),
                List.of(Records.of("a", "1", "b", "x"), Records.of("a", "N/A"), Records.of("a", 2.5, "c", true)));
        assertEquals(json(plain), json(roundTrip(plain)));
    }

    @Test
    void bytesThatAreNotAProfileAreRefusedWithTheReason() {
        assertMessage("too few", new byte[0]);
        assertMessage("Not a nifi-dq profile: it starts with the bytes 7b 22 72 65", "{\"recordCount\": 3}".getBytes(StandardCharsets.UTF_8));
        final byte[] newer = SerializedProfile.toBytes(new DatasetProfile(TEXT_AND_LABEL));
        ByteBuffer.wrap(newer).putInt(4, SerializedProfile.FORMAT_VERSION + 1);
        assertMessage("written by a newer nifi-dq", newer);
    }

    @Test
    void everyTruncationIsRefusedAsTruncated() throws IOException {
        final byte[] bytes = SerializedProfile.toBytes(Records.profile(TEXT_AND_LABEL, sms().subList(0, 300)));
        for (int cut = 8; cut < bytes.length; cut += 1 + cut / 50) {
            final int length = cut;
            final UnreadableProfileException refused = assertThrows(UnreadableProfileException.class,
                    () -> SerializedProfile.fromBytes(Arrays.copyOf(bytes, length), WordNaiveBayesScorer.INSTANCE), "length " + length);
            assertTrue(refused.getMessage().contains("truncated") || refused.getMessage().contains("remain"),
                    length + ": " + refused.getMessage());
        }
    }

    @Test
    void aDamagedByteAnywhereIsRefusedAsCorrupt() throws IOException {
        final byte[] bytes = SerializedProfile.toBytes(Records.profile(TEXT_AND_LABEL, sms().subList(0, 300)));
        for (int position = 8; position < bytes.length; position += 1 + position / 40) {
            final int at = position;
            final byte[] damaged = bytes.clone();
            damaged[at] ^= 0x5a;
            final UnreadableProfileException refused = assertThrows(UnreadableProfileException.class,
                    () -> SerializedProfile.fromBytes(damaged, WordNaiveBayesScorer.INSTANCE), "byte " + at);
            assertTrue(refused.getMessage().startsWith("The profile is"), refused.getMessage());
        }
    }

    @Test
    void aHugeDeclaredLengthFailsWithoutAllocatingIt() {
        final byte[] bytes = SerializedProfile.toBytes(new DatasetProfile(ProfileSettings.defaults(null, null)));
        // The first null token's length, right after the magic, the version, the settings tag and the token count.
        ByteBuffer.wrap(bytes).putInt(13, Integer.MAX_VALUE);
        assertMessage("declares 2147483647 bytes", bytes);
    }

    @Test
    void profilesWithOtherSettingsDoNotMergeAndSayWhichDiffer() throws IOException {
        final DatasetProfile mine = Records.profile(TEXT_AND_LABEL, List.of(Records.of("text", "hello there", "label", "ham")));
        final DatasetProfile theirs = roundTrip(Records.profile(TEXT_AND_LABEL.withNearDuplicates(0.8, 50_000),
                List.of(Records.of("text", "hello there", "label", "ham"))));
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> mine.merge(theirs));
        assertEquals("Only profiles built with the same settings merge; these differ: Near-Duplicate Threshold: 0.9 vs 0.8",
                refused.getMessage());
    }

    @Test
    void aProfileOfAnotherLabelNoiseModelIsNotReadAsThisOnes() {
        final OutOfFoldScorer other = new OutOfFoldScorer() {
            @Override
            public int maxTexts() {
                return 10;
            }

            @Override
            public Scores score(final List<String> texts, final int[] classes, final int classCount, final int[] folds, final int foldCount) {
                throw new UnsupportedOperationException();
            }
        };
        final byte[] bytes = SerializedProfile.toBytes(new DatasetProfile(TEXT_AND_LABEL.withLabelNoiseScorer(other)));
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SerializedProfile.fromBytes(bytes, WordNaiveBayesScorer.INSTANCE));
        assertTrue(refused.getMessage().contains("these differ: Label Noise Model: io.nifidq.quality.profile.SerializedProfileTest$"), refused.getMessage());
        assertNotEquals(other.model(), WordNaiveBayesScorer.INSTANCE.model());
    }

    @Test
    void theSettingsTravelWithTheProfile() throws IOException {
        final ProfileSettings settings = new ProfileSettings(Set.of("missing", "n/a"), "body", "class", List.of("id", "body"), 0.75, 1234, 5,
                900, 7);
        final DatasetProfile read = roundTrip(new DatasetProfile(settings));
        assertEquals(settings, read.settings());
        assertEquals(List.of(), settings.differencesFrom(read.settings()));
    }

    private static ProfileReport.TextReport withoutHistogram(final ProfileReport.TextReport t) {
        return new ProfileReport.TextReport(t.field(), t.texts(), t.empty(), t.veryShort(), t.veryLong(), t.shortBelowChars(), t.longAboveChars(),
                t.controlCharacters(), t.c1ControlCharacters(), t.replacementCharacters(), t.mojibake(), t.htmlEntities(), t.htmlTags(),
                t.noisyTexts(), t.tokens(), t.latinShare(), t.cjkShare(), t.otherScriptShare(), t.encodingJunkTexts(), t.junkMarks(), null);
    }

    private static void assertMessage(final String expectedPart, final byte[] bytes) {
        final UnreadableProfileException refused = assertThrows(UnreadableProfileException.class,
                () -> SerializedProfile.fromBytes(bytes, WordNaiveBayesScorer.INSTANCE));
        assertTrue(refused.getMessage().contains(expectedPart), refused.getMessage());
    }
}
