package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.Scores;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuplicatesAndScoresTest {

    @Test
    void exactDuplicatesOfWholeRecords() {
        final DatasetProfile profile = Records.profile(ProfileSettings.defaults(null, null), List.of(
                Records.of("id", "1", "v", "a"), Records.of("id", "2", "v", "a"), Records.of("id", "1", "v", "a"),
                Records.of("id", "1", "v", null), Records.of("id", "1", "v", "a")));
        assertEquals(2, profile.exactDuplicates());
        assertEquals(0.4, profile.report().duplicates().exactDuplicateRatio());
    }

    @Test
    void exactDuplicatesOfChosenKeyFields() {
        final DatasetProfile profile = Records.profile(ProfileSettings.defaults(null, null).withDuplicateKeyFields(List.of("id")), List.of(
                Records.of("id", "1", "v", "a"), Records.of("id", "2", "v", "a"), Records.of("id", "1", "v", "b")));
        assertEquals(1, profile.exactDuplicates());
    }

    @Test
    void nullAndTheTextNullAreDifferentKeys() {
        final DatasetProfile profile = Records.profile(ProfileSettings.defaults(null, null), List.of(
                Records.of("a", null, "b", "x"), Records.of("a", "x", "b", null)));
        assertEquals(0, profile.exactDuplicates());
    }

    @Test
    void nearDuplicatesAreTextsAboveTheJaccardThreshold() {
        // Case, spacing and two added characters keep the Jaccard similarity of 5-character shingles above 0.9.
        final DatasetProfile profile = Records.profile(ProfileSettings.defaults("text", null), List.of(
                Records.of("text", "Congratulations! You have won a free cruise to the Bahamas, call 0800 123 456 now"),
                Records.of("text", "Congratulations!  You have won a FREE cruise to the Bahamas, call 0800 123 456 now"),
                Records.of("text", "Congratulations! You have won a free cruise to the Bahamas, call 0800 123 456 now!!"),
                Records.of("text", "See you at the station at six, bring the tickets please"),
                Records.of("text", "   ")));
        assertEquals(2, profile.nearDuplicates());
        assertEquals(0, profile.exactDuplicates());
        final DatasetProfile oneDigitChanged = Records.profile(ProfileSettings.defaults("text", null), List.of(
                Records.of("text", "call 0800 123 456 now"), Records.of("text", "call 0800 123 457 now")));
        assertEquals(0, oneDigitChanged.nearDuplicates(), "a changed digit alters 5 of 17 shingles: Jaccard 12/22, far below 0.9");
        assertFalse(profile.report().duplicates().nearDuplicates().sampled());
    }

    @Test
    void theNearDuplicateIndexStopsGrowingAtItsLimitAndSaysItSampled() {
        final List<RecordView> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(Records.of("text", "message number " + i + " about something quite different " + (i * 7919)));
        }
        records.add(Records.of("text", "message number 1 about something quite different 7919"));
        final DatasetProfile profile = Records.profile(ProfileSettings.defaults("text", null).withNearDuplicates(0.9, 4), records);
        final ProfileReport.NearDuplicates near = profile.report().duplicates().nearDuplicates();
        assertEquals(4, near.indexedTexts());
        assertTrue(near.sampled());
        assertTrue(near.checkedTexts() < 11, "beyond the limit only a share of the texts is compared: " + near.checkedTexts());
    }

    @Test
    void beyondItsLimitTheIndexEstimatesTheNearDuplicateCountWithoutBias() {
        final List<RecordView> records = new ArrayList<>();
        final java.util.Random random = new java.util.Random(7);
        final List<String> originals = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            originals.add(randomSentence(random, 16));
            records.add(Records.of("text", originals.get(i)));
        }
        int nearCopies = 0;
        for (int i = 1_000; i < 20_000; i++) {
            if (i % 4 == 0) {
                records.add(Records.of("text", originals.get(i % 1_000) + "!"));
                nearCopies++;
            } else {
                records.add(Records.of("text", randomSentence(random, 16)));
            }
        }
        final DatasetProfile profile = Records.profile(ProfileSettings.defaults("text", null).withNearDuplicates(0.9, 1_000), records);
        final ProfileReport.NearDuplicates near = profile.report().duplicates().nearDuplicates();
        assertTrue(near.sampled());
        assertEquals(1_000, near.indexedTexts());
        // About limit * (1 + ln(20)) = 4,000 comparisons instead of 20,000, so about 1,000 hits: a standard error near 3%.
        assertTrue(near.checkedTexts() < 5_000, "checked " + near.checkedTexts());
        assertEquals(nearCopies, near.records(), 0.1 * nearCopies, "estimate " + near.records() + " of " + nearCopies);
    }

    private static String randomSentence(final java.util.Random random, final int words) {
        final StringBuilder sentence = new StringBuilder();
        for (int w = 0; w < words; w++) {
            sentence.append(w == 0 ? "" : " ");
            for (int c = 2 + random.nextInt(6); c > 0; c--) {
                sentence.append((char) ('a' + random.nextInt(26)));
            }
        }
        return sentence.toString();
    }

    @Test
    void lshBandsPutTheCandidateThresholdBelowTheJaccardThreshold() {
        assertEquals(7, NearDuplicateIndex.rowsPerBand(0.9));
        final int rows = NearDuplicateIndex.rowsPerBand(0.5);
        final int bands = 64 / rows;
        assertTrue(Math.pow(1.0 / bands, 1.0 / rows) < 0.5);
    }

    @Test
    void scoresOfACleanBatchAreOne() {
        final Scores scores = Records.profile(ProfileSettings.defaults("text", "label"), List.of(
                Records.of("text", "the first message", "label", "a"),
                Records.of("text", "another message entirely", "label", "b"))).report().scores();
        assertEquals(1.0, scores.completeness());
        assertEquals(1.0, scores.validity());
        assertEquals(1.0, scores.consistency());
        assertEquals(1.0, scores.uniqueness());
        assertEquals(1.0, scores.balance());
        assertEquals(1.0, scores.noise());
        assertEquals(1.0, scores.overall());
    }

    @Test
    void scoresFollowTheDocumentedFormulas() {
        final Scores scores = Records.profile(ProfileSettings.defaults("text", "label"), List.of(
                Records.of("text", "hello there friend", "label", "ham", "n", "1"),
                Records.of("text", "hello there friend", "label", "ham", "n", "x"),
                Records.of("text", "", "label", "spam", "n", "3"),
                Records.of("text", "win &amp; cash", "label", "ham", "n", "4"))).report().scores();
        // 12 cells, 1 missing (the empty text)
        assertEquals(1 - 1 / 12.0, scores.completeness(), 1e-6);
        // n holds 3 integers of 4 values: 75% is under the 80% needed to infer INTEGER, so n is a STRING field and "x" is valid
        assertEquals(1.0, scores.validity());
        // one exact duplicate record of four
        assertEquals(0.75, scores.uniqueness());
        // 3 non-empty texts, 1 with an HTML entity
        assertEquals(1 - 1 / 3.0, scores.noise(), 1e-6);
        // 3 ham, 1 spam
        assertEquals(0.811278, scores.balance());
        final double overall = (0.25 * scores.completeness() + 0.15 * scores.validity() + 0.15 * scores.consistency()
                + 0.15 * scores.uniqueness() + 0.10 * scores.balance() + 0.20 * scores.noise());
        assertEquals(overall, scores.overall(), 1e-5);
    }

    @Test
    void dimensionsThatCannotBeMeasuredAreLeftOutOfTheOverallScore() {
        final Scores scores = Records.profile(ProfileSettings.defaults(null, null), List.of(
                Records.of("a", "1"), Records.of("a", null))).report().scores();
        assertNull(scores.balance());
        assertNull(scores.noise());
        final double expected = (0.25 * 0.5 + 0.15 * 1.0 + 0.15 * 1.0 + 0.15 * 1.0) / 0.70;
        assertEquals(expected, scores.overall(), 1e-5);
    }

    @Test
    void anEmptyBatchHasNoScores() {
        final ProfileReport report = new DatasetProfile(ProfileSettings.defaults("text", "label")).report();
        assertEquals(0, report.recordCount());
        assertNull(report.scores().overall());
    }

    @Test
    void aConfiguredFieldThatIsNotInTheRecordsIsAClearError() {
        final DatasetProfile profile = new DatasetProfile(ProfileSettings.defaults("body", "label"));
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> profile.add(Records.of("text", "hi", "label", "x")));
        assertEquals("Text Field 'body' is not a field of the records; their fields are [text, label]", error.getMessage());
        assertEquals(0, profile.recordCount());
    }
}
