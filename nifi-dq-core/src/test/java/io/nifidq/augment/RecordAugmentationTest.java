package io.nifidq.augment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordAugmentationTest {

    private static final CopyMarkers MARKERS = new CopyMarkers("is_copy", "origin");

    private static RecordAugmentation augmentation(final String labelField) {
        return new RecordAugmentation(new Augmenter(AugmentSettings.eda(42), OperationsTest.synonyms(), OperationsTest.synonyms(),
                ChineseSplitter.shared()), "text", labelField, MARKERS);
    }

    private static Map<String, Object> record(final String text, final String label) {
        final Map<String, Object> record = new LinkedHashMap<>();
        record.put("text", text);
        record.put("label", label);
        return record;
    }

    @Test
    void eachRecordIsWrittenMarkedThenItsCopiesPointingBackToIt() {
        final RecordAugmentation augmentation = augmentation(null);
        final List<Map<String, Object>> out = new ArrayList<>();
        augmentation.augment(record(OperationsTest.ENGLISH, "a"), CopyPlan.fixed(2), out::add);
        augmentation.augment(record("", "a"), CopyPlan.fixed(2), out::add);

        assertEquals(4, out.size(), "the first record and its two copies, then the empty one alone");
        assertEquals(List.of(false, true, true, false), out.stream().map(r -> r.get("is_copy")).toList());
        assertEquals(List.of(0L, 0L, 0L, 1L), out.stream().map(r -> r.get("origin")).toList());
        assertEquals(List.of("text", "label", "is_copy", "origin"), List.copyOf(out.get(1).keySet()));
        final RecordAugmentation.Counts counts = augmentation.counts();
        assertEquals(2, counts.recordsIn());
        assertEquals(2, counts.generated());
        assertEquals(1, counts.emptyTexts());
        assertEquals(Map.of(Language.ENGLISH, 1L), counts.languages());
        assertTrue(counts.classesBefore().isEmpty(), "no label field, no class counts");
    }

    @Test
    void theCountingPassPlansCopiesThatBringEveryClassToTheLargest() {
        final RecordAugmentation augmentation = augmentation("label");
        final List<Map<String, Object>> records = List.of(record(OperationsTest.ENGLISH, "big"), record(OperationsTest.ENGLISH, "big"),
                record(OperationsTest.ENGLISH, "big"), record(OperationsTest.ENGLISH, "small"), record("no label here", null));
        records.forEach(augmentation::count);
        final CopyPlan plan = augmentation.rebalancingPlan(1.0, 50);
        records.forEach(record -> augmentation.augment(record, plan, out -> { }));

        final RecordAugmentation.Counts counts = augmentation.counts();
        assertEquals(Map.of("big", 3L, "small", 1L), counts.classesBefore());
        assertEquals(Map.of("big", 3L, "small", 3L), counts.classesAfter());
        assertEquals(2, counts.generated());
        assertEquals(1, counts.unlabelled());
    }

    @Test
    void markersTheRecordAlreadyCarriesAreKeptAndOnlyMarkedCopiesWithASourceAreCopies() {
        final Map<String, Object> augmented = new LinkedHashMap<>(Map.of("is_copy", "TRUE", "origin", " 7 "));
        assertEquals(augmented, MARKERS.markOriginal(augmented, 3));
        assertTrue(MARKERS.isCopy(augmented));
        assertEquals(7L, MARKERS.sourceIndex(augmented));
        assertFalse(MARKERS.isCopy(Map.of("is_copy", true)), "a copy without a source has nothing to stay with");
        assertNull(MARKERS.sourceIndex(Map.of("origin", " ")));
        assertFalse(MARKERS.isCopy(Map.of("dq_augmented", true, "dq_source_index", 1L)), "other names are not these markers");
    }
}
