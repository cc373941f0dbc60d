package io.nifidq.quality.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Profiles merge: the merge of two halves' profiles is the profile of the whole. */
class ProfileMergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<RecordView> mixedBatch(final int size) {
        final Random random = new Random(7);
        final String[] words = {"win", "cash", "now", "hello", "friend", "call", "me", "later", "free", "prize", "房间", "很好"};
        final List<RecordView> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            final StringBuilder text = new StringBuilder();
            for (int w = 0; w < 4 + random.nextInt(6); w++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            final String label = switch (random.nextInt(5)) {
                case 0 -> "spam";
                case 1 -> " Spam";
                default -> "ham";
            };
            records.add(Records.of("text", i % 17 == 0 ? "" : text.toString(), "label", label,
                    "age", random.nextInt(10) == 0 ? "N/A" : String.valueOf(18 + random.nextInt(60)),
                    "city", random.nextBoolean() ? "Paris" : random.nextBoolean() ? "paris" : "Lyon"));
            if (i % 13 == 0) {
                records.add(records.getLast());
            }
        }
        return records;
    }

    @Test
    void mergingTheProfilesOfTwoHalvesGivesTheProfileOfTheWhole() throws Exception {
        final ProfileSettings settings = ProfileSettings.defaults("text", "label");
        final List<RecordView> records = mixedBatch(150);
        final DatasetProfile whole = Records.profile(settings, records);
        final DatasetProfile first = Records.profile(settings, records.subList(0, records.size() / 2));
        final DatasetProfile second = Records.profile(settings, records.subList(records.size() / 2, records.size()));
        first.merge(second);
        assertEquals(JSON.writeValueAsString(whole.report()), JSON.writeValueAsString(first.report()));
    }

    @Test
    void aFieldOnlyOneHalfHasIsMissingInTheOther() throws Exception {
        final ProfileSettings settings = ProfileSettings.defaults(null, null);
        final List<RecordView> records = List.of(Records.of("a", "1"), Records.of("a", "2"), Records.of("a", "3", "b", "x"));
        final DatasetProfile whole = Records.profile(settings, records);
        final DatasetProfile first = Records.profile(settings, records.subList(0, 2));
        first.merge(Records.profile(settings, records.subList(2, 3)));
        assertEquals(JSON.writeValueAsString(whole.report()), JSON.writeValueAsString(first.report()));
        assertEquals(2, Records.field(first.report(), "b").missing().nulls());
    }

    @Test
    void largeProfilesMergeWithinSketchAccuracy() {
        final ProfileSettings settings = ProfileSettings.defaults("text", "label");
        final List<RecordView> records = mixedBatch(20_000);
        final DatasetProfile whole = Records.profile(settings, records);
        final DatasetProfile first = Records.profile(settings, records.subList(0, 9_000));
        first.merge(Records.profile(settings, records.subList(9_000, records.size())));
        final ProfileReport merged = first.report();
        final ProfileReport expected = whole.report();
        assertEquals(expected.recordCount(), merged.recordCount());
        assertEquals(expected.duplicates().exactDuplicates(), merged.duplicates().exactDuplicates());
        assertEquals(expected.duplicates().nearDuplicates().records(), merged.duplicates().nearDuplicates().records());
        assertEquals(expected.labels().conflictingRecords(), merged.labels().conflictingRecords());
        assertEquals(expected.labels().classes(), merged.labels().classes());
        assertEquals(expected.text().noisyTexts(), merged.text().noisyTexts());
        assertEquals(expected.text().empty(), merged.text().empty());
        assertEquals(expected.text().tokens().total(), merged.text().tokens().total());
        final double wholeMedian = Records.field(expected, "age").numeric().quantiles().get("p50");
        final double mergedMedian = Records.field(merged, "age").numeric().quantiles().get("p50");
        assertEquals(wholeMedian, mergedMedian, 2.0);
        assertEquals(Records.field(expected, "age").numeric().mean(), Records.field(merged, "age").numeric().mean(), 1e-6);
    }
}
