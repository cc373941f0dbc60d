package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.Example;
import io.nifidq.quality.profile.ProfileReport.Examples;
import io.nifidq.quality.profile.ProfileReport.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExampleRecordsTest {

    private static ProfileReport report(final List<RecordView> records) {
        return Records.profile(ProfileSettings.defaults("text", "label"), records).report();
    }

    @Test
    void anExactDuplicateIsShownWithItsRecordNumberAndFields() {
        final Examples examples = report(List.of(Records.of("text", "refund please", "label", "billing"),
                Records.of("text", "app crashes", "label", "technical"),
                Records.of("text", "refund please", "label", "billing"))).examples();
        assertEquals(List.of(new Example(3L, "text: refund please | label: billing", null, null)), examples.exactDuplicates());
    }

    @Test
    void aTextWithTwoLabelsIsShownWithBothLabels() {
        final Examples examples = report(List.of(Records.of("text", "where is my parcel", "label", "shipping"),
                Records.of("text", "where is my parcel", "label", "billing"))).examples();
        assertEquals(List.of(new Example(2L, "where is my parcel", "billing", "shipping")), examples.labelConflicts());
    }

    @Test
    void junkTextsAndNearDuplicatesAreShownInRecordOrder() {
        final Examples examples = report(List.of(Records.of("text", "caf\u00c3\u00a9 order was late and cold", "label", "a"),
                Records.of("text", "the quick brown fox jumps over the lazy dog today", "label", "a"),
                Records.of("text", "the quick brown fox jumps over the lazy dog today!", "label", "b"),
                Records.of("text", "fine &amp; dandy", "label", "b"))).examples();
        assertEquals(List.of(1L, 4L), examples.encodingJunk().stream().map(Example::record).toList());
        assertEquals(List.of(new Example(3L, "the quick brown fox jumps over the lazy dog today!", null, null, 2L, null)),
                examples.nearDuplicates(), "record 2's text is no example of its own: only its number is known");
    }

    @Test
    void aNearDuplicateOfAKeptTextShowsBothTexts() {
        final Examples examples = report(List.of(Records.of("text", "caf\u00c3\u00a9 order was late and cold again today", "label", "a"),
                Records.of("text", "the weather is fine", "label", "a"),
                Records.of("text", "caf\u00c3\u00a9 order was late and cold again today!", "label", "a"))).examples();
        assertEquals(List.of(new Example(3L, "caf\u00c3\u00a9 order was late and cold again today!", null, null, 1L,
                "caf\u00c3\u00a9 order was late and cold again today")), examples.nearDuplicates(), "record 1 is kept as encoding junk");
    }

    @Test
    void recordsWithoutATextCountInTheEarlierRecordsNumber() {
        final ProfileReport report = report(List.of(Records.of("text", "", "label", "a"),
                Records.of("text", "the quick brown fox jumps over the lazy dog today", "label", "a"),
                Records.of("text", null, "label", "a"),
                Records.of("text", "the quick brown fox jumps over the lazy dog today!", "label", "a")));
        assertEquals(List.of(new Example(4L, "the quick brown fox jumps over the lazy dog today!", null, null, 2L, null)),
                report.examples().nearDuplicates());
    }

    @Test
    void earlierTextsReadAgainFillTheNearDuplicatesThatLackThem() {
        final List<String> texts = List.of("", "the quick brown fox jumps over the lazy dog today", "x".repeat(400),
                "the quick brown fox jumps over the lazy dog today!", "a late one");
        final List<RecordView> records = new ArrayList<>();
        texts.forEach(text -> records.add(Records.of("text", text, "label", "a")));
        final ProfileReport report = report(records);
        final EarlierTexts earlier = EarlierTexts.wantedBy(report);
        assertTrue(earlier.needed());
        assertEquals(2, earlier.lastWanted());
        assertTrue(earlier.next(texts.get(0)), "record 1: record 2 is still wanted");
        assertFalse(earlier.next(texts.get(1)), "record 2 was the last one wanted: the reader stops");
        assertEquals(List.of(new Example(4L, "the quick brown fox jumps over the lazy dog today!", null, null, 2L,
                "the quick brown fox jumps over the lazy dog today")), earlier.fill(report).examples().nearDuplicates());
        assertEquals(report.examples().exactDuplicates(), earlier.fill(report).examples().exactDuplicates());
        assertFalse(EarlierTexts.wantedBy(earlier.fill(report)).needed(), "nothing left to read");
    }

    @Test
    void anEarlierTextReadAgainIsCutLikeEveryExample() {
        final String longText = "the quick brown fox jumps over the lazy dog " + "again and again ".repeat(30);
        final ProfileReport report = report(List.of(Records.of("text", longText, "label", "a"),
                Records.of("text", longText + "!", "label", "a")));
        final EarlierTexts earlier = EarlierTexts.wantedBy(report);
        assertFalse(earlier.next(longText));
        final Example pair = earlier.fill(report).examples().nearDuplicates().getFirst();
        assertEquals(1L, pair.otherRecord());
        assertEquals(longText.substring(0, ExampleRecords.MAX_CHARS) + "\u2026", pair.otherValue());
        assertEquals(pair.value(), pair.otherValue(), "both texts share their first 300 characters");
    }

    @Test
    void theSampleKeepsFiveExamplesPerKindCutToThreeHundredCharacters() {
        final List<RecordView> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(Records.of("text", "\u0001 " + "x".repeat(500) + i, "label", "a"));
        }
        final Examples examples = report(records).examples();
        assertEquals(ExampleRecords.PER_KIND, examples.encodingJunk().size());
        assertEquals(ExampleRecords.MAX_CHARS + 1, examples.encodingJunk().getFirst().value().length(), "300 characters and an ellipsis");
        assertEquals(5, examples.limitPerKind());
        assertEquals(300, examples.maxChars());
    }

    @Test
    void mergedProfilesNumberTheSecondBatchsRecordsAfterTheFirst() {
        final DatasetProfile first = Records.profile(ProfileSettings.defaults("text", null), List.of(Records.of("text", "a b c d")));
        first.merge(Records.profile(ProfileSettings.defaults("text", null), List.of(Records.of("text", "e f g"), Records.of("text", "e f g"))));
        assertEquals(List.of(3L), first.report().examples().exactDuplicates().stream().map(Example::record).toList());
    }

    @Test
    void mergedNearDuplicatesNameTheirEarlierRecordAfterTheFirstBatch() {
        final ProfileSettings settings = ProfileSettings.defaults("text", null);
        final DatasetProfile first = Records.profile(settings, List.of(Records.of("text", "the weather is fine"),
                Records.of("text", "see you at the station at six, bring the tickets please")));
        first.merge(Records.profile(settings, List.of(Records.of("text", "my parcel never arrived and nobody answers the phone"),
                Records.of("text", "my parcel never arrived and nobody answers the phone!"))));
        first.add(Records.of("text", "see you at the station at six, bring the tickets please!"));
        assertEquals(List.of(4L, 5L), first.report().examples().nearDuplicates().stream().map(Example::record).toList());
        assertEquals(List.of(3L, 2L), first.report().examples().nearDuplicates().stream().map(Example::otherRecord).toList(),
                "the second batch's records 1 and 2 are records 3 and 4; the record added after the merge is record 5");
        assertNull(first.report().examples().nearDuplicates().getFirst().otherValue(), "the second batch kept no example of its record 1");
    }

    @Test
    void aNumericFieldHasAHistogramOfEqualWidthBins() {
        final ProfileReport report = Records.profile(ProfileSettings.defaults(null, null),
                Records.column("n", "1", "2", "2", "3", "3", "3", "10")).report();
        final Histogram histogram = Records.field(report, "n").numeric().histogram();
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0), histogram.edges());
        assertEquals(List.of(1L, 2L, 3L, 0L, 0L, 0L, 0L, 0L, 0L, 1L), histogram.counts());
    }

    @Test
    void decimalsSpreadOverTenBinsFromTheirMinimumToTheirMaximum() {
        final ProfileReport report = Records.profile(ProfileSettings.defaults(null, null),
                Records.column("x", "0.0", "0.5", "0.95", "1.0")).report();
        final Histogram histogram = Records.field(report, "x").numeric().histogram();
        assertEquals(11, histogram.edges().size());
        assertEquals(0.0, histogram.edges().getFirst());
        assertEquals(1.0, histogram.edges().getLast());
        assertEquals(List.of(1L, 0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 2L), histogram.counts());
    }

    @Test
    void theTextSectionHasAHistogramOfTokensPerText() {
        final Histogram histogram = report(List.of(Records.of("text", "one", "label", "a"), Records.of("text", "one two", "label", "a"),
                Records.of("text", "one two", "label", "b"))).text().tokenHistogram();
        assertEquals(List.of(1.0, 2.0, 3.0), histogram.edges());
        assertEquals(List.of(1L, 2L), histogram.counts());
    }
}
