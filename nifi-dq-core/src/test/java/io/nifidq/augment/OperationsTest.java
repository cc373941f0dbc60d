package io.nifidq.augment;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each operation on its own, with a fixed seed and the exact text it must produce, in English and in Chinese.
 * The synonyms come from a small user file, so the expectations depend on nothing but this code.
 */
class OperationsTest {

    static final long SEED = 7;

    static final String ENGLISH = "The hotel staff were friendly, and the room was clean: 10 out of 10!";
    static final String CHINESE = "酒店的服务很好，房间也很干净，住了3晚。";

    static SynonymSource synonyms() {
        try {
            return UserSynonyms.read(new StringReader("""
                    hotel,inn
                    staff,employees,personnel
                    friendly,kind
                    room,chamber
                    clean,tidy,spotless
                    酒店,宾馆,饭店
                    服务,招待
                    房间,屋子
                    干净,整洁,清洁
                    """));
        } catch (final IOException e) {
            throw new AssertionError(e);
        }
    }

    static String apply(final Language language, final String text, final Operation operation, final double alpha) {
        final TextSplitter splitter = language == Language.CHINESE ? ChineseSplitter.shared() : LatinSplitter.INSTANCE;
        final List<Token> tokens = new ArrayList<>(splitter.split(text));
        final Operations operations = new Operations(language, synonyms(), splitter.wordSeparator());
        assertTrue(operations.apply(operation, tokens, alpha, new SplittableRandom(SEED)), operation + " changed nothing");
        return Augmenter.join(tokens);
    }

    /** Applies the operation and checks the exact text it gives, with the numbers and punctuation left in place. */
    static void assertAugmentsTo(final String expected, final Language language, final String text, final Operation operation,
                                 final double alpha) {
        final String augmented = apply(language, text, operation, alpha);
        assertEquals(expected, augmented);
        assertEquals(fixedTokens(language, text), fixedTokens(language, augmented));
    }

    /** The non-word tokens (numbers, punctuation) in order: what every operation must leave alone. */
    static List<String> fixedTokens(final Language language, final String text) {
        final TextSplitter splitter = language == Language.CHINESE ? ChineseSplitter.shared() : LatinSplitter.INSTANCE;
        return splitter.split(text).stream().filter(t -> t.kind() == Token.Kind.NUMBER || t.kind() == Token.Kind.OTHER)
                .map(Token::text).toList();
    }

    @Nested
    class English {

        @Test
        void synonymReplacementSwapsNonStopwordsForSynonymsInTheirCase() {
            assertAugmentsTo("The inn staff were friendly, and the chamber was clean: 10 out of 10!",
                    Language.ENGLISH, ENGLISH, Operation.SYNONYM_REPLACEMENT, 0.2);
        }

        @Test
        void randomInsertionAddsSynonymsBetweenWords() {
            assertAugmentsTo("The hotel staff were friendly, and the room was clean: 10 employees personnel out of 10!",
                    Language.ENGLISH, ENGLISH, Operation.RANDOM_INSERTION, 0.2);
        }

        @Test
        void randomSwapExchangesWordsAndLeavesPunctuationAndNumbersInPlace() {
            assertAugmentsTo("hotel The staff were out, and the room was clean: 10 friendly of 10!",
                    Language.ENGLISH, ENGLISH, Operation.RANDOM_SWAP, 0.2);
        }

        @Test
        void randomDeletionDropsWordsWithTheirSpace() {
            assertAugmentsTo("The staff were friendly, the room clean: 10 of 10!",
                    Language.ENGLISH, ENGLISH, Operation.RANDOM_DELETION, 0.3);
        }

        @Test
        void characterNoiseMisspellsWordsLikeKeyboardTypos() {
            assertAugmentsTo("Tye hotel staff were friendyl, and the room was clean: 10 out of 10!",
                    Language.ENGLISH, ENGLISH, Operation.CHARACTER_NOISE, 0.2);
        }

        @Test
        void stopwordsAreNeverReplaced() {
            final SynonymSource everything = word -> List.of("X");
            final List<Token> tokens = new ArrayList<>(LatinSplitter.INSTANCE.split("the and of it was"));
            final Operations operations = new Operations(Language.ENGLISH, everything, " ");
            assertFalse(operations.apply(Operation.SYNONYM_REPLACEMENT, tokens, 1.0, new SplittableRandom(SEED)));
            assertFalse(operations.apply(Operation.RANDOM_INSERTION, tokens, 1.0, new SplittableRandom(SEED)));
            assertEquals("the and of it was", Augmenter.join(tokens));
        }

        @Test
        void deletionKeepsOneWordWhenEveryWordWouldGo() {
            final List<Token> tokens = new ArrayList<>(LatinSplitter.INSTANCE.split("Hello, brave new world."));
            new Operations(Language.ENGLISH, SynonymSource.NONE, " ").apply(Operation.RANDOM_DELETION, tokens, 1.0, new SplittableRandom(SEED));
            assertEquals(1, Operations.wordIndexes(tokens).size(), Augmenter.join(tokens));
            assertEquals(List.of(",", "."), tokens.stream().filter(t -> t.kind() == Token.Kind.OTHER).map(Token::text).toList());
        }

        @Test
        void replacementsFollowTheCaseOfTheWord() {
            assertEquals("Inn", Operations.matchCase("Hotel", "inn"));
            assertEquals("INN", Operations.matchCase("HOTEL", "inn"));
            assertEquals("inn", Operations.matchCase("hotel", "inn"));
        }
    }

    @Nested
    class Chinese {

        @Test
        void synonymReplacementUsesSegmentedWords() {
            assertAugmentsTo("酒店的招待很好，屋子也很干净，住了3晚。", Language.CHINESE, CHINESE, Operation.SYNONYM_REPLACEMENT, 0.2);
        }

        @Test
        void randomInsertionAddsSynonymsWithoutSpaces() {
            final String augmented = apply(Language.CHINESE, CHINESE, Operation.RANDOM_INSERTION, 0.2);
            assertEquals("酒店宾馆的服务很好，房间也很干净，住清洁了3晚。", augmented);
            assertFalse(augmented.contains(" "));
        }

        @Test
        void randomSwapExchangesWordsNotCharacters() {
            assertAugmentsTo("酒店服务的房间，很好也很干净，住了3晚。", Language.CHINESE, CHINESE, Operation.RANDOM_SWAP, 0.2);
        }

        @Test
        void randomDeletionDropsWholeWords() {
            assertAugmentsTo("酒店服务很好，房间很干净，了3。", Language.CHINESE, CHINESE, Operation.RANDOM_DELETION, 0.3);
        }

        @Test
        void characterNoiseOnlyTouchesLatinWords() {
            final String text = "这个app很好用，推荐下载。";
            final String augmented = apply(Language.CHINESE, text, Operation.CHARACTER_NOISE, 0.2);
            assertEquals("这个ap很好用，推荐下载。", augmented);
            final List<Token> pure = new ArrayList<>(ChineseSplitter.shared().split(CHINESE));
            assertFalse(new Operations(Language.CHINESE, synonyms(), "").apply(Operation.CHARACTER_NOISE, pure, 0.5, new SplittableRandom(SEED)));
        }

        @Test
        void chineseStopwordsAreNeverReplaced() {
            final SynonymSource everything = word -> List.of("某");
            final List<Token> tokens = new ArrayList<>(ChineseSplitter.shared().split("我们的"));
            assertFalse(new Operations(Language.CHINESE, everything, "").apply(Operation.SYNONYM_REPLACEMENT, tokens, 1.0, new SplittableRandom(SEED)));
        }
    }
}
