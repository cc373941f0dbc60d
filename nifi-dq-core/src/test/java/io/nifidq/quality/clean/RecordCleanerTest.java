package io.nifidq.quality.clean;

import io.nifidq.quality.clean.CleaningRules.ConflictResolution;
import io.nifidq.quality.clean.CleaningRules.MissingValueStrategy;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordCleanerTest {

    private static CleaningRules rules(final CleaningRules.MissingValueRule missing, final CleaningRules.LabelRule labels) {
        return new CleaningRules(Set.of("n/a"), TextNormalization.DEFAULT, List.of(), "text", "label", labels,
                CleaningRules.CoercionRule.NONE, new CleaningRules.TextLengthRule(1, 1000, false), missing,
                CleaningRules.OutlierRule.NONE, CleaningRules.StandardizationRule.NONE,
                new CleaningRules.DuplicateRule(true, List.of(), false, 0.9, 0));
    }

    private static Map<String, Object> record(final Object text, final Object label, final Object n) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("text", text);
        values.put("label", label);
        values.put("n", n);
        return values;
    }

    @Test
    void aRejectedRecordComesBackUnchangedWithItsReason() {
        final RecordCleaner cleaner = new RecordCleaner(rules(CleaningRules.MissingValueRule.NONE, CleaningRules.LabelRule.NONE),
                new CleaningCounts());
        final Map<String, Object> first = record(" hello ", "a", "1");
        assertFalse(cleaner.clean(first).rejected());
        final Map<String, Object> again = record("hello", "a", "1");
        final RecordCleaner.Outcome outcome = cleaner.clean(again);
        assertTrue(outcome.rejected());
        assertEquals("duplicates: exact duplicate of an earlier record", outcome.rejection());
        assertEquals(again, outcome.values());
        assertEquals(" hello ", first.get("text"), "the input map is never changed");
    }

    @Test
    void theMedianOfTheFirstPassFillsMissingNumbers() {
        final RecordCleaner cleaner = new RecordCleaner(
                rules(new CleaningRules.MissingValueRule(MissingValueStrategy.MEDIAN, null, List.of("n")), CleaningRules.LabelRule.NONE),
                new CleaningCounts());
        final List<Map<String, Object>> batch = List.of(record("a", "x", "1"), record("b", "x", "5"), record("c", "x", "N/A"),
                record("d", "x", "7"));
        batch.forEach(cleaner::learn);
        assertEquals(5.0, cleaner.clean(batch.get(2)).values().get("n"));
    }

    @Test
    void labelVotesFindTheMajorityAndTies() {
        final LabelVotes votes = new LabelVotes();
        votes.add("t", "a");
        votes.add("t", "b");
        votes.add("t", "a");
        votes.add("u", "a");
        votes.add("u", "b");
        votes.add("v", "c");
        assertEquals(new LabelVotes.Verdict(true, "a"), votes.verdict("t"));
        assertEquals(new LabelVotes.Verdict(true, null), votes.verdict("u"));
        assertEquals(LabelVotes.Verdict.AGREED, votes.verdict("v"));
        assertEquals(LabelVotes.Verdict.AGREED, votes.verdict("never seen"));
        assertEquals(2, votes.conflictingTexts());
    }

    @Test
    void aLabelIsFoldedMappedAndSpelledAsTheAllowedSetSpellsIt() {
        final CleaningRules.LabelRule folding = new CleaningRules.LabelRule(true, Map.of("junk", "SPAM"), Map.of(), ConflictResolution.KEEP);
        assertEquals("spam", folding.canonical(" Spam "));
        assertEquals("spam", folding.canonical("JUNK"));
        final CleaningRules.LabelRule allowed = CleaningRules.LabelRule.of(true, List.of(Map.entry(" JUNK", "SPAM")), List.of("Spam", "SPAM"),
                ConflictResolution.KEEP);
        assertEquals("Spam", allowed.canonical("junk"));
        assertEquals("Spam", allowed.canonical("sPaM"));
        assertNull(allowed.canonical("ham"));
        final CleaningRules.LabelRule exact = new CleaningRules.LabelRule(false, Map.of(), Map.of("Spam", "Spam"), ConflictResolution.KEEP);
        assertEquals("Spam", exact.canonical(" Spam"));
        assertNull(exact.canonical("spam"));
    }

    @Test
    void conflictsAreJudgedOnTheRepairedText() {
        final RecordCleaner cleaner = new RecordCleaner(rules(CleaningRules.MissingValueRule.NONE,
                new CleaningRules.LabelRule(true, Map.of(), Map.of(), ConflictResolution.MAJORITY)), new CleaningCounts());
        final List<Map<String, Object>> batch = List.of(record("win  cash", "spam", null), record("win cash ", "SPAM", null),
                record("win cash", "ham", null));
        batch.forEach(cleaner::learn);
        final RecordCleaner.Outcome last = cleaner.clean(batch.get(2));
        assertFalse(last.rejected());
        assertEquals("spam", last.values().get("label"));
        assertNull(cleaner.clean(record("other", "ham", null)).rejection());
    }
}
