package io.nifidq.quality.profile;

import io.nifidq.quality.profile.ProfileReport.Example;
import io.nifidq.quality.profile.ProfileReport.Examples;
import io.nifidq.quality.profile.ProfileReport.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals(List.of(new Example(3L, "the quick brown fox jumps over the lazy dog today!", null, null)), examples.nearDuplicates());
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
