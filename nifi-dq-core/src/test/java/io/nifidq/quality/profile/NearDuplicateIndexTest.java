package io.nifidq.quality.profile;

import io.nifidq.quality.hash.MinHasher;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index names the earlier record a near duplicate resembles: it keeps a record number, not a text, per indexed text. */
class NearDuplicateIndexTest {

    private static final String CRUISE = "Congratulations! You have won a free cruise to the Bahamas, call 0800 123 456 now";
    private static final String CRUISE_AGAIN = "Congratulations!  You have won a FREE cruise to the Bahamas, call 0800 123 456 now";
    private static final String STATION = "See you at the station at six, bring the tickets please and the umbrella too";
    private static final String STATION_AGAIN = STATION + "!";
    private static final String REPORT = "The quarterly report is due on Friday, please send your figures to Anna";
    private static final String PARCEL = "My parcel never arrived and the tracking page has not changed for a week";

    private static NearDuplicateIndex index(final int limit) {
        return new NearDuplicateIndex(new MinHasher(), 0.9, limit);
    }

    @Test
    void aNearDuplicateNamesTheRecordNumberTheCallerGaveTheEarlierText() {
        final NearDuplicateIndex index = index(100);
        assertFalse(index.observe(CRUISE, 2));
        assertEquals(0, index.matchedRecord(), "no match yet");
        assertFalse(index.observe(STATION, 5));
        assertTrue(index.observe(STATION_AGAIN, 6));
        assertEquals(5, index.matchedRecord());
        assertFalse(index.observe(REPORT, 7));
        assertEquals(5, index.matchedRecord(), "a text that matches nothing leaves the last match as it was");
        assertTrue(index.observe(CRUISE_AGAIN, 9));
        assertEquals(2, index.matchedRecord());
    }

    @Test
    void addNumbersTextsByTheirPositionBlankOnesIncluded() {
        final NearDuplicateIndex index = index(100);
        assertFalse(index.add(CRUISE));
        assertFalse(index.add("   "));
        assertFalse(index.add(STATION));
        assertTrue(index.add(CRUISE_AGAIN));
        assertEquals(1, index.matchedRecord());
        assertTrue(index.add(STATION_AGAIN));
        assertEquals(3, index.matchedRecord());
    }

    @Test
    void aFullIndexStillNamesTheIndexedRecordALaterTextResembles() {
        final NearDuplicateIndex index = index(2);
        index.add(CRUISE);
        index.add(STATION);
        assertFalse(index.add(REPORT));
        assertEquals(2, index.indexed());
        assertTrue(index.add(CRUISE_AGAIN));
        assertEquals(1, index.matchedRecord());
    }

    @Test
    void mergedTextsAreNumberedAfterTheRecordsOfTheFirstPass() {
        final NearDuplicateIndex first = index(100);
        first.observe(CRUISE, 1);
        first.observe(REPORT, 2);
        final NearDuplicateIndex second = index(100);
        second.observe(PARCEL, 1);
        second.observe(STATION, 3);
        first.merge(second, 4);
        assertEquals(4, first.indexed());
        assertEquals(0, first.matchedRecord(), "merging is no match of a new text");
        assertTrue(first.observe(STATION_AGAIN, 9));
        assertEquals(7, first.matchedRecord(), "the second pass's record 3, after the first pass's 4 records");
        assertTrue(first.observe(CRUISE_AGAIN, 10));
        assertEquals(1, first.matchedRecord());
    }

    @Test
    void eachIndexedTextCostsItsSignatureFlagRecordNumberAndBandLinks() {
        final NearDuplicateIndex index = index(100);
        assertEquals(9, index.bands());
        assertEquals(64 * 4 + 1 + 4 + 9 * (4 + 32), index.bytesPerIndexedText());
        assertEquals(585, index.bytesPerIndexedText());
    }
}
