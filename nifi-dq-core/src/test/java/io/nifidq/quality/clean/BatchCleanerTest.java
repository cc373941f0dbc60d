package io.nifidq.quality.clean;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchCleanerTest {

    private static CleaningRules rules(final CleaningRules.MissingValueRule missing) {
        return new CleaningRules(Set.of("n/a"), TextNormalization.DEFAULT, List.of(), "text", null, CleaningRules.LabelRule.NONE,
                CleaningRules.CoercionRule.NONE, new CleaningRules.TextLengthRule(1, 1000, false), missing,
                CleaningRules.OutlierRule.NONE, CleaningRules.StandardizationRule.NONE, CleaningRules.DuplicateRule.NONE);
    }

    @Test
    void cleanAllLearnsFromEveryRecordBeforeCleaningTheFirst() {
        final BatchCleaner batch = new BatchCleaner(rules(new CleaningRules.MissingValueRule(CleaningRules.MissingValueStrategy.MEDIAN,
                null, List.of("n"))));
        assertTrue(batch.needsLearningPass());
        final List<RecordCleaner.Outcome> outcomes = batch.cleanAll(List.of(Map.of("text", "a", "n", "n/a"), Map.of("text", "b", "n", 1),
                Map.of("text", "c", "n", 2), Map.of("text", "d", "n", 3), Map.of("text", " ", "n", 2)));
        assertEquals(2.0, ((Number) outcomes.getFirst().values().get("n")).doubleValue(), "the median of the batch fills the first record");
        assertEquals("text: the text is empty", outcomes.get(4).rejection());
        assertEquals(new BatchCleaner.Tally(5, 1), batch.tally());
        assertEquals(4, batch.tally().recordsKept());
        assertEquals(1, batch.counts().nonZero().get(CleaningCounts.MISSING_FILLED));
    }

    @Test
    void rulesWithoutBatchStatisticsNeedNoLearningPass() {
        final BatchCleaner batch = new BatchCleaner(rules(CleaningRules.MissingValueRule.NONE));
        assertFalse(batch.needsLearningPass());
        assertEquals(List.of("kept", "text: the text is empty"), batch.cleanAll(List.of(Map.of("text", " kept "), Map.of("text", "")))
                .stream().map(o -> o.rejected() ? o.rejection() : o.values().get("text")).toList());
    }
}
