package io.nifidq.augment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmenterTest {

    private static Augmenter augmenter(final AugmentSettings settings) {
        return new Augmenter(settings, OperationsTest.synonyms(), OperationsTest.synonyms(), ChineseSplitter.shared());
    }

    @Test
    void theSameTextIndexAndSeedGiveTheSameCopies() {
        final List<Augmenter.Copy> first = augmenter(AugmentSettings.eda(42)).augment(OperationsTest.ENGLISH, 3, 8).copies();
        final List<Augmenter.Copy> again = augmenter(AugmentSettings.eda(42)).augment(OperationsTest.ENGLISH, 3, 8).copies();
        assertEquals(first, again);
        assertNotEquals(first, augmenter(AugmentSettings.eda(43)).augment(OperationsTest.ENGLISH, 3, 8).copies());
        assertNotEquals(first, augmenter(AugmentSettings.eda(42)).augment(OperationsTest.ENGLISH, 4, 8).copies());
    }

    @Test
    void onePerCopyRotatesOverTheEnabledOperations() {
        // At alpha 0.3 a deletion always removes something here; at 0.1 it may not, and the copy falls to the next operation.
        final AugmentSettings settings = new AugmentSettings(Map.of(Operation.SYNONYM_REPLACEMENT, 0.3, Operation.RANDOM_INSERTION, 0.3,
                Operation.RANDOM_SWAP, 0.3, Operation.RANDOM_DELETION, 0.3), false, null, 42);
        final List<Augmenter.Copy> copies = augmenter(settings).augment(OperationsTest.ENGLISH, 0, 8).copies();
        final Map<Operation, Long> perOperation = copies.stream().collect(Collectors.groupingBy(c -> c.operations().getFirst(), Collectors.counting()));
        assertEquals(Map.of(Operation.SYNONYM_REPLACEMENT, 2L, Operation.RANDOM_INSERTION, 2L, Operation.RANDOM_SWAP, 2L,
                Operation.RANDOM_DELETION, 2L), perOperation);
        copies.forEach(copy -> assertEquals(1, copy.operations().size()));
        copies.forEach(copy -> assertNotEquals(OperationsTest.ENGLISH, copy.text()));
    }

    @Test
    void allPerCopyAppliesEveryEnabledOperationInOrder() {
        final AugmentSettings all = new AugmentSettings(Map.of(Operation.SYNONYM_REPLACEMENT, 0.1, Operation.RANDOM_SWAP, 0.1,
                Operation.CHARACTER_NOISE, 0.1), true, null, 1);
        final Augmenter.Copy copy = augmenter(all).augment(OperationsTest.ENGLISH, 0, 1).copies().getFirst();
        assertEquals(List.of(Operation.SYNONYM_REPLACEMENT, Operation.RANDOM_SWAP, Operation.CHARACTER_NOISE), copy.operations());
    }

    @Test
    void aTextOfAnUnknownLanguageGetsOnlySwapAndDeletion() {
        final Augmenter.Result result = augmenter(AugmentSettings.eda(42)).augment("Привет мир, как дела сегодня", 0, 6);
        assertEquals(Language.UNKNOWN, result.language());
        final Set<Operation> used = result.copies().stream().flatMap(c -> c.operations().stream()).collect(Collectors.toSet());
        assertEquals(Set.of(Operation.RANDOM_SWAP, Operation.RANDOM_DELETION), used);
    }

    @Test
    void aFixedLanguageOverridesDetection() {
        final AugmentSettings none = new AugmentSettings(AugmentSettings.eda(1).rates(), false, Language.UNKNOWN, 1);
        final Augmenter.Result result = augmenter(none).augment(OperationsTest.ENGLISH, 0, 4);
        assertEquals(Language.UNKNOWN, result.language());
        result.copies().forEach(copy -> assertTrue(copy.operations().getFirst().languageFree(), copy.toString()));
    }

    @Test
    void aCopyNoOperationCanChangeIsTheTextItself() {
        final AugmentSettings synonymsOnly = new AugmentSettings(Map.of(Operation.SYNONYM_REPLACEMENT, 0.5), false, null, 1);
        final Augmenter.Copy copy = augmenter(synonymsOnly).augment("Nothing here has a synonym.", 0, 1).copies().getFirst();
        assertEquals("Nothing here has a synonym.", copy.text());
        assertTrue(copy.operations().isEmpty());
    }

    @Test
    void chineseCopiesAreExactForAFixedSeed() {
        final List<String> texts = augmenter(AugmentSettings.eda(42)).augment(OperationsTest.CHINESE, 0, 4).copies().stream()
                .map(Augmenter.Copy::text).toList();
        assertEquals(List.of("酒店服务很好，房间也很干净，住了3。", "酒店的服务很好，屋子也很干净，住了3晚。",
                "酒店的服务很好，房间也很干净，整洁住了3晚。", "酒店的服务很好，也房间很干净，住了3晚。"), texts);
    }

    @Test
    void ratesOutsideZeroToOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AugmentSettings(Map.of(Operation.RANDOM_SWAP, 1.5), false, null, 1));
    }
}
